package dev.mlops.core;

import java.util.List;
import java.util.Objects;

/**
 * A dense row-major matrix of features, the shape a model takes (a fitted pipeline's output, a benchmark's
 * input): {@code data[row * cols + col]}, with the column names. Missing values are NaN. The array is shared, not copied: treat it as read-only.
 *
 * <pre>{@code
 * Matrix m = fitted.toMatrix(frame);
 * double[][] x = m.toArray2D();      // for libraries that take rows
 * float[] f = m.toFloats();          // for ONNX Runtime, row-major floats
 * double v = m.get(0, m.columnIndex("age"));
 * }</pre>
 *
 * @param rows the number of rows
 * @param cols the number of columns
 * @param data the values, row-major, {@code rows * cols} long
 * @param names the column names, {@code cols} long
 *
 * <p>Stability: stable.
 */
@Stability(Stability.Level.STABLE)
public record Matrix(int rows, int cols, double[] data, List<String> names) {
  /** Checks the shape. */
  public Matrix {
    Objects.requireNonNull(data, "data");
    names = List.copyOf(names);
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length || names.size() != cols) {
      throw new ValidationException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols + " values and "
          + cols + " names; got " + data.length + " values and " + names.size() + " names");
    }
  }

  /** The value at {@code row}, {@code col}. */
  public double get(int row, int col) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(col, cols);
    return data[row * cols + col];
  }

  /** A copy of one row. */
  public double[] row(int row) {
    Objects.checkIndex(row, rows);
    double[] out = new double[cols];
    System.arraycopy(data, row * cols, out, 0, cols);
    return out;
  }

  /** The index of the column named {@code name}. */
  public int columnIndex(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new ValidationException("the matrix has no column '" + name + "'; it has " + names);
    }
    return i;
  }

  /** The rows as arrays (a copy). */
  public double[][] toArray2D() {
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = row(r);
    }
    return out;
  }

  /** The values as row-major floats (a copy, rounded to nearest). */
  public float[] toFloats() {
    float[] out = new float[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) data[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && m.names.equals(names)
        && java.util.Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, names, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Matrix[" + rows + " x " + cols + ", " + names + "]";
  }
}
