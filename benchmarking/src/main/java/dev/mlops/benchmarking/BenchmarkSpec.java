package dev.mlops.benchmarking;

import dev.mlops.benchmarking.onnx.OnnxOptions;
import dev.mlops.benchmarking.onnx.OnnxPredictor;
import dev.mlops.core.Csv;
import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A benchmark described in JSON, for {@code mlops-bench run SPEC.json}: ONNX models on a CSV file. Paths are
 * relative to the spec file's folder.
 *
 * <pre>{@code
 * {
 *   "name": "iris",
 *   "data": "iris.csv", "target": "target",
 *   "predictors": [
 *     {"file": "lr.onnx", "onnx": {"name": "onnx-lr", "task": "CLASSIFICATION",
 *                                  "labels": ["setosa", "versicolor", "virginica"]}}
 *   ],
 *   "scenarios": [{"type": "single_stream"}, {"type": "offline", "batchSizes": [1, 64]}],
 *   "runOptions": {"minDuration": "PT2S"},
 *   "resamples": 1000, "level": 0.95, "seed": 42
 * }
 * }</pre>
 * Omitted: scenarios single-stream and offline (1, 64, 1024), {@link RunOptions#defaults()} (a partial
 * {@code runOptions} is completed from them), 1,000 resamples, level 0.95, seed 42. {@code onnx} is an
 * {@link OnnxOptions} in JSON. When the first predictor names its {@code featureNames}, the CSV's columns are
 * selected in that order (every predictor sees the same columns).
 *
 * @param name the benchmark's name
 * @param data the CSV file
 * @param target the label column
 * @param predictors the ONNX models
 * @param scenarios the scenarios, or null for the default
 * @param runOptions the run options, or null for the default
 * @param resamples bootstrap resamples, or null
 * @param level bootstrap confidence level, or null
 * @param seed the seed, or null
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record BenchmarkSpec(String name, String data, String target, List<PredictorSpec> predictors,
    List<Scenario> scenarios, RunOptions runOptions, Integer resamples, Double level, Long seed) {

  /**
   * One ONNX model.
   *
   * @param file the .onnx file
   * @param onnx how to run it
   */
  public record PredictorSpec(String file, OnnxOptions onnx) {}

  /** Checks that the required parts are there, naming what is missing. */
  public BenchmarkSpec {
    if (name == null) {
      throw new ValidationException("benchmark spec has no \"name\"; add e.g. \"name\": \"iris\"");
    }
    if (data == null || target == null) {
      throw new ValidationException("benchmark spec '" + name + "' needs \"data\" (a CSV file) and \"target\" (its"
          + " label column)");
    }
    if (predictors == null || predictors.isEmpty()) {
      throw new ValidationException("benchmark spec '" + name + "' has no \"predictors\"; add"
          + " {\"file\": \"model.onnx\", \"onnx\": {\"name\": ..., \"task\": ..., \"labels\": [...]}}");
    }
    predictors = List.copyOf(predictors);
    for (PredictorSpec p : predictors) {
      if (p == null || p.file() == null || p.onnx() == null) {
        throw new ValidationException("benchmark spec '" + name + "': every predictor needs \"file\" and \"onnx\"");
      }
    }
  }

  /** Reads a spec file. */
  public static BenchmarkSpec read(Path file) {
    try {
      com.fasterxml.jackson.databind.JsonNode tree = Json.parseTree(Files.readString(file), file.toString());
      if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode spec
          && spec.get("runOptions") instanceof com.fasterxml.jackson.databind.node.ObjectNode given) {
        com.fasterxml.jackson.databind.node.ObjectNode full =
            (com.fasterxml.jackson.databind.node.ObjectNode) Json.toTree(RunOptions.defaults());
        full.setAll(given);
        spec.set("runOptions", full);
      }
      return Json.parse(tree.toString(), BenchmarkSpec.class, file.toString());
    } catch (IOException e) {
      throw new ValidationException("cannot read benchmark spec " + file + ": " + e, e);
    }
  }

  /** Runs the benchmark, paths resolved against {@code baseDir}. */
  public BenchmarkReport run(Path baseDir, Benchmark.BenchmarkListener listener) {
    Objects.requireNonNull(baseDir, "baseDir");
    Path csv = baseDir.resolve(data);
    if (!Files.isRegularFile(csv)) {
      throw new ValidationException("benchmark spec '" + name + "': data file " + csv + " does not exist; fix"
          + " \"data\" (relative to the spec's folder)");
    }
    dev.mlops.core.Frame frame = Csv.read(csv);
    List<String> order = predictors.get(0).onnx().featureNames();
    if (!order.isEmpty()) {
      List<String> columns = new java.util.ArrayList<>(order);
      columns.add(target);
      frame = frame.select(columns);
    }
    Benchmark.Builder b = Benchmark.builder(name).data(LabeledData.fromFrame(name, frame, target))
        .listener(listener);
    for (PredictorSpec p : predictors) {
      Path model = baseDir.resolve(p.file());
      if (!Files.isRegularFile(model)) {
        throw new ValidationException("benchmark spec '" + name + "': model file " + model + " does not exist; fix"
            + " \"file\" of predictor '" + p.onnx().name() + "'");
      }
      b.predictor(p.onnx().name(), () -> OnnxPredictor.open(model, p.onnx()));
    }
    if (scenarios != null) {
      b.scenarios(scenarios.toArray(Scenario[]::new));
    }
    if (runOptions != null) {
      b.runOptions(runOptions);
    }
    if (resamples != null || level != null) {
      b.bootstrap(resamples == null ? 1000 : resamples, level == null ? 0.95 : level);
    }
    if (seed != null) {
      b.seed(seed);
    }
    return b.build().run();
  }
}
