package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted 1:1 numeric step: each input column gives one DOUBLE output of the same name and tags, value by value,
 * through the one formula {@link #value} that the batch, matrix and record paths share (a NaN result is written as
 * null).
 */
abstract class PerValueDoubles implements RecordTransform, MatrixWriter {
  protected final String step;
  protected final Schema inputs;
  private final List<OutputColumn> outputs;

  PerValueDoubles(StepContext context) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    this.outputs = StepValues.sameNamesAsDoubles(inputs);
  }

  /** The output for value {@code x} (NaN when missing) of input column {@code column}, row {@code row}. */
  abstract double value(double x, int column, int row);

  @Override
  public final List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public final List<Column> apply(Frame batch) {
    List<Column> out = new ArrayList<>(inputs.size());
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      for (int r = 0; r < v.length; r++) {
        v[r] = value(v[r], c, r);
      }
      out.add(StepValues.column(v));
    }
    return out;
  }

  @Override
  public final void writeTo(Frame batch, double[] out, int firstRow, int stride, int[] columns) {
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      for (int r = 0; r < v.length; r++) {
        out[(firstRow + r) * stride + columns[c]] = value(v[r], c, r);
      }
    }
  }

  @Override
  public final Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    Object[] out = new Object[record.length];
    for (int c = 0; c < record.length; c++) {
      out[c] = StepValues.boxed(value(StepValues.doubleOf(record[c]), c, 0));
    }
    return out;
  }
}
