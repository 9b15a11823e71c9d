package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;

/**
 * Thresholds that turn drift statistics into a status per feature (see {@link DriftReport}). The defaults are the
 * usual rules of thumb: PSI below 0.1 is stable, 0.1 to 0.25 a moderate shift (WARN), 0.25 or more a significant
 * one (ALERT); a Kolmogorov-Smirnov p-value below 0.01 is an ALERT; an L-infinity distance between category
 * proportions of 0.1 or more is a WARN, 0.2 or more an ALERT.
 *
 * <pre>{@code
 * DriftReport r = profile.drift(batch, DriftOptions.defaults().withPsi(0.2, 0.5).withKsAlertPValue(0.001));
 * }</pre>
 *
 * <p>The KS test on samples of thousands of values finds shifts too small to matter; raise the PSI thresholds or
 * lower {@code ksAlertPValue} (0 turns the KS alert off) where that makes alerts too eager.
 *
 * <p>Stability: experimental.
 *
 * @param psiWarn PSI at or above which a feature is WARN; default 0.1
 * @param psiAlert PSI at or above which a feature is ALERT; default 0.25
 * @param ksAlertPValue a numeric feature whose KS p-value is below this is ALERT; default 0.01; 0 disables it
 * @param linfWarn L-infinity distance at or above which a categorical feature is WARN; default 0.1
 * @param linfAlert L-infinity distance at or above which a categorical feature is ALERT; default 0.2
 * @param epsilon the floor for a bin's proportion in PSI, so an empty bin gives a large but finite term;
 *     default 1e-4, in (0, 0.1]
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record DriftOptions(double psiWarn, double psiAlert, double ksAlertPValue, double linfWarn, double linfAlert,
    double epsilon) {
  /** The default epsilon for empty bins, 1e-4. */
  public static final double DEFAULT_EPSILON = 1e-4;

  /** Checks the thresholds, naming the one out of range. */
  public DriftOptions {
    if (!(psiWarn >= 0 && psiWarn <= psiAlert) || Double.isInfinite(psiAlert)) {
      throw new ValidationException("drift thresholds psiWarn " + psiWarn + " and psiAlert " + psiAlert
          + " must be finite with 0 <= psiWarn <= psiAlert");
    }
    if (!(ksAlertPValue >= 0 && ksAlertPValue <= 1)) {
      throw new ValidationException("drift threshold ksAlertPValue is " + ksAlertPValue
          + "; it must be between 0 and 1 (0 turns the KS alert off)");
    }
    if (!(linfWarn >= 0 && linfWarn <= linfAlert && linfAlert <= 1)) {
      throw new ValidationException("drift thresholds linfWarn " + linfWarn + " and linfAlert " + linfAlert
          + " must satisfy 0 <= linfWarn <= linfAlert <= 1");
    }
    if (!(epsilon > 0 && epsilon <= 0.1)) {
      throw new ValidationException("drift option epsilon is " + epsilon + "; it must be in (0, 0.1]");
    }
  }

  /** PSI 0.1 / 0.25, KS p-value 0.01, L-infinity 0.1 / 0.2, epsilon 1e-4. */
  public static DriftOptions defaults() {
    return new DriftOptions(0.1, 0.25, 0.01, 0.1, 0.2, DEFAULT_EPSILON);
  }

  /** These options with other PSI thresholds. */
  public DriftOptions withPsi(double warn, double alert) {
    return new DriftOptions(warn, alert, ksAlertPValue, linfWarn, linfAlert, epsilon);
  }

  /** These options with another KS p-value threshold (0 turns the KS alert off). */
  public DriftOptions withKsAlertPValue(double pValue) {
    return new DriftOptions(psiWarn, psiAlert, pValue, linfWarn, linfAlert, epsilon);
  }

  /** These options with other L-infinity thresholds. */
  public DriftOptions withLinf(double warn, double alert) {
    return new DriftOptions(psiWarn, psiAlert, ksAlertPValue, warn, alert, epsilon);
  }

  /** These options with another epsilon for empty PSI bins. */
  public DriftOptions withEpsilon(double epsilon) {
    return new DriftOptions(psiWarn, psiAlert, ksAlertPValue, linfWarn, linfAlert, epsilon);
  }
}
