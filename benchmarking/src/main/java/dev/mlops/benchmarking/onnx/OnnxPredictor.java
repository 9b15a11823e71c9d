package dev.mlops.benchmarking.onnx;

import dev.mlops.benchmarking.Framework;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.Task;
import dev.mlops.core.Matrix;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An ONNX model run by ONNX Runtime as a {@link Predictor}. Needs {@code com.microsoft.onnxruntime:onnxruntime}
 * (an optional dependency of this module) on the class path.
 *
 * <pre>{@code
 * tribuoModel.saveONNXModel("org.example", 1, path);           // a Tribuo export: input [n, features]
 * try (OnnxPredictor p = OnnxPredictor.open(path, OnnxOptions.classifier("iris-onnx",
 *     TribuoPredictor.outputOrder(tribuoModel)).withFeatureNames(tribuoPredictor.featureNames()))) {
 *   Predictions out = p.predict(test.features());
 * }
 * }</pre>
 *
 * <p>The input is a FLOAT (or DOUBLE) tensor {@code [rows, features]}; the matrix is copied into it in one buffer
 * per batch (doubles rounded to float). Outputs: a classifier reads class probabilities ({@code [rows, labels]}),
 * a predicted class ({@code [rows]} or {@code [rows, 1]}, an index or a label string) or both; with only
 * probabilities the class is the first most probable. A model that exports decision scores where probabilities
 * would be (a Tribuo model whose {@code generatesProbabilities()} is false) is opened with
 * {@link OnnxOptions#withScores()}: classes are the argmax, no probabilities are reported. A regressor reads one
 * value per row. Outputs that are not tensors (scikit-learn's ZipMap, a sequence of maps) are not supported:
 * export without ZipMap.
 *
 * <p>Thread-safe (ONNX Runtime sessions run concurrently); {@link #close()} waits for running predictions and
 * then releases the session; predicting after that is an error. The process-wide {@link OrtEnvironment} is shared
 * and never closed here.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class OnnxPredictor implements Predictor {
  // Everything that touches ONNX Runtime's classes is in OrtPredictor, so this class loads without them and can say
  // which artifact is missing.
  private final OrtPredictor session;

  private OnnxPredictor(OrtPredictor session) {
    this.session = session;
  }

  /**
   * Loads the model in {@code file} into an ONNX Runtime session.
   *
   * @throws NotFoundException when the file does not exist
   * @throws ValidationException when ONNX Runtime is not on the class path or cannot load the model, or the model's
   *     inputs and outputs do not fit the options
   */
  public static OnnxPredictor open(Path file, OnnxOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    if (!Files.isRegularFile(file)) {
      throw new NotFoundException("ONNX model file '" + file.toAbsolutePath() + "' for '" + options.name()
          + "' does not exist or is not a file");
    }
    try {
      Class.forName("ai.onnxruntime.OrtEnvironment", false, OnnxPredictor.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ValidationException("ONNX Runtime is not on the class path; add com.microsoft.onnxruntime:onnxruntime"
          + " (1.20.0, an optional dependency of mlops-benchmarking) to the application's dependencies", e);
    }
    return new OnnxPredictor(OrtPredictor.open(file, options));
  }

  @Override
  public String name() {
    return session.name();
  }

  @Override
  public Framework framework() {
    return session.framework();
  }

  @Override
  public Task task() {
    return session.task();
  }

  @Override
  public List<String> labels() {
    return session.labels();
  }

  @Override
  public List<String> featureNames() {
    return session.featureNames();
  }

  @Override
  public OptionalLong sizeBytes() {
    return session.sizeBytes();
  }

  @Override
  public boolean threadSafe() {
    return session.threadSafe();
  }

  /** The options, with the input and outputs found in the graph filled in. */
  public OnnxOptions options() {
    return session.options();
  }

  @Override
  public Predictions predict(Matrix features) {
    return session.predict(features);
  }

  /** Waits for running predictions, then releases the session; predicting after that is an error. */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return session.toString();
  }
}
