package dev.mlops.preprocessing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.core.Stability;

/**
 * What a pipeline does with input columns no step takes: drop them from the output (scikit-learn's
 * ColumnTransformer default) or pass them through unchanged, after the step outputs.
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public enum Remainder {
  /** Input columns no step takes are not in the output. */
  @JsonProperty("drop")
  DROP,
  /** Input columns no step takes are in the output, unchanged, where they were in the input. */
  @JsonProperty("passthrough")
  PASSTHROUGH
}
