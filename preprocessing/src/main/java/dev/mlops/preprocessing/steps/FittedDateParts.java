package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.TimestampColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Fitted {@link DateParts}: civil-calendar arithmetic on epoch microseconds, no allocation per row. */
final class FittedDateParts implements StatelessTransform, MatrixWriter {
  private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

  private final String step;
  private final Schema inputs;
  private final DateParts.Part[] parts;
  private final ZoneRules rules;
  private final int fixedOffset; // seconds, when the zone has one offset; else Integer.MIN_VALUE
  private final List<OutputColumn> outputs;

  FittedDateParts(DateParts params, StepContext context) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    context.requireTypes(ColumnType.TIMESTAMP);
    this.parts = params.parts().toArray(new DateParts.Part[0]);
    ZoneId zone = DateParts.zoneId(params.zone());
    this.rules = zone.getRules();
    this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : Integer.MIN_VALUE;
    List<OutputColumn> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Field f : inputs.fields()) {
      for (DateParts.Part p : parts) {
        String name = f.name() + "_" + p.suffix();
        if (!names.add(name)) {
          throw new ValidationException("step '" + step + "' (date_parts): two outputs would be named '" + name
              + "'; rename one of the input columns first");
        }
        out.add(new OutputColumn(f.withName(name).withType(ColumnType.DOUBLE).withNullable(true),
            List.of(f.name())));
      }
    }
    this.outputs = List.copyOf(out);
  }

  /** The one formula of both paths: part {@code p} of the instant {@code micros}. */
  private double part(long micros, DateParts.Part p) {
    if (p == DateParts.Part.EPOCH_SECONDS) {
      return micros / 1e6; // one rounding; exact to the microsecond for years 1685 to 2255
    }
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int offset = fixedOffset != Integer.MIN_VALUE ? fixedOffset
        : rules.getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
    long local = seconds + offset;
    long day = Math.floorDiv(local, 86_400L);
    long secondOfDay = local - day * 86_400L;
    switch (p) {
      case HOUR:
        return secondOfDay / 3600;
      case MINUTE:
        return (secondOfDay / 60) % 60;
      case DAY_OF_WEEK:
        return Math.floorMod(day + 3, 7) + 1; // 1970-01-01 was a Thursday
      default:
        break;
    }
    // civil date from days (H. Hinnant's algorithm)
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    switch (p) {
      case YEAR:
        return y;
      case MONTH:
        return m;
      case DAY:
        return d;
      case DAY_OF_YEAR:
        boolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return DAYS_BEFORE_MONTH[(int) m - 1] + (leap && m > 2 ? 1 : 0) + d;
      default:
        throw new AssertionError(p);
    }
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  @Override
  public List<Column> apply(Frame batch) {
    int n = batch.rowCount();
    List<Column> out = new ArrayList<>(outputs.size());
    for (int c = 0; c < inputs.size(); c++) {
      TimestampColumn t = (TimestampColumn) batch.column(c);
      long[] micros = t.toMicrosArray();
      for (DateParts.Part p : parts) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = t.isNull(r) ? Double.NaN : part(micros[r], p);
        }
        out.add(StepValues.column(v));
      }
    }
    return out;
  }

  @Override
  public void writeTo(Frame batch, double[] out, int firstRow, int stride, int[] columns) {
    int n = batch.rowCount();
    int k = 0;
    for (int c = 0; c < inputs.size(); c++) {
      TimestampColumn t = (TimestampColumn) batch.column(c);
      long[] micros = t.toMicrosArray();
      for (DateParts.Part p : parts) {
        for (int r = 0; r < n; r++) {
          out[(firstRow + r) * stride + columns[k]] = t.isNull(r) ? Double.NaN : part(micros[r], p);
        }
        k++;
      }
    }
  }

  @Override
  public Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    Object[] out = new Object[outputs.size()];
    int k = 0;
    for (int c = 0; c < record.length; c++) {
      Object v = record[c];
      if (v != null && !(v instanceof Instant)) {
        throw new ValidationException("step '" + step + "' (date_parts): record value " + c + " (column '"
            + inputs.field(c).name() + "') is a " + v.getClass().getSimpleName() + ", not an Instant");
      }
      for (DateParts.Part p : parts) {
        out[k++] = v == null ? null : StepValues.boxed(part(TimestampColumn.toMicros((Instant) v), p));
      }
    }
    return out;
  }
}
