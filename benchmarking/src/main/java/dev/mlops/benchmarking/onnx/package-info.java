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
 * this module declares optional: add it to a program that runs ONNX models. Its jar carries the native library for
 * Linux, macOS and Windows x64 (and Linux/macOS arm64). On Java 24 and later the JVM warns when ONNX Runtime loads
 * its native library; run with {@code --enable-native-access=ALL-UNNAMED} to allow it explicitly.
 *
 * <p>Stability: experimental.
 */
package dev.mlops.benchmarking.onnx;
