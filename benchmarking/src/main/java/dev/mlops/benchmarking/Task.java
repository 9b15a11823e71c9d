package dev.mlops.benchmarking;

import dev.mlops.core.Stability;

/**
 * What a model predicts: a class out of a fixed list of labels, or a number.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum Task {
  /** One of {@link Predictor#labels()}, with class probabilities when the model gives them. */
  CLASSIFICATION,
  /** A real value. */
  REGRESSION
}
