package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Predictors from plain Java: a function of one feature row, or of a whole batch.
 *
 * <pre>{@code
 * Predictor rule = Predictors.function("radius-rule", List.of("benign", "malignant"),
 *     row -> row[0] > 15 ? 1 : 0);
 * Predictor mean = Predictors.regression("mean", row -> 3.2);
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Predictors {
  private static final Framework JAVA = new Framework("Java", System.getProperty("java.version"));

  private Predictors() {}

  /** A classifier from a function of one row to a class index into {@code labels}. */
  public static Predictor function(String name, List<String> labels, ToIntFunction<double[]> classify) {
    Objects.requireNonNull(classify, "classify");
    List<String> l = List.copyOf(labels);
    return batch(name, Task.CLASSIFICATION, l, m -> {
      int[] y = new int[m.rows()];
      double[] row = new double[m.cols()];
      for (int r = 0; r < y.length; r++) {
        System.arraycopy(m.data(), r * m.cols(), row, 0, m.cols());
        y[r] = classify.applyAsInt(row);
      }
      return Predictions.classes(l, y, null);
    });
  }

  /** A regressor from a function of one row. */
  public static Predictor regression(String name, ToDoubleFunction<double[]> predict) {
    Objects.requireNonNull(predict, "predict");
    return batch(name, Task.REGRESSION, List.of(), m -> {
      double[] y = new double[m.rows()];
      double[] row = new double[m.cols()];
      for (int r = 0; r < y.length; r++) {
        System.arraycopy(m.data(), r * m.cols(), row, 0, m.cols());
        y[r] = predict.applyAsDouble(row);
      }
      return Predictions.values(y);
    });
  }

  /** A predictor from a function of a whole batch (the fastest form for vectorised code). */
  public static Predictor batch(String name, Task task, List<String> labels, Function<Matrix, Predictions> predict) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(predict, "predict");
    List<String> l = List.copyOf(labels);
    if ((task == Task.CLASSIFICATION) == l.isEmpty()) {
      throw new ValidationException("predictor '" + name + "': a classifier needs its labels, a regressor has none");
    }
    return new Predictor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Framework framework() {
        return JAVA;
      }

      @Override
      public Task task() {
        return task;
      }

      @Override
      public List<String> labels() {
        return l;
      }

      @Override
      public Predictions predict(Matrix features) {
        Predictions p = predict.apply(features);
        if (p == null || p.task() != task || p.size() != features.rows()) {
          throw new ValidationException("predictor '" + name + "' returned " + p + " for " + features.rows()
              + " rows of a " + task + " task");
        }
        return p;
      }

      @Override
      public String toString() {
        return "Predictor[" + name + ", " + JAVA + ", " + task + "]";
      }
    };
  }
}
