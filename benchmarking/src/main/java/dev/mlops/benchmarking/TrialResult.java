package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of one trial of a {@link Study}: what {@link Study#trials()} and {@link Study#best()} return and what
 * samplers and pruners see.
 *
 * @param number the trial number, 0, 1, 2... in ask order
 * @param params its hyper-parameters
 * @param state where it stands
 * @param value the objective value (COMPLETE), the last intermediate value (PRUNED, when one was reported), or NaN
 * @param intermediate the values reported with {@link Trial#report}, by step
 * @param duration from ask to tell (so far, while running)
 * @param error why it failed, or {@code null}
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record TrialResult(int number, Params params, TrialState state, double value,
    SortedMap<Integer, Double> intermediate, Duration duration, String error) {
  /** Copies the intermediate values. */
  public TrialResult {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(state, "state");
    intermediate = Collections.unmodifiableSortedMap(new TreeMap<>(intermediate));
    Objects.requireNonNull(duration, "duration");
  }

  /** Whether the trial completed with a value. */
  public boolean isComplete() {
    return state == TrialState.COMPLETE;
  }
}
