package dev.mlops.preprocessing.steps;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Fitted {@link Cast}. */
final class FittedCast implements StatelessTransform {
  /** What a value that does not convert converts to, before the policy. */
  private static final Object UNPARSEABLE = new Object();

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

  private final String step;
  private final Schema inputs;
  private final Cast.To to;
  private final boolean nullOnFailure;
  private final List<OutputColumn> outputs;

  FittedCast(Cast params, StepContext context) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    this.to = params.to();
    this.nullOnFailure = params.unparseable() == Cast.Unparseable.NULL;
    List<OutputColumn> out = new ArrayList<>();
    for (Field f : inputs.fields()) {
      if (f.type() == ColumnType.TIMESTAMP && to != Cast.To.STRING) {
        throw new ValidationException("step '" + step + "' (cast): column '" + f.name() + "' is TIMESTAMP, which"
            + " casts only to string; use a date_parts step for numbers (epoch_seconds, year, ...)");
      }
      out.add(new OutputColumn(f.withType(to.columnType()).withNullable(true), List.of(f.name())));
    }
    this.outputs = List.copyOf(out);
  }

  /** The one conversion of both paths: {@code value} (boxed as a frame gives it) to the target, or UNPARSEABLE. */
  private Object convert(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d) {
      if (Double.isNaN(d)) {
        return null;
      }
      return switch (to) {
        case DOUBLE -> d;
        case LONG -> d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? (Object) (long) (double) d : UNPARSEABLE;
        case STRING -> Double.toString(d);
        case BOOLEAN -> d == 1 ? Boolean.TRUE : d == 0 ? (Object) Boolean.FALSE : UNPARSEABLE;
      };
    }
    if (value instanceof Long l) {
      return switch (to) {
        case DOUBLE -> (double) l;
        case LONG -> l;
        case STRING -> Long.toString(l);
        case BOOLEAN -> l == 1 ? Boolean.TRUE : l == 0 ? (Object) Boolean.FALSE : UNPARSEABLE;
      };
    }
    if (value instanceof Boolean b) {
      return switch (to) {
        case DOUBLE -> b ? 1.0 : 0.0;
        case LONG -> b ? 1L : 0L;
        case STRING -> b.toString();
        case BOOLEAN -> b;
      };
    }
    if (value instanceof String s) {
      return to == Cast.To.STRING ? s : fromString(s.strip());
    }
    if (value instanceof Instant i && to == Cast.To.STRING) {
      return i.toString();
    }
    return UNPARSEABLE;
  }

  private Object fromString(String s) {
    switch (to) {
      case DOUBLE:
        if (DECIMAL.matcher(s).matches()) {
          return Double.parseDouble(s);
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
          case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
          case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
          case "nan" -> null;
          default -> UNPARSEABLE;
        };
      case LONG:
        if (WHOLE.matcher(s).matches()) {
          try {
            return Long.parseLong(s);
          } catch (NumberFormatException e) {
            return UNPARSEABLE; // out of range
          }
        }
        return UNPARSEABLE;
      case BOOLEAN:
        return switch (s.toLowerCase(Locale.ROOT)) {
          case "true", "1", "yes" -> Boolean.TRUE;
          case "false", "0", "no" -> Boolean.FALSE;
          default -> UNPARSEABLE;
        };
      case STRING:
      default:
        throw new AssertionError(to);
    }
  }

  /** Applies the policy to a conversion result. */
  private Object checked(Object converted, Object original, int c, int row) {
    if (converted != UNPARSEABLE) {
      return converted;
    }
    if (nullOnFailure) {
      return null;
    }
    Field f = inputs.field(c);
    String shown = f.hasTag(Field.PII) ? "a value" : original instanceof String s ? "value '" + s + "'"
        : "value " + original;
    throw new ValidationException("step '" + step + "' (cast): column '" + f.name() + "' row " + row + ": " + shown
        + " does not convert to " + to.columnType() + "; set unparseable to \"null\" for a missing value, or clean"
        + " the column first");
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame batch) {
    List<Column> out = new ArrayList<>(inputs.size());
    for (int c = 0; c < inputs.size(); c++) {
      Column in = batch.column(c);
      if (in.type() == to.columnType() && in.type() != ColumnType.DOUBLE) {
        out.add(in); // a DOUBLE column is rebuilt so that a NaN value becomes missing, as in the record path
      } else if (in instanceof StringColumn s) {
        out.add(fromStrings(s, c));
      } else {
        out.add(rowByRow(in, c));
      }
    }
    return out;
  }

  /** Strings: converts each dictionary entry once, then maps the codes. */
  private Column fromStrings(StringColumn s, int c) {
    List<String> dict = s.dictionary();
    Object[] converted = new Object[dict.size()];
    for (int k = 0; k < converted.length; k++) {
      converted[k] = convert(dict.get(k));
    }
    int n = s.size();
    Builder b = new Builder(to, n);
    for (int r = 0; r < n; r++) {
      int code = s.code(r);
      b.add(code < 0 ? null : checked(converted[code], dict.get(code), c, r));
    }
    return b.build();
  }

  private Column rowByRow(Column in, int c) {
    int n = in.size();
    Builder b = new Builder(to, n);
    for (int r = 0; r < n; r++) {
      Object v = in.get(r);
      b.add(checked(convert(v), v, c, r));
    }
    return b.build();
  }

  @Override
  public Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    Object[] out = new Object[record.length];
    for (int c = 0; c < record.length; c++) {
      out[c] = checked(convert(record[c]), record[c], c, 0);
    }
    return out;
  }

  /** A builder of the target type taking boxed values. */
  private static final class Builder {
    private final Cast.To to;
    private final DoubleColumn.Builder doubles;
    private final LongColumn.Builder longs;
    private final BooleanColumn.Builder booleans;
    private final StringColumn.Builder strings;

    Builder(Cast.To to, int n) {
      this.to = to;
      this.doubles = to == Cast.To.DOUBLE ? DoubleColumn.builder(n) : null;
      this.longs = to == Cast.To.LONG ? LongColumn.builder(n) : null;
      this.booleans = to == Cast.To.BOOLEAN ? BooleanColumn.builder(n) : null;
      this.strings = to == Cast.To.STRING ? StringColumn.builder(n) : null;
    }

    void add(Object v) {
      switch (to) {
        case DOUBLE -> doubles.add((Double) v);
        case LONG -> longs.add((Long) v);
        case BOOLEAN -> booleans.add((Boolean) v);
        case STRING -> strings.add((String) v);
        default -> throw new AssertionError(to);
      }
    }

    Column build() {
      return switch (to) {
        case DOUBLE -> doubles.build();
        case LONG -> longs.build();
        case BOOLEAN -> booleans.build();
        case STRING -> strings.build();
      };
    }
  }
}
