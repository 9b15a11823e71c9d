package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import java.util.Locale;

/**
 * How far a feature (or a whole data set) has drifted, from least to most: OK, WARN, ALERT.
 *
 * <pre>{@code
 * if (report.status() == DriftStatus.ALERT) { ... }
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum DriftStatus {
  /** Within the thresholds. */
  OK,
  /** Past a warning threshold: worth a look. */
  WARN,
  /** Past an alert threshold: the model's inputs have changed; consider retraining. */
  ALERT;

  /** The status in JSON: {@code ok}, {@code warn}, {@code alert}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of this and {@code other}. */
  public DriftStatus worst(DriftStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
