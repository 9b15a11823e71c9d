package dev.mlops.benchmarking;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Matrix;
import dev.mlops.core.Sha256;
import dev.mlops.core.Stability;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The data every predictor in a benchmark is measured on: feature rows and the true class (into {@link #labels()})
 * or value of each row, with a name and a content hash for reports.
 *
 * <pre>{@code
 * LabeledData test = LabeledData.fromFrame("cancer-test", frame, "target");   // numeric features, label column
 * LabeledData same = LabeledData.classification("x", matrix, List.of("no", "yes"), new int[] {0, 1, 1});
 * }</pre>
 *
 * @param name a name for reports
 * @param features one row per example
 * @param task classification or regression
 * @param labels the class labels (classification), sorted unless given; empty for regression
 * @param classes the true class index per row (classification), or null
 * @param values the true value per row (regression), or null
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record LabeledData(String name, Matrix features, Task task, List<String> labels, int[] classes,
    double[] values) {
  /** Checks the shapes. */
  public LabeledData {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(task, "task");
    labels = List.copyOf(labels);
    int n = task == Task.CLASSIFICATION ? Objects.requireNonNull(classes, "classes").length
        : Objects.requireNonNull(values, "values").length;
    if (n != features.rows()) {
      throw new ValidationException("data '" + name + "' has " + features.rows() + " feature rows but " + n
          + " targets");
    }
    if (task == Task.CLASSIFICATION) {
      for (int i = 0; i < n; i++) {
        if (classes[i] < 0 || classes[i] >= labels.size()) {
          throw new ValidationException("data '" + name + "': class index " + classes[i] + " at row " + i
              + " is not one of the labels " + labels);
        }
      }
    }
  }

  /** Classification data with class indexes into {@code labels}. */
  public static LabeledData classification(String name, Matrix features, List<String> labels, int[] classes) {
    return new LabeledData(name, features, Task.CLASSIFICATION, labels, classes, null);
  }

  /** Classification data with the true label of each row; the labels are the distinct ones, sorted. */
  public static LabeledData classification(String name, Matrix features, List<String> trueLabels) {
    List<String> labels = new ArrayList<>(new TreeSet<>(trueLabels));
    int[] y = new int[trueLabels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.indexOf(trueLabels.get(i));
    }
    return classification(name, features, labels, y);
  }

  /** Regression data. */
  public static LabeledData regression(String name, Matrix features, double[] values) {
    return new LabeledData(name, features, Task.REGRESSION, List.of(), null, values);
  }

  /**
   * Data from a frame: every column but {@code target} is a feature (DOUBLE, LONG or BOOLEAN; nulls become NaN);
   * a STRING, BOOLEAN or LONG target is a class label, a DOUBLE target a regression value.
   */
  public static LabeledData fromFrame(String name, Frame frame, String target) {
    Column t = frame.column(target);
    Frame x = frame.drop(target);
    int rows = frame.rowCount();
    int cols = x.columnCount();
    double[] data = new double[rows * cols];
    for (int c = 0; c < cols; c++) {
      Column col = x.column(c);
      if (!(col instanceof DoubleColumn || col instanceof LongColumn || col instanceof BooleanColumn)) {
        throw new ValidationException("feature column '" + x.columnNames().get(c) + "' is " + col.type()
            + "; encode it first (a preprocessing pipeline's toMatrix does)");
      }
      for (int r = 0; r < rows; r++) {
        Object v = col.get(r);
        data[r * cols + c] = v == null ? Double.NaN : v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
      }
    }
    Matrix m = new Matrix(rows, cols, data, x.columnNames());
    for (int r = 0; r < rows; r++) {
      if (t.isNull(r)) {
        throw new ValidationException("target '" + target + "' is missing at row " + r);
      }
    }
    if (t instanceof DoubleColumn d) {
      return regression(name, m, d.toArray());
    }
    List<String> y = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      y.add(t instanceof StringColumn s ? s.getString(r) : String.valueOf(t.get(r)));
    }
    return classification(name, m, y);
  }

  /** The number of rows. */
  public int size() {
    return features.rows();
  }

  /** The rows {@code rows} (in that order, repeats allowed), for bootstrap samples and cross-validation folds. */
  public LabeledData rows(int[] rows) {
    int cols = features.cols();
    double[] data = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(features.data(), rows[i] * cols, data, i * cols, cols);
    }
    Matrix m = new Matrix(rows.length, cols, data, features.names());
    if (task == Task.CLASSIFICATION) {
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        y[i] = classes[rows[i]];
      }
      return classification(name, m, labels, y);
    }
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = values[rows[i]];
    }
    return regression(name, m, y);
  }

  /** SHA-256 of the feature names, the values (bits) and the targets: equal data, equal hash. */
  public String sha256() {
    MessageDigest md = Sha256.newDigest();
    md.update((String.join("\t", features.names()) + "\n" + task + "\n" + String.join("\t", labels) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(8 * 1024);
    for (double v : features.data()) {
      if (b.remaining() < 8) {
        md.update(b.array(), 0, b.position());
        b.clear();
      }
      b.putLong(Double.doubleToLongBits(v));
    }
    int n = size();
    for (int i = 0; i < n; i++) {
      if (b.remaining() < 8) {
        md.update(b.array(), 0, b.position());
        b.clear();
      }
      b.putLong(task == Task.CLASSIFICATION ? classes[i] : Double.doubleToLongBits(values[i]));
    }
    md.update(b.array(), 0, b.position());
    return dev.mlops.core.Hex.encode(md.digest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledData d && d.name.equals(name) && d.features.equals(features) && d.task == task
        && d.labels.equals(labels) && Arrays.equals(d.classes, classes) && Arrays.equals(d.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, features, task, labels, Arrays.hashCode(classes), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "LabeledData[" + name + ", " + size() + " rows x " + features.cols() + " features, " + task
        + (labels.isEmpty() ? "" : ", labels " + labels) + "]";
  }
}
