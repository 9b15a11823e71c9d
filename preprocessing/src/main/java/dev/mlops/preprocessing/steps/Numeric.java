package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;

/** Helpers the numeric steps share: reading columns as doubles, checking inputs and states. */
final class Numeric {
  /** numpy's float64 epsilon, 2^-52. */
  static final double EPS = Math.ulp(1.0);

  private Numeric() {}

  /** The values of a DOUBLE or LONG column as doubles, NaN where missing (null, or NaN in a DOUBLE column). */
  static double[] values(Column c) {
    if (c instanceof DoubleColumn d) {
      return d.toArray();
    }
    LongColumn l = (LongColumn) c;
    long[] v = l.toArray();
    double[] out = new double[v.length];
    boolean nulls = l.hasNulls();
    for (int i = 0; i < v.length; i++) {
      out[i] = nulls && l.isNull(i) ? Double.NaN : (double) v[i];
    }
    return out;
  }

  /** One record's value as a double, NaN where missing; an error naming the column for a non-number. */
  static double value(StepContext context, int k, Object v) {
    if (v == null) {
      return Double.NaN;
    }
    Field f = context.inputs().field(k);
    if (f.type() == ColumnType.DOUBLE && v instanceof Double d) {
      return d;
    }
    if (f.type() == ColumnType.LONG && v instanceof Long l) {
      return (double) l;
    }
    throw new ValidationException("step '" + context.stepName() + "': column '" + f.name() + "' is " + f.type()
        + " but the record holds a " + v.getClass().getSimpleName() + "; pass a "
        + (f.type() == ColumnType.LONG ? "Long" : "Double") + " or null");
  }

  /** A DOUBLE column of {@code v}, null where {@code v} is NaN. */
  static DoubleColumn column(double[] v) {
    boolean[] nulls = null;
    for (int i = 0; i < v.length; i++) {
      if (v[i] != v[i]) {
        nulls = nulls == null ? new boolean[v.length] : nulls;
        nulls[i] = true;
      }
    }
    return DoubleColumn.of(v, nulls);
  }

  /** A number boxed for a record's output: null for NaN, as the batch path writes a null. */
  static Double boxed(double v) {
    return v != v ? null : Double.valueOf(v);
  }

  /**
   * Checks that {@code inputs} has the fitted columns' count and types (names are the pipeline's business), or
   * fails naming the column, the type fitted and the type found.
   */
  static void checkInputs(StepContext context, Frame inputs) {
    Schema fitted = context.inputs();
    if (inputs.columnCount() != fitted.size()) {
      throw new ValidationException("step '" + context.stepName() + "' was fitted on " + fitted.size()
          + " columns " + fitted.names() + " but got " + inputs.columnCount() + " " + inputs.columnNames()
          + "; pass the columns it was fitted on");
    }
    for (int k = 0; k < fitted.size(); k++) {
      ColumnType want = fitted.field(k).type();
      ColumnType found = inputs.column(k).type();
      if (want != found) {
        throw new ValidationException("step '" + context.stepName() + "': column '" + fitted.field(k).name()
            + "' is " + found + " in the data but " + want + " when the step was fitted; cast it or refit");
      }
    }
  }

  /** Checks the record has one value per input column. */
  static void checkRecord(StepContext context, Object[] inputs) {
    if (inputs.length != context.inputs().size()) {
      throw new ValidationException("step '" + context.stepName() + "' takes " + context.inputs().size()
          + " values " + context.inputs().names() + " but the record has " + inputs.length);
    }
  }

  /**
   * Fails on an infinite value, as scikit-learn does ("Input X contains infinity"): the row is {@code rowOffset}
   * plus the index in {@code x}; the value is named unless the column is tagged pii.
   */
  static void rejectInfinite(StepContext context, int k, double[] x, long rowOffset) {
    for (int r = 0; r < x.length; r++) {
      if (Double.isInfinite(x[r])) {
        throw infinite(context, k, x[r], rowOffset + r);
      }
    }
  }

  /** The error for an infinite value at {@code row} ({@code -1}: a single record). */
  static ValidationException infinite(StepContext context, int k, double value, long row) {
    Field f = context.inputs().field(k);
    String what = f.isPii() ? "an infinite value" : "the value " + value;
    return new ValidationException("step '" + context.stepName() + "': column '" + f.name() + "' holds " + what
        + (row >= 0 ? " at row " + row : " in the record") + "; infinities are invalid here (scikit-learn rejects"
        + " them too): replace or clip them in an earlier step");
  }

  /** {@code s}, or 1 where it is below {@code 10 * eps}: scikit-learn's {@code _handle_zeros_in_scale}. */
  static double handleZero(double s) {
    return s < 10 * EPS ? 1.0 : s;
  }

  /** How a step's fitted state names it in messages. */
  static String what(StepContext context, String typeId) {
    return "step '" + context.stepName() + "' (" + typeId + ")";
  }

  /** The array {@code key} of one double per input column, each positive or NaN (a divisor). */
  static double[] divisors(JsonNode state, String key, String what, int n) {
    double[] d = StateJson.doubles(state, key, what, n);
    for (int i = 0; i < n; i++) {
      if (!(d[i] > 0) && !Double.isNaN(d[i]) || Double.isInfinite(d[i])) {
        throw new ValidationException("fitted state of " + what + "." + key + "[" + i + "] is " + d[i]
            + " but must be positive and finite (or NaN for a column that was all missing); the saved pipeline is"
            + " damaged");
      }
    }
    return d;
  }

  /** The array {@code key} of one double per input column, each finite or NaN. */
  static double[] finiteOrNaN(JsonNode state, String key, String what, int n) {
    double[] d = StateJson.doubles(state, key, what, n);
    for (int i = 0; i < n; i++) {
      if (Double.isInfinite(d[i])) {
        throw new ValidationException("fitted state of " + what + "." + key + "[" + i + "] is " + d[i]
            + " but must be finite (or NaN for a column that was all missing); the saved pipeline is damaged");
      }
    }
    return d;
  }
}
