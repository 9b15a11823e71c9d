package dev.mlops.benchmarking;

import dev.mlops.core.MlopsException;
import dev.mlops.core.Stability;

/**
 * Thrown by an objective to stop its trial early, after {@link Trial#shouldPrune()} said so; the
 * {@link Tuner#optimizeTrials runner} then tells the study the trial was pruned.
 *
 * <pre>{@code
 * trial.report(epoch, accuracy);
 * if (trial.shouldPrune()) {
 *   throw new TrialPrunedException(trial);
 * }
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TrialPrunedException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /** The trial {@code trial} was pruned. */
  public TrialPrunedException(Trial trial) {
    super("trial " + trial.number() + " was pruned");
  }
}
