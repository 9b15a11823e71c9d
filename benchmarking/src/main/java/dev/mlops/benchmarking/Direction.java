package dev.mlops.benchmarking;

import dev.mlops.core.Stability;

/**
 * Whether a {@link Study} looks for the largest or the smallest objective value.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum Direction {
  /** Larger is better (accuracy, AUC). */
  MAXIMIZE,
  /** Smaller is better (loss, error, latency). */
  MINIMIZE;

  /** Whether {@code a} is strictly better than {@code b}. */
  boolean better(double a, double b) {
    return this == MAXIMIZE ? a > b : a < b;
  }
}
