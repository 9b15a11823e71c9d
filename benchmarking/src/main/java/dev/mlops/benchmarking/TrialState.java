package dev.mlops.benchmarking;

import dev.mlops.core.Stability;

/**
 * Where a trial stands.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum TrialState {
  /** Asked, not told yet. */
  RUNNING,
  /** Told a finite objective value. */
  COMPLETE,
  /** Stopped early by the pruner; its value is its last reported intermediate value, if any. */
  PRUNED,
  /** The objective failed (threw, returned null or a non-finite value). */
  FAILED
}
