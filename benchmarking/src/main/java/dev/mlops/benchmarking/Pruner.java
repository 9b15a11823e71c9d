package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.List;

/**
 * Decides from intermediate values ({@link Trial#report}) whether a running trial should stop early.
 *
 * <pre>{@code
 * Study s = Tuner.builder(space).sampler(Sampler.random()).direction(Direction.MAXIMIZE)
 *     .pruner(Pruner.successiveHalving(1, 3)).build();
 * }</pre>
 *
 * <p>Called under the study's lock.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface Pruner {

  /** Whether {@code trial} should stop now, given every trial of the study (by number) and the direction. */
  boolean shouldPrune(TrialResult trial, List<TrialResult> all, Direction direction);

  /** Never prunes. */
  static Pruner none() {
    return new Pruner() {
      @Override
      public boolean shouldPrune(TrialResult trial, List<TrialResult> all, Direction direction) {
        return false;
      }

      @Override
      public String toString() {
        return "none";
      }
    };
  }

  /**
   * Asynchronous successive halving (ASHA, Li et al. 2020), as Optuna's {@code SuccessiveHalvingPruner} with
   * {@code min_early_stopping_rate = 0}. Rung {@code k} sits at step {@code r_k = minResource * eta^k}. A trial's
   * value at rung {@code k} is the value it reported at its first step {@code >= r_k}. When a trial reports that
   * step, it is judged against every trial (any state, itself included) that has a value at rung {@code k}: it goes
   * on only if its value is among the best {@code max(1, floor(n / eta))} of those {@code n} values, so about
   * {@code 1/eta} of the trials reaching a rung get to the next. Between rungs it is never pruned. Early trials
   * have few competitors and are rarely pruned (ASHA never suspends a trial to wait for more). Call
   * {@link Trial#shouldPrune()} after every report; a NaN at a rung prunes.
   *
   * @param minResource the step of the first rung, at least 1
   * @param eta the reduction factor, at least 2
   */
  static Pruner successiveHalving(int minResource, int eta) {
    if (minResource < 1) {
      throw new ValidationException("successiveHalving: minResource is " + minResource + "; it must be at least 1");
    }
    if (eta < 2) {
      throw new ValidationException("successiveHalving: eta (reduction factor) is " + eta + "; it must be at least 2,"
          + " e.g. 3 or 4");
    }
    return new SuccessiveHalvingPruner(minResource, eta);
  }
}
