package dev.mlops.benchmarking;

import dev.mlops.core.Stability;

/**
 * A running trial, handed out by {@link Study#ask()}: its number and hyper-parameters, and a place to report
 * intermediate values (per epoch, per boosting round) for pruning. Finish it with {@link Study#tell}.
 *
 * <pre>{@code
 * Trial t = study.ask();
 * for (int epoch = 1; epoch <= 20; epoch++) {
 *   double acc = trainOneEpoch(t.params());
 *   t.report(epoch, acc);
 *   if (t.shouldPrune()) { study.tell(t, TrialState.PRUNED); return; }
 * }
 * study.tell(t, finalAccuracy);
 * }</pre>
 *
 * <p>Thread-safe; a trial is normally used by the one thread that runs it.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Trial {
  private final Study study;
  private final int number;
  private final Params params;

  Trial(Study study, int number, Params params) {
    this.study = study;
    this.number = number;
    this.params = params;
  }

  /** The trial number: 0, 1, 2... in ask order. */
  public int number() {
    return number;
  }

  /** The hyper-parameters to try. */
  public Params params() {
    return params;
  }

  /** The study it belongs to. */
  public Study study() {
    return study;
  }

  /**
   * Records the objective's value after {@code step} units of resource (epochs, rounds; {@code step >= 0}).
   * Each step is reported once.
   */
  public void report(int step, double value) {
    study.report(this, step, value);
  }

  /** {@link Study#shouldPrune(Trial)}: whether the study's pruner would stop this trial now. */
  public boolean shouldPrune() {
    return study.shouldPrune(this);
  }

  @Override
  public String toString() {
    return "Trial[" + number + ", " + params + "]";
  }
}
