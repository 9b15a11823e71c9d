package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared plumbing of the numeric built-in steps: reading DOUBLE and LONG columns as {@code double[]} with NaN for a
 * missing value, writing outputs with NaN as missing, and naming values in messages without leaking pii.
 */
final class StepValues {
  private StepValues() {}

  /** The column's values as doubles, NaN for a null row (and for a NaN value, which counts as missing too). */
  static double[] doubles(Column column) {
    if (column instanceof DoubleColumn d) {
      return d.toArray();
    }
    if (column instanceof LongColumn l) {
      long[] raw = l.toArray();
      double[] out = new double[raw.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = l.isNull(i) ? Double.NaN : (double) raw[i];
      }
      return out;
    }
    throw new ValidationException("expected a DOUBLE or LONG column, found " + column.type());
  }

  /** A record value of a numeric column as a double, NaN for null. */
  static double doubleOf(Object value) {
    if (value == null) {
      return Double.NaN;
    }
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new ValidationException("expected a number (Double or Long) in the record, found "
        + value.getClass().getSimpleName());
  }

  /** A DOUBLE column of {@code values}, NaN written as missing (null). */
  static DoubleColumn column(double[] values) {
    boolean[] nulls = null;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        if (nulls == null) {
          nulls = new boolean[values.length];
        }
        nulls[i] = true;
      }
    }
    return nulls == null ? DoubleColumn.of(values) : DoubleColumn.of(values, nulls);
  }

  /** A record output: NaN is missing (null), as in {@link #column}. */
  static Double boxed(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** The value for a message: the number, or "a value" for a pii-tagged column. */
  static String show(Field field, Object value) {
    return field.hasTag(Field.PII) ? "a value" : "value " + value;
  }

  /** One DOUBLE output per input, same name and tags, each from its input. */
  static List<OutputColumn> sameNamesAsDoubles(Schema inputs) {
    List<OutputColumn> out = new ArrayList<>(inputs.size());
    for (Field f : inputs.fields()) {
      out.add(new OutputColumn(f.withType(ColumnType.DOUBLE).withNullable(true), List.of(f.name())));
    }
    return List.copyOf(out);
  }

  /** Checks the record has one value per input. */
  static void checkRecord(String step, Object[] inputs, int expected) {
    if (inputs.length != expected) {
      throw new ValidationException("step '" + step + "': the record has " + inputs.length
          + " values but the step was fitted on " + expected + " columns; pass the step's input columns in order");
    }
  }

  /** Checks a restored state is for as many columns as the step's inputs. */
  static void checkLength(String what, String key, int found, int expected) {
    if (found != expected) {
      throw new ValidationException("fitted state of " + what + "." + key + " has " + found + " entries for "
          + expected + " input columns; the saved pipeline is damaged or was fitted on other columns");
    }
  }
}
