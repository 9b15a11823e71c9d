package dev.mlops.preprocessing;

import dev.mlops.core.Stability;

/**
 * A fitted step with a single-record path for serving: no frame is built, and the numbers are identical to
 * {@link #apply} on a batch holding that record (the built-in steps are tested for that).
 *
 * <p>Values are boxed as a frame's {@link dev.mlops.core.Frame#get} returns them: {@code Double}, {@code Long},
 * {@code Boolean}, {@code String}, {@code java.time.Instant}, or {@code null} for a missing value.
 *
 * <p>Stability: stable (plugin SPI).
 */
@Stability(Stability.Level.STABLE)
public interface RecordTransform extends FittedTransform {

  /** The output values for one record's input values, both in order. */
  Object[] applyRecord(Object[] inputs);
}
