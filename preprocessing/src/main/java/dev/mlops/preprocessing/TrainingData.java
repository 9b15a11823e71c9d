package dev.mlops.preprocessing;

import dev.mlops.core.Stability;
import java.util.Objects;

/**
 * What a pipeline was fitted on: the row count and the content hash of the rows ({@link dev.mlops.core.RowHash},
 * the same id a dataset snapshot of that data has), so a saved pipeline names its training data exactly.
 *
 * @param rows the number of training rows
 * @param sha256 the hash of the training rows, all input columns (64 hex digits)
 * @param encoding the row encoding hashed ({@value dev.mlops.core.RowHash#ENCODING})
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public record TrainingData(long rows, String sha256, String encoding) {
  /** Checks. */
  public TrainingData {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(encoding, "encoding");
  }
}
