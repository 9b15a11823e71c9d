package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/** Fitted {@link Log1p}: stateless. */
final class FittedLog1p implements RecordTransform, MatrixWriter {
  private final String step;
  private final Schema inputs;
  private final Log1p.Invalid invalid;
  private final List<OutputColumn> outputs;

  FittedLog1p(StepContext context, Log1p.Invalid invalid) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    this.invalid = invalid;
    this.outputs = StepValues.sameNamesAsDoubles(inputs);
  }

  /** The one formula of both paths. */
  private double value(double x, int column, int row) {
    if (x < -1 && invalid == Log1p.Invalid.ERROR) {
      Field f = inputs.field(column);
      throw new ValidationException("step '" + step + "' (log1p): column '" + f.name() + "' row " + row + ": "
          + StepValues.show(f, x) + " is below -1, where log1p is undefined; set invalid to \"nan\" for a missing"
          + " output, or clip or filter the column first");
    }
    return Math.log1p(x); // NaN below -1 and for NaN (missing)
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame batch) {
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
  public void writeTo(Frame batch, double[] out, int firstRow, int stride, int[] columns) {
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      for (int r = 0; r < v.length; r++) {
        out[(firstRow + r) * stride + columns[c]] = value(v[r], c, r);
      }
    }
  }

  @Override
  public Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    Object[] out = new Object[record.length];
    for (int c = 0; c < record.length; c++) {
      out[c] = StepValues.boxed(value(StepValues.doubleOf(record[c]), c, 0));
    }
    return out;
  }

  @Override
  public JsonNode state() {
    return StateJson.object();
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
