package dev.mlops.benchmarking.onnx;

import dev.mlops.benchmarking.Task;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How to run an ONNX model as a predictor: its name, task and class labels, and (when the graph does not make them
 * obvious) which input and outputs to use. Unset names ({@code null}) are found in the graph when
 * {@link OnnxPredictor#open} loads it.
 *
 * <pre>{@code
 * OnnxOptions iris = OnnxOptions.classifier("iris-onnx", List.of("setosa", "versicolor", "virginica"))
 *     .withFeatureNames(List.of("petal_length", "petal_width", "sepal_length", "sepal_width"));
 * OnnxOptions sk = OnnxOptions.classifier("sk", labels)
 *     .withLabelOutput("output_label").withProbabilitiesOutput("output_probability");
 * OnnxOptions svm = OnnxOptions.classifier("svm-onnx", labels).withScores();   // argmax of scores
 * OnnxOptions price = OnnxOptions.regressor("price-onnx").withThreads(1);
 * }</pre>
 *
 * @param name the predictor's name in reports
 * @param task classification or regression
 * @param labels the class labels in the order of the model's class indexes and probability columns (for a Tribuo
 *     export: {@code TribuoPredictor.outputOrder(model)}); empty for regression
 * @param featureNames the input's columns in order, when known: matrix columns are then matched by name (unknown
 *     columns ignored, missing ones an error); empty to take the matrix's columns as they are
 * @param input the input to feed, or null for the model's only input
 * @param labelOutput the output holding the predicted class (INT64/INT32 index into {@code labels}, or STRING
 *     label), or null to find one
 * @param probabilitiesOutput the output holding class probabilities ({@code [rows, labels]} FLOAT or DOUBLE), or
 *     null to find one; naming it makes a model without it an error
 * @param scores whether that {@code [rows, labels]} output holds decision scores rather than probabilities (a Tribuo
 *     model that does not generate probabilities exports its scores there): classes are then its argmax and no
 *     probabilities are reported
 * @param valueOutput the regression output ({@code [rows]} or {@code [rows, 1]}), or null to find it
 * @param threads ONNX Runtime's intra-op threads for this session, or 0 for its default (one per core)
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record OnnxOptions(String name, Task task, List<String> labels, List<String> featureNames, String input,
    String labelOutput, String probabilitiesOutput, boolean scores, String valueOutput, int threads) {
  /** Checks the options. */
  public OnnxOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    labels = List.copyOf(labels);
    featureNames = List.copyOf(featureNames);
    if (name.isBlank()) {
      throw new ValidationException("an ONNX predictor needs a non-blank name");
    }
    if (task == Task.CLASSIFICATION) {
      if (labels.isEmpty()) {
        throw new ValidationException("ONNX classifier '" + name + "' needs its class labels, in the order of the"
            + " model's class indexes");
      }
      if (valueOutput != null) {
        throw new ValidationException("ONNX classifier '" + name + "' has no value output (valueOutput='"
            + valueOutput + "'); it is for regressors");
      }
    } else if (!labels.isEmpty() || labelOutput != null || probabilitiesOutput != null || scores) {
      throw new ValidationException("ONNX regressor '" + name + "' has no labels, label output or probabilities"
          + " output; use OnnxOptions.classifier for a classifier");
    }
    if (new HashSet<>(labels).size() != labels.size()) {
      throw new ValidationException("ONNX classifier '" + name + "' has repeated labels " + labels);
    }
    if (new HashSet<>(featureNames).size() != featureNames.size()) {
      throw new ValidationException("ONNX predictor '" + name + "' has repeated feature names " + featureNames);
    }
    if (threads < 0) {
      throw new ValidationException("ONNX predictor '" + name + "': threads is " + threads
          + "; use 0 for ONNX Runtime's default or a positive count");
    }
  }

  /** A classifier with {@code labels} in the order of the model's class indexes and probability columns. */
  public static OnnxOptions classifier(String name, List<String> labels) {
    return new OnnxOptions(name, Task.CLASSIFICATION, labels, List.of(), null, null, null, false, null, 0);
  }

  /** A single-output regressor. */
  public static OnnxOptions regressor(String name) {
    return new OnnxOptions(name, Task.REGRESSION, List.of(), List.of(), null, null, null, false, null, 0);
  }

  /** These options with the input's column names, so matrix columns are matched by name. */
  public OnnxOptions withFeatureNames(List<String> names) {
    return new OnnxOptions(name, task, labels, names, input, labelOutput, probabilitiesOutput, scores, valueOutput,
        threads);
  }

  /** These options feeding the input {@code input}. */
  public OnnxOptions withInput(String input) {
    return new OnnxOptions(name, task, labels, featureNames, Objects.requireNonNull(input, "input"), labelOutput,
        probabilitiesOutput, scores, valueOutput, threads);
  }

  /** These options reading predicted classes from {@code output}. */
  public OnnxOptions withLabelOutput(String output) {
    return new OnnxOptions(name, task, labels, featureNames, input, Objects.requireNonNull(output, "output"),
        probabilitiesOutput, scores, valueOutput, threads);
  }

  /** These options reading class probabilities from {@code output}; a model without it is then an error. */
  public OnnxOptions withProbabilitiesOutput(String output) {
    return new OnnxOptions(name, task, labels, featureNames, input, labelOutput,
        Objects.requireNonNull(output, "output"), scores, valueOutput, threads);
  }

  /**
   * These options reading the {@code [rows, labels]} output as decision scores, not probabilities: classes are its
   * argmax and no probabilities are reported (for models that do not generate probabilities).
   */
  public OnnxOptions withScores() {
    return new OnnxOptions(name, task, labels, featureNames, input, labelOutput, probabilitiesOutput, true,
        valueOutput, threads);
  }

  /** These options reading regression values from {@code output}. */
  public OnnxOptions withValueOutput(String output) {
    return new OnnxOptions(name, task, labels, featureNames, input, labelOutput, probabilitiesOutput, scores,
        Objects.requireNonNull(output, "output"), threads);
  }

  /** These options with {@code threads} intra-op threads (0: ONNX Runtime's default). */
  public OnnxOptions withThreads(int threads) {
    return new OnnxOptions(name, task, labels, featureNames, input, labelOutput, probabilitiesOutput, scores,
        valueOutput, threads);
  }
}
