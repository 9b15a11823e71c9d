package dev.mlops.preprocessing;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Frame;
import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The single-record path's helpers: input coercion and steps without a record path of their own. */
final class Records {
  private Records() {}

  /** {@code v} boxed as a frame holds values of {@code type}, or an error naming the field and both types. */
  static Object coerce(String name, ColumnType type, Object v) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case DOUBLE:
        if (v instanceof Number n) {
          return n.doubleValue();
        }
        break;
      case LONG:
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
          return b.longValue();
        }
        if (v instanceof BigDecimal d) {
          try {
            return d.longValueExact();
          } catch (ArithmeticException e) {
            break;
          }
        }
        break;
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      case STRING:
        if (v instanceof String) {
          return v;
        }
        break;
      case TIMESTAMP:
        if (v instanceof Instant) {
          return v;
        }
        break;
      default:
        break;
    }
    throw new ValidationException("record field '" + name + "' is a " + v.getClass().getSimpleName()
        + " but the pipeline takes " + type + " there; convert it (" + expected(type) + ")");
  }

  private static String expected(ColumnType type) {
    return switch (type) {
      case DOUBLE -> "any Number";
      case LONG -> "a Long or Integer";
      case BOOLEAN -> "a Boolean";
      case STRING -> "a String";
      case TIMESTAMP -> "a java.time.Instant";
    };
  }

  /** One step on one record: its own record path, or its batch path on a one-row frame. */
  static Object[] apply(FittedStep fs, Object[] inputs) {
    if (fs.fitted() instanceof RecordTransform rt) {
      Object[] out = rt.applyRecord(inputs);
      if (out == null || out.length != fs.fitted().outputs().size()) {
        throw new IllegalStateException("step '" + fs.name() + "' (" + fs.step().transform().type().qualifiedId()
            + ") returned " + (out == null ? "null" : out.length + " values") + " for "
            + fs.fitted().outputs().size() + " outputs; this is a bug in the step");
      }
      return out;
    }
    Frame one = Frame.fromRows(fs.context().inputs(), List.of(Arrays.asList(inputs)));
    List<Column> cols = fs.fitted().apply(one);
    Object[] out = new Object[cols.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = cols.get(i).get(0);
    }
    return out;
  }
}
