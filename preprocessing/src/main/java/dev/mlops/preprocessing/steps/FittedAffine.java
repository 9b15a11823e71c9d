package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The fitted form of the scalers: one output per input, same name and tags, DOUBLE, by one of scikit-learn's two
 * formulas, operation for operation: {@code (x - center) / scale} (StandardScaler, RobustScaler, MaxAbsScaler; a
 * disabled part is center 0 or scale 1, which changes no bit) or {@code x * scale + min} (MinMaxScaler), then an
 * optional clip. Missing in (null or NaN) is missing out; a NaN result is written as null.
 */
final class FittedAffine implements RecordTransform, MatrixWriter {
  private final StepContext context;
  private final boolean multiplyAdd;
  private final double[] a;
  private final double[] b;
  private final boolean clip;
  private final double low;
  private final double high;
  private final ObjectNode state;
  private final List<OutputColumn> outputs;

  private FittedAffine(StepContext context, boolean multiplyAdd, double[] a, double[] b, boolean clip, double low,
      double high, ObjectNode state) {
    this.context = context;
    this.multiplyAdd = multiplyAdd;
    this.a = a.clone();
    this.b = b.clone();
    this.clip = clip;
    this.low = low;
    this.high = high;
    this.state = state.deepCopy();
    List<OutputColumn> out = new ArrayList<>(context.inputs().size());
    for (Field f : context.inputs().fields()) {
      out.add(new OutputColumn(f.withType(ColumnType.DOUBLE).withNullable(true), List.of(f.name())));
    }
    this.outputs = List.copyOf(out);
  }

  /** {@code (x - center[k]) / scale[k]}. */
  static FittedAffine shiftDivide(StepContext context, double[] center, double[] scale, ObjectNode state) {
    return new FittedAffine(context, false, center, scale, false, 0, 0, state);
  }

  /** {@code x * scale[k] + min[k]}, clipped to {@code [low, high]} if {@code clip}. */
  static FittedAffine multiplyAdd(StepContext context, double[] scale, double[] min, boolean clip, double low,
      double high, ObjectNode state) {
    return new FittedAffine(context, true, scale, min, clip, low, high, state);
  }

  /** The one formula both paths use. */
  private double value(int k, double x) {
    if (!multiplyAdd) {
      return (x - a[k]) / b[k];
    }
    double y = x * a[k] + b[k];
    return clip ? Math.min(Math.max(y, low), high) : y;
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame inputs) {
    Numeric.checkInputs(context, inputs);
    List<Column> out = new ArrayList<>(a.length);
    for (int k = 0; k < a.length; k++) {
      double[] x = Numeric.values(inputs.column(k));
      Numeric.rejectInfinite(context, k, x, 0);
      for (int r = 0; r < x.length; r++) {
        x[r] = value(k, x[r]);
      }
      out.add(Numeric.column(x));
    }
    return out;
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    Numeric.checkRecord(context, inputs);
    Object[] out = new Object[a.length];
    for (int k = 0; k < a.length; k++) {
      double x = Numeric.value(context, k, inputs[k]);
      if (Double.isInfinite(x)) {
        throw Numeric.infinite(context, k, x, -1);
      }
      out[k] = Numeric.boxed(value(k, x));
    }
    return out;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    Numeric.checkInputs(context, inputs);
    for (int k = 0; k < a.length; k++) {
      double[] x = Numeric.values(inputs.column(k));
      Numeric.rejectInfinite(context, k, x, 0);
      int at = firstRow * stride + columns[k];
      for (int r = 0; r < x.length; r++, at += stride) {
        out[at] = value(k, x[r]);
      }
    }
  }

  @Override
  public JsonNode state() {
    return state.deepCopy();
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }

  @Override
  public String toString() {
    return "FittedAffine[" + context.stepName() + ", " + context.inputs().names() + "]";
  }
}
