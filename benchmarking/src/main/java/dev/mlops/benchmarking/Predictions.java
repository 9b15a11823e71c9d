package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A predictor's output for a batch: for classification the predicted class index per row (into {@link #labels()})
 * and, when the model gives them, class probabilities (row-major, {@code rows x labels}); for regression one value
 * per row. Arrays are shared, not copied.
 *
 * <pre>{@code
 * Predictions p = Predictions.classes(List.of("no", "yes"), new int[] {0, 1}, new double[] {0.9, 0.1, 0.2, 0.8});
 * p.probability(1, 1);     // 0.8
 * Predictions r = Predictions.values(new double[] {1.5, 2.0});
 * }</pre>
 *
 * @param task the task
 * @param labels the class labels (classification), or empty
 * @param classes the predicted class per row (classification), or null
 * @param probabilities row-major class probabilities (classification, when known), or null
 * @param values the predicted value per row (regression), or null
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Predictions(Task task, List<String> labels, int[] classes, double[] probabilities, double[] values) {
  /** Checks the shapes. */
  public Predictions {
    Objects.requireNonNull(task, "task");
    labels = List.copyOf(labels);
    if (task == Task.CLASSIFICATION) {
      Objects.requireNonNull(classes, "classes");
      if (labels.isEmpty()) {
        throw new ValidationException("classification predictions need the class labels");
      }
      for (int i = 0; i < classes.length; i++) {
        if (classes[i] < 0 || classes[i] >= labels.size()) {
          throw new ValidationException("predicted class index " + classes[i] + " at row " + i + " is not one of the "
              + labels.size() + " labels " + labels);
        }
      }
      if (probabilities != null && probabilities.length != classes.length * labels.size()) {
        throw new ValidationException("probabilities hold " + probabilities.length + " values for " + classes.length
            + " rows x " + labels.size() + " classes");
      }
      if (values != null) {
        throw new ValidationException("classification predictions have no values");
      }
    } else {
      Objects.requireNonNull(values, "values");
      if (classes != null || probabilities != null || !labels.isEmpty()) {
        throw new ValidationException("regression predictions have only values");
      }
    }
  }

  /** Classification output: class indexes into {@code labels}, and probabilities (row-major) or null. */
  public static Predictions classes(List<String> labels, int[] classes, double[] probabilities) {
    return new Predictions(Task.CLASSIFICATION, labels, classes, probabilities, null);
  }

  /** Regression output. */
  public static Predictions values(double[] values) {
    return new Predictions(Task.REGRESSION, List.of(), null, null, values);
  }

  /** The number of rows. */
  public int size() {
    return task == Task.CLASSIFICATION ? classes.length : values.length;
  }

  /** Whether class probabilities are known. */
  public boolean hasProbabilities() {
    return probabilities != null;
  }

  /** The probability of class {@code k} for row {@code row}. */
  public double probability(int row, int k) {
    if (probabilities == null) {
      throw new ValidationException("these predictions have no class probabilities");
    }
    Objects.checkIndex(row, classes.length);
    Objects.checkIndex(k, labels.size());
    return probabilities[row * labels.size() + k];
  }

  /** The predicted label of {@code row}. */
  public String label(int row) {
    return labels.get(classes[row]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Predictions p && p.task == task && p.labels.equals(labels) && Arrays.equals(p.classes, classes)
        && Arrays.equals(p.probabilities, probabilities) && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, labels, Arrays.hashCode(classes), Arrays.hashCode(probabilities),
        Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "Predictions[" + task + ", " + size() + " rows" + (probabilities != null ? ", with probabilities" : "") + "]";
  }
}
