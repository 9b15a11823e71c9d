package dev.mlops.perf;

import dev.mlops.benchmarking.Framework;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.Task;
import dev.mlops.core.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed, small predictor for harness measurements: plain-Java logistic regression over {@value #FEATURES}
 * features (a dot product, a sigmoid, class probabilities). Weights and data are seeded. Not published.
 */
final class LogisticPredictor implements Predictor {
  static final int FEATURES = 30;
  static final List<String> LABELS = List.of("negative", "positive");
  static final List<String> NAMES = names();
  private static final Framework JAVA = new Framework("Java", System.getProperty("java.version"));

  private final double[] weights = new double[FEATURES];
  private final double bias;

  LogisticPredictor(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < FEATURES; i++) {
      weights[i] = rnd.nextDouble(-1, 1);
    }
    bias = rnd.nextDouble(-0.5, 0.5);
  }

  /** {@code rows} rows of {@value #FEATURES} features, uniform in [-1, 1), seeded. */
  static Matrix data(int rows, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[rows * FEATURES];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble(-1, 1);
    }
    return new Matrix(rows, FEATURES, x, NAMES);
  }

  /** One 1-row matrix per row, as the harness's single-stream scenario builds them. */
  static Matrix[] oneRowInputs(Matrix m) {
    Matrix[] out = new Matrix[m.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = new Matrix(1, m.cols(), m.row(r), m.names());
    }
    return out;
  }

  @Override
  public Predictions predict(Matrix features) {
    int rows = features.rows();
    double[] x = features.data();
    int[] classes = new int[rows];
    double[] probabilities = new double[rows * 2];
    for (int r = 0; r < rows; r++) {
      double z = bias;
      int base = r * FEATURES;
      for (int c = 0; c < FEATURES; c++) {
        z += weights[c] * x[base + c];
      }
      double p = 1 / (1 + Math.exp(-z));
      classes[r] = p > 0.5 ? 1 : 0;
      probabilities[2 * r] = 1 - p;
      probabilities[2 * r + 1] = p;
    }
    return Predictions.classes(LABELS, classes, probabilities);
  }

  @Override
  public String name() {
    return "logistic-30";
  }

  @Override
  public Framework framework() {
    return JAVA;
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  public List<String> labels() {
    return LABELS;
  }

  @Override
  public List<String> featureNames() {
    return NAMES;
  }

  private static List<String> names() {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < FEATURES; i++) {
      n.add("f" + i);
    }
    return List.copyOf(n);
  }
}
