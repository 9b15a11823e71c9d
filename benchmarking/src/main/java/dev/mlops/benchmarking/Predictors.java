package dev.mlops.benchmarking;

import dev.mlops.core.Matrix;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Predictors from plain Java: a function of one feature row, or of a whole batch.
 *
 * <pre>{@code
 * Predictor rule = Predictors.function("radius-rule", List.of("benign", "malignant"),
 *     row -> row[0] > 15 ? 1 : 0);
 * Predictor mean = Predictors.regression("mean", row -> 3.2);
 * Loaded<OnnxPredictor> onnx = Predictors.load("iris-onnx", () -> OnnxPredictor.open(path, options), test.features());
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

  /**
   * Loads a predictor and predicts one row with it, timing both with {@link System#nanoTime()}: the load time
   * (deserializing, opening a session) and the first-prediction time (lazy initialisation, warm-up) a service pays
   * once, kept apart from the steady-state speed the harness measures afterwards.
   *
   * @param name the predictor's name, for messages
   * @param loader makes the predictor (reads the model file, opens the session)
   * @param warmRow a matrix whose first row is predicted once
   * @throws ValidationException when {@code warmRow} has no rows or the loader returns null; the loader's and the
   *     first prediction's errors are thrown as they are (the predictor is closed first)
   */
  public static <P extends Predictor> Loaded<P> load(String name, Supplier<? extends P> loader, Matrix warmRow) {
    return load(name, loader, warmRow, System::nanoTime);
  }

  /** {@link #load(String, Supplier, Matrix)} with the clock {@code nanoTime} (for tests). */
  public static <P extends Predictor> Loaded<P> load(String name, Supplier<? extends P> loader, Matrix warmRow,
      LongSupplier nanoTime) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(warmRow, "warmRow");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (warmRow.rows() == 0) {
      throw new ValidationException("loading '" + name + "' needs a row to warm it with; the warm-up matrix is empty");
    }
    Matrix one = warmRow.rows() == 1 ? warmRow : new Matrix(1, warmRow.cols(), warmRow.row(0), warmRow.names());
    long t0 = nanoTime.getAsLong();
    P p = loader.get();
    long t1 = nanoTime.getAsLong();
    if (p == null) {
      throw new ValidationException("the loader of '" + name + "' returned null instead of a predictor");
    }
    try {
      Predictions out = p.predict(one);
      long t2 = nanoTime.getAsLong();
      if (out == null || out.size() != 1) {
        throw new ValidationException("predictor '" + name + "' returned " + out + " for one row");
      }
      return new Loaded<>(p, new LoadStats(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), p.sizeBytes()));
    } catch (RuntimeException e) {
      try {
        p.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
