package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.List;

/** Fitted {@link Drop}: no outputs. */
final class FittedDrop implements StatelessTransform, MatrixWriter {
  private static final Object[] NOTHING = new Object[0];

  @Override
  public List<OutputColumn> outputs() {
    return List.of();
  }

  @Override
  public List<Column> apply(Frame inputs) {
    return List.of();
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    return NOTHING;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    // no output
  }
}
