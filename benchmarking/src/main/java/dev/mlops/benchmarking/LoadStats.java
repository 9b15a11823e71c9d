package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What loading a predictor cost: the time to load it (deserialize a model, create a session), the time of its first
 * prediction of one row (lazy initialisation, JIT, native warm-up), and the size of its serialized form when known.
 * Made by {@link Predictors#load}.
 *
 * @param load the time the loader took
 * @param firstPrediction the time of the first prediction, of one row
 * @param sizeBytes the predictor's {@link Predictor#sizeBytes()}
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record LoadStats(Duration load, Duration firstPrediction, OptionalLong sizeBytes) {
  /** Checks. */
  public LoadStats {
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(firstPrediction, "firstPrediction");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
  }
}
