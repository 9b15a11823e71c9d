package dev.mlops.preprocessing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Stability;
import java.util.ArrayList;
import java.util.List;

/**
 * How current data differs from a reference {@link DataProfile}, feature by feature, with a status per feature and
 * overall, and the retraining trigger {@link #shouldRetrain()}. Made by {@link DataProfile#drift(Frame)}.
 *
 * <pre>{@code
 * DriftReport r = reference.drift(lastWeek);
 * System.out.println(r.toTable());
 * if (r.shouldRetrain()) {
 *   scheduler.retrain("churn", r.toJson());
 * }
 * }</pre>
 *
 * <h2>Statistics</h2>
 * <ul>
 *   <li><b>PSI</b> (numeric and categorical): {@code PSI = sum_i (a_i - e_i) * ln(a_i / e_i)}, where {@code e_i}
 *       is the reference's share of bin {@code i} and {@code a_i} the current data's, each first floored at
 *       {@link DriftOptions#epsilon()} ({@code 1e-4} by default) so an empty bin counts as large but finite; the
 *       shares are not renormalised after flooring. Numeric bins are the reference's decile bins
 *       ({@link ColumnProfile#binEdges()}), open at both ends, so current values outside the reference's range
 *       fall into the first or last bin and still count (unlike a histogram over the reference's range, which drops
 *       them). The reference shares come from its sample; the current shares from every current value.
 *       Categorical bins are the reference's kept categories plus one "other" bin holding the reference's other
 *       values and every current value the reference did not keep (new categories). Missing values are left out
 *       of both; compare {@link FeatureDrift#referenceNullFraction()} and {@link FeatureDrift#currentNullFraction()}
 *       (or validate with {@link Constraints}) for them.
 *       PSI of a small sample is biased upwards even without drift: over {@code k} bins it reads about
 *       {@code (k - 1) / n} for {@code n} current rows (0.09 for 100 rows and 10 bins, near the warning level), so
 *       compare a few hundred rows or more, or raise the thresholds for small batches.
 *   <li><b>Kolmogorov-Smirnov</b> (numeric): the two-sample statistic {@code D = max |F_ref(x) - F_cur(x)|} between
 *       the reference's sample and a sample of the current data of the same size and seed (both exact when the data
 *       fit the sample), and its p-value as {@code scipy.stats.ks_2samp(ref, cur, method='asymp')} gives it (the
 *       two-sided Kolmogorov distribution of {@code D_N}, {@code N = round(n m / (n + m))}), checked against scipy
 *       to 1e-9. scipy's default method 'auto' is exact for samples up to 10,000 and can differ in the third digit
 *       for small samples. Ties are allowed; the test then tends to be conservative.
 *   <li><b>L-infinity</b> (categorical): {@code max_i |a_i - e_i|} over the same bins as PSI, unfloored (TFDV's
 *       drift comparator).
 * </ul>
 *
 * <h2>Status</h2>
 * A numeric feature is ALERT if PSI is at least {@link DriftOptions#psiAlert()} (0.25) or the KS p-value is below
 * {@link DriftOptions#ksAlertPValue()} (0.01), else WARN if PSI is at least {@link DriftOptions#psiWarn()} (0.1).
 * A categorical feature is ALERT if PSI is at least 0.25 or L-infinity at least {@link DriftOptions#linfAlert()}
 * (0.2), else WARN if PSI is at least 0.1 or L-infinity at least {@link DriftOptions#linfWarn()} (0.1). A feature
 * with values in the reference and none now is ALERT. Columns tagged {@code pii}, TIMESTAMP columns and columns
 * whose reference has no values are not compared and stay OK, with a note. The overall status is the worst.
 *
 * <p>Immutable. Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class DriftReport {
  private final long referenceRows;
  private final long currentRows;
  private final DriftOptions options;
  private final List<FeatureDrift> features;

  DriftReport(long referenceRows, long currentRows, DriftOptions options, List<FeatureDrift> features) {
    this.referenceRows = referenceRows;
    this.currentRows = currentRows;
    this.options = options;
    this.features = List.copyOf(features);
  }

  /** Rows of the reference profile. */
  public long referenceRows() {
    return referenceRows;
  }

  /** Rows of the current data. */
  public long currentRows() {
    return currentRows;
  }

  /** The thresholds used. */
  public DriftOptions options() {
    return options;
  }

  /** One entry per column of the reference profile, in its order. */
  public List<FeatureDrift> features() {
    return features;
  }

  /** The entry of {@code column}; a {@link NotFoundException} listing the columns if none. */
  public FeatureDrift feature(String column) {
    for (FeatureDrift f : features) {
      if (f.column().equals(column)) {
        return f;
      }
    }
    throw new NotFoundException("the drift report has no column '" + column + "'; its columns are "
        + features.stream().map(FeatureDrift::column).toList());
  }

  /** The worst status of any feature (OK when there are none). */
  public DriftStatus status() {
    DriftStatus s = DriftStatus.OK;
    for (FeatureDrift f : features) {
      s = s.worst(f.status());
    }
    return s;
  }

  /** Whether any feature is ALERT: the retraining trigger. */
  public boolean shouldRetrain() {
    return status() == DriftStatus.ALERT;
  }

  /** The features with status {@code status}. */
  public List<FeatureDrift> withStatus(DriftStatus status) {
    return features.stream().filter(f -> f.status() == status).toList();
  }

  /**
   * The report as JSON: {@code {"format": "mlops.drift_report", "version": 1, "status": "alert",
   * "shouldRetrain": true, "referenceRows", "currentRows", "thresholds": {...}, "features": [{"column", "type",
   * "status", "psi", "ksStatistic", "ksPValue", "linf", "referenceCount", "currentCount",
   * "referenceNullFraction", "currentNullFraction", "note"}]}}; statistics that do not apply are {@code "NaN"}.
   */
  public String toJson() {
    ObjectNode root = StateJson.object();
    root.put("format", "mlops.drift_report");
    root.put("version", 1);
    root.put("status", status().label());
    root.put("shouldRetrain", shouldRetrain());
    root.put("referenceRows", referenceRows);
    root.put("currentRows", currentRows);
    ObjectNode t = root.putObject("thresholds");
    t.set("psiWarn", StateJson.number(options.psiWarn()));
    t.set("psiAlert", StateJson.number(options.psiAlert()));
    t.set("ksAlertPValue", StateJson.number(options.ksAlertPValue()));
    t.set("linfWarn", StateJson.number(options.linfWarn()));
    t.set("linfAlert", StateJson.number(options.linfAlert()));
    t.set("epsilon", StateJson.number(options.epsilon()));
    ArrayNode a = root.putArray("features");
    for (FeatureDrift f : features) {
      ObjectNode n = a.addObject();
      n.put("column", f.column());
      n.put("type", f.type().name());
      n.put("status", f.status().label());
      n.set("psi", StateJson.number(f.psi()));
      n.set("ksStatistic", StateJson.number(f.ksStatistic()));
      n.set("ksPValue", StateJson.number(f.ksPValue()));
      n.set("linf", StateJson.number(f.linf()));
      n.put("referenceCount", f.referenceCount());
      n.put("currentCount", f.currentCount());
      n.set("referenceNullFraction", StateJson.number(f.referenceNullFraction()));
      n.set("currentNullFraction", StateJson.number(f.currentNullFraction()));
      n.put("note", f.note());
    }
    try {
      return Json.writer().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a drift report as JSON", e);
    }
  }

  /** The report as an aligned table, one line per feature, after a line with the overall status. */
  public String toTable() {
    List<List<String>> rows = new ArrayList<>();
    for (FeatureDrift f : features) {
      rows.add(List.of(f.column(), f.type().name(), f.status().name(), TextTable.num(f.psi()),
          TextTable.num(f.ksStatistic()), pValue(f.ksPValue()), TextTable.num(f.linf()),
          TextTable.num(f.referenceNullFraction()) + " -> " + TextTable.num(f.currentNullFraction()), f.note()));
    }
    return "drift: " + status() + (shouldRetrain() ? " (retrain)" : "") + ", " + referenceRows
        + " reference rows, " + currentRows + " current rows\n"
        + TextTable.format(List.of("column", "type", "status", "psi", "ks", "ks_p", "linf", "nulls", "note"), rows);
  }

  private static String pValue(double p) {
    return Double.isNaN(p) ? "-" : (p != 0 && p < 1e-4 ? String.format(java.util.Locale.ROOT, "%.1e", p)
        : TextTable.num(p));
  }

  /** {@link #toTable()}. */
  @Override
  public String toString() {
    return toTable();
  }
}
