package dev.mlops.preprocessing;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Stability;
import java.util.Objects;

/**
 * The drift of one feature (column) between a reference {@link DataProfile} and current data. A statistic that does
 * not apply is NaN: KS for categorical features, L-infinity for numeric ones, everything for a column not compared
 * (tagged {@code pii}, TIMESTAMP, or without values), which {@link #note()} then explains.
 *
 * <pre>{@code
 * FeatureDrift f = report.feature("age");
 * f.psi();        // 0.31
 * f.status();     // ALERT
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param column the column
 * @param type its type
 * @param referenceCount values (not missing) in the reference
 * @param currentCount values (not missing) in the current data
 * @param referenceNullFraction missing share in the reference
 * @param currentNullFraction missing share in the current data
 * @param psi population stability index over the reference's bins or categories
 * @param ksStatistic two-sample Kolmogorov-Smirnov statistic (numeric)
 * @param ksPValue its asymptotic p-value (numeric)
 * @param linf L-infinity distance between the category proportions (categorical)
 * @param status OK, WARN or ALERT by the {@link DriftOptions}
 * @param note why the status is what it is, or why nothing was compared
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record FeatureDrift(String column, ColumnType type, long referenceCount, long currentCount,
    double referenceNullFraction, double currentNullFraction, double psi, double ksStatistic, double ksPValue,
    double linf, DriftStatus status, String note) {
  /** Checks. */
  public FeatureDrift {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
  }
}
