package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;

/**
 * How {@link DataProfile#constraints(ConstraintOptions)} turns a profile into constraints.
 *
 * <pre>{@code
 * Constraints c = profile.constraints(ConstraintOptions.defaults().withRangeMargin(0.1).withMaxDomainSize(20));
 * }</pre>
 *
 * <p>Stability: experimental.
 *
 * @param nullFractionSlack added to the profile's missing fraction to get a column's limit (a column with no
 *     missing values in the profile gets limit 0: no missing values allowed, as TFDV marks it required);
 *     0 to 1, default 0.05
 * @param rangeMargin widens a numeric column's range {@code [min, max]} by this fraction of {@code max - min} on
 *     each side; 0 (the default) keeps the profile's exact range; at least 0
 * @param maxDomainSize a STRING column with at most this many distinct values (and no "other" values) gets them
 *     as its domain; 0 infers no domains; default 50
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ConstraintOptions(double nullFractionSlack, double rangeMargin, int maxDomainSize) {
  /** Checks the options, naming the one out of range. */
  public ConstraintOptions {
    if (!(nullFractionSlack >= 0 && nullFractionSlack <= 1)) {
      throw new ValidationException("constraint option nullFractionSlack is " + nullFractionSlack
          + "; it must be between 0 and 1");
    }
    if (!(rangeMargin >= 0) || Double.isInfinite(rangeMargin)) {
      throw new ValidationException("constraint option rangeMargin is " + rangeMargin
          + "; it must be a finite number >= 0 (a fraction of max - min)");
    }
    if (maxDomainSize < 0) {
      throw new ValidationException("constraint option maxDomainSize is " + maxDomainSize + "; it must be >= 0");
    }
  }

  /** Slack 0.05, no range margin, domains of up to 50 values. */
  public static ConstraintOptions defaults() {
    return new ConstraintOptions(0.05, 0.0, 50);
  }

  /** These options with another null-fraction slack. */
  public ConstraintOptions withNullFractionSlack(double nullFractionSlack) {
    return new ConstraintOptions(nullFractionSlack, rangeMargin, maxDomainSize);
  }

  /** These options with another range margin. */
  public ConstraintOptions withRangeMargin(double rangeMargin) {
    return new ConstraintOptions(nullFractionSlack, rangeMargin, maxDomainSize);
  }

  /** These options with another largest inferred domain. */
  public ConstraintOptions withMaxDomainSize(int maxDomainSize) {
    return new ConstraintOptions(nullFractionSlack, rangeMargin, maxDomainSize);
  }
}
