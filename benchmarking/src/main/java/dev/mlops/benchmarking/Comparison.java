package dev.mlops.benchmarking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A regression gate's answer: a {@link BenchmarkReport} compared with a baseline report, check by check, each
 * with a {@link Verdict} and a reason in words.
 *
 * <pre>{@code
 * Comparison c = Comparison.compare(current, baseline, CompareOptions.defaults().withLatencyThreshold(0.2));
 * c.verdict();          // PASS, IMPROVED, REGRESSED or INCONCLUSIVE
 * c.regressed();
 * System.out.println(c);              // a readable table
 * Files.writeString(summary, c.toMarkdown());
 * }</pre>
 *
 * <p>What is checked, for every predictor in both reports (see {@link CompareOptions} for thresholds):
 * <ul>
 *   <li>Accuracy: each metric, when it moved by more than the minimum effect and the move is significant. For
 *       accuracy with per-sample predictions in both reports the test is McNemar's on the rows the two runs got
 *       right and wrong: the counts follow from the reports alone (the rows where the predictions differ, and the
 *       change in the number right), exactly for two classes and as a conservative bound (fewer discordant rows
 *       assumed impossible) for more. Otherwise the current run's bootstrap interval must exclude the baseline's
 *       estimate. (A paired bootstrap of other metrics would need the labels, which reports do not hold.) A
 *       different data SHA-256 makes the accuracy checks {@code INCONCLUSIVE}.</li>
 *   <li>Latency: single-stream p50 by the Mann-Whitney U test on the two latency histograms, single-stream p99
 *       (and the server scenario's p99) by a seeded bootstrap interval of the ratio of the p99s; throughput: the
 *       offline scenario's best rows per second, by Mann-Whitney on the per-row times of the best batch sizes.
 *       When {@link Environment#comparableTo} lists differences, every timing check is {@code INCONCLUSIVE}
 *       ("different machines: ...").</li>
 * </ul>
 * The overall verdict is REGRESSED if any check regressed, else INCONCLUSIVE if any is, else IMPROVED if any
 * improved, else PASS.
 *
 * @param name the benchmark
 * @param currentCreatedAt when the current report was made
 * @param baselineCreatedAt when the baseline was made
 * @param verdict the overall verdict
 * @param checks every check
 * @param environmentDifferences what differs between the two machines (empty: comparable)
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Comparison(String name, Instant currentCreatedAt, Instant baselineCreatedAt, Verdict verdict,
    List<CheckResult> checks, List<String> environmentDifferences) {

  /** A verdict. */
  public enum Verdict {
    /** No significant change beyond the thresholds. */
    PASS,
    /** Significantly better beyond the threshold. */
    IMPROVED,
    /** Significantly worse beyond the threshold. */
    REGRESSED,
    /** Cannot tell: different data, machines or scenarios, or something missing. */
    INCONCLUSIVE
  }

  /**
   * One check.
   *
   * @param kind the kind of check
   * @param predictor the predictor
   * @param subject what was compared ("accuracy", "single_stream p99", "offline rows/s")
   * @param baseline the baseline's value (NaN when missing)
   * @param current the current value (NaN when missing)
   * @param unit the values' unit ("ns", "rows/s", "" for metrics)
   * @param test the test and its outcome, in words
   * @param pValue the test's p-value (NaN when none was run)
   * @param verdict the check's verdict
   * @param reason the whole finding in one sentence
   */
  public record CheckResult(CompareOptions.Check kind, String predictor, String subject,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double baseline,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double current, String unit,
      String test, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double pValue,
      Verdict verdict, String reason) {
    /** Checks. */
    public CheckResult {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Copies; computes nothing. */
  public Comparison {
    checks = List.copyOf(checks);
    environmentDifferences = List.copyOf(environmentDifferences);
  }

  /** {@code current} against {@code baseline} with {@link CompareOptions#defaults()}. */
  public static Comparison compare(BenchmarkReport current, BenchmarkReport baseline) {
    return compare(current, baseline, CompareOptions.defaults());
  }

  /** {@code current} against {@code baseline}. */
  public static Comparison compare(BenchmarkReport current, BenchmarkReport baseline, CompareOptions options) {
    return new Comparer(current, baseline, options).run();
  }

  /** Whether any check regressed. */
  @JsonIgnore
  public boolean regressed() {
    return verdict == Verdict.REGRESSED;
  }

  /** The checks with verdict {@code v}. */
  public List<CheckResult> checks(Verdict v) {
    return checks.stream().filter(c -> c.verdict() == v).toList();
  }

  /** The comparison as JSON. */
  public String toJson() {
    return Json.toPrettyJson(this);
  }

  /** A Markdown summary (for a CI job's summary or a pull request comment). */
  public String toMarkdown() {
    StringBuilder s = new StringBuilder();
    s.append("### Benchmark `").append(name).append("`: **").append(verdict).append("**\n\n");
    s.append("Current run ").append(currentCreatedAt).append(", baseline ").append(baselineCreatedAt).append(".\n\n");
    if (!environmentDifferences.isEmpty()) {
      s.append("Different machines, timings not compared: ").append(String.join("; ", environmentDifferences))
          .append(".\n\n");
    }
    s.append("| verdict | predictor | check | baseline | current | change | test |\n");
    s.append("|---|---|---|---:|---:|---:|---|\n");
    for (CheckResult c : checks) {
      s.append("| ").append(c.verdict()).append(" | ").append(md(c.predictor())).append(" | ").append(md(c.subject()))
          .append(" | ").append(Fmt.value(c.baseline(), c.unit())).append(" | ").append(Fmt.value(c.current(), c.unit()))
          .append(" | ").append(Fmt.change(c.baseline(), c.current(), c.unit())).append(" | ").append(md(c.test()))
          .append(" |\n");
    }
    return s.toString();
  }

  private static String md(String s) {
    return s == null ? "" : s.replace("|", "\\|");
  }

  /** A readable table: the verdict, then one line per check (its verdict and reason). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append("benchmark '").append(name).append("': ").append(verdict).append(" (");
    s.append(checks.size()).append(" checks");
    for (Verdict v : Verdict.values()) {
      long n = checks.stream().filter(c -> c.verdict() == v).count();
      if (n > 0) {
        s.append(", ").append(n).append(' ').append(v.name().toLowerCase(Locale.ROOT));
      }
    }
    s.append(")\n");
    for (CheckResult c : checks) {
      s.append(String.format(Locale.ROOT, "  %-12s %s%n", c.verdict(), c.reason()));
    }
    if (!environmentDifferences.isEmpty()) {
      s.append("  different machines: ").append(String.join("; ", environmentDifferences)).append('\n');
    }
    return s.toString();
  }
}
