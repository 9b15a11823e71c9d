package dev.mlops.preprocessing.internal;

import dev.mlops.core.Frame;

/**
 * Optional fast path of a fitted step (not API): writes its outputs straight into a row-major dense matrix instead
 * of building output columns, when the pipeline asks for a matrix and nothing later reads those outputs. The
 * numbers must be identical to {@code apply}'s.
 */
public interface MatrixWriter {

  /**
   * Writes output {@code k} of row {@code r} (of {@code inputs}) to {@code out[(firstRow + r) * stride + columns[k]]}.
   * The matrix arrives zeroed, so a writer of sparse outputs (one-hot) may write only the non-zeros.
   */
  void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns);
}
