/**
 * ONNX models as benchmark predictors: {@link dev.mlops.benchmarking.onnx.OnnxPredictor} runs a model file in an
 * ONNX Runtime session as {@link dev.mlops.benchmarking.onnx.OnnxOptions} describe it.
 *
 * <pre>{@code
 * try (OnnxPredictor p = OnnxPredictor.open(Path.of("iris.onnx"),
 *     OnnxOptions.classifier("iris-onnx", List.of("setosa", "versicolor", "virginica")))) {
 *   Predictions out = p.predict(features);
 * }
 * }</pre>
 *
 * <p>Needs {@code com.microsoft.onnxruntime:onnxruntime} (1.20.0, the version Tribuo 4.3.2 is built with), which
 * this module declares optional: add it to a program that runs ONNX models.
 *
 * <p>Stability: experimental.
 */
package dev.mlops.benchmarking.onnx;
