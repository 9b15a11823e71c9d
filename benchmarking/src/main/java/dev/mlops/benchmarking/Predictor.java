package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.Stability;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one interface a model has to the benchmark harness: predict a batch of feature rows, and say what it is.
 * Adapters wrap Tribuo models ({@code dev.mlops.benchmarking.tribuo}), ONNX Runtime sessions
 * ({@code dev.mlops.benchmarking.onnx}) and any Java function ({@link Predictors#function}).
 *
 * <pre>{@code
 * Predictor p = Predictors.function("threshold", Task.CLASSIFICATION, List.of("no", "yes"),
 *     row -> row[0] > 0.5 ? 1 : 0);
 * Predictions out = p.predict(features);        // features: a dev.mlops.core.Matrix, one row per example
 * }</pre>
 *
 * <p>A predictor may be called from several threads at once (the server scenario does), so implementations are
 * thread-safe or say they are not ({@link #threadSafe()}); the harness then serialises calls.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface Predictor extends AutoCloseable {

  /** A short name for reports, unique within a benchmark. */
  String name();

  /** The framework it runs on. */
  Framework framework();

  /** Classification or regression. */
  Task task();

  /**
   * The class labels, in the order of {@link Predictions#probabilities()} columns and of class indexes; empty for
   * regression.
   */
  List<String> labels();

  /**
   * Predictions for every row of {@code features}. Adapters that know their model's feature names
   * ({@link #featureNames()}) match the matrix's columns by name, in any order; others take the columns in the order
   * the model was trained on. The harness checks every name the predictor knows is in the data.
   */
  Predictions predict(Matrix features);

  /** The feature names the model needs, when it knows them (matched to the data by name); empty otherwise. */
  default List<String> featureNames() {
    return List.of();
  }

  /** The size of the model's serialized form in bytes, when known (recorded in reports). */
  default OptionalLong sizeBytes() {
    return OptionalLong.empty();
  }

  /** Whether {@link #predict} may be called from several threads at once. */
  default boolean threadSafe() {
    return true;
  }

  /** Releases native resources (ONNX sessions); a no-op by default. */
  @Override
  default void close() {}
}
