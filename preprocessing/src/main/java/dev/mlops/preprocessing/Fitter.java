package dev.mlops.preprocessing;

import dev.mlops.core.Frame;
import dev.mlops.core.Stability;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Learns a step's state from training batches. The pipeline calls {@link #accept} once per batch, each batch
 * holding only the step's input columns in the order of {@link StepContext#inputs()}, then {@link #finish} once.
 * Batches are bounded (a source streams them), so a fitter keeps running statistics, counts or, where the
 * definition demands it (an exact median), the column's values, never the frames. Used by one thread.
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public interface Fitter {

  /** Adds one batch of training data. */
  void accept(Frame batch);

  /** The fitted step; called once, after the last batch (possibly with no batch at all, for an empty source). */
  FittedTransform finish();

  /** A fitter that ignores the data and makes its fitted step when finished, for steps that learn nothing. */
  static Fitter of(Supplier<? extends FittedTransform> fitted) {
    Objects.requireNonNull(fitted, "fitted");
    return new Fitter() {
      @Override
      public void accept(Frame batch) {
        // nothing to learn
      }

      @Override
      public FittedTransform finish() {
        return fitted.get();
      }
    };
  }
}
