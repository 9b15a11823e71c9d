package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.util.Objects;

/**
 * A predictor with what loading it cost; closing it closes the predictor.
 *
 * <pre>{@code
 * try (Loaded<OnnxPredictor> onnx = Predictors.load("iris-onnx", () -> OnnxPredictor.open(path, options),
 *     test.features())) {
 *   report.load(onnx.stats().load(), onnx.stats().firstPrediction());
 *   Predictions out = onnx.predictor().predict(test.features());
 * }
 * }</pre>
 *
 * @param predictor the loaded predictor, already warmed by one prediction
 * @param stats the load and first-prediction times and the size
 * @param <P> the predictor's type
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Loaded<P extends Predictor>(P predictor, LoadStats stats) implements AutoCloseable {
  /** Checks. */
  public Loaded {
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(stats, "stats");
  }

  /** Closes the predictor. */
  @Override
  public void close() {
    predictor.close();
  }
}
