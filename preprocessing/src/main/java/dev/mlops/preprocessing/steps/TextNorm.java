package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;

/**
 * How {@link TfidfVectorize} and {@link HashingVectorize} scale each output row, as scikit-learn's {@code norm}: to
 * unit Euclidean length, to unit sum of absolute values, or not at all. A row of zeros stays zeros. In JSON:
 * {@code "l2"}, {@code "l1"}, {@code "none"} (scikit-learn's {@code None}).
 *
 * <pre>{@code
 * TfidfVectorize.of().withNorm(TextNorm.L1)
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum TextNorm {
  /** Divide by the square root of the sum of squares (the default). */
  @JsonProperty("l2")
  L2,
  /** Divide by the sum of absolute values. */
  @JsonProperty("l1")
  L1,
  /** Leave the row as it is. */
  @JsonProperty("none")
  NONE;

  /**
   * Scales {@code values[0, n)} in place, summing in the given order as scikit-learn's sparse row normalization
   * does (its rows are sorted by column).
   */
  void apply(double[] values, int n) {
    if (this == NONE) {
      return;
    }
    double sum = 0;
    if (this == L2) {
      for (int i = 0; i < n; i++) {
        sum += values[i] * values[i];
      }
      if (sum == 0) {
        return;
      }
      sum = Math.sqrt(sum);
    } else {
      for (int i = 0; i < n; i++) {
        sum += Math.abs(values[i]);
      }
      if (sum == 0) {
        return;
      }
    }
    for (int i = 0; i < n; i++) {
      values[i] /= sum;
    }
  }
}
