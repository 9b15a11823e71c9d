package dev.mlops.preprocessing;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks one column's rules against a frame: a pass per rule over primitive arrays and dictionary codes. */
final class ConstraintCheck {
  private static final int LISTED_VALUES = 5;

  private ConstraintCheck() {}

  static void check(Constraints.ColumnConstraint c, Frame frame, List<Violation> out) {
    String name = c.column();
    int rows = frame.rowCount();
    if (!frame.schema().contains(name)) {
      if (c.present()) {
        out.add(new Violation(name, Constraints.Rule.PRESENT, "no such column (the data has "
            + names(frame.columnNames()) + ")", "the column to be present", rows, List.of()));
      }
      return;
    }
    Column col = frame.column(name);
    if (c.type() != null && col.type() != c.type()) {
      out.add(new Violation(name, Constraints.Rule.TYPE, col.type().name(), c.type().name(), rows, List.of()));
      return;
    }
    if (c.maxNullFraction() != null && rows > 0) {
      checkMissing(c, col, rows, out);
    }
    if ((c.min() != null || c.max() != null) && col.type().isNumeric()) {
      checkRange(c, col, rows, out);
    }
    if (c.domain() != null && (col.type() == ColumnType.STRING || col.type() == ColumnType.BOOLEAN)) {
      checkDomain(c, col, rows, out);
    }
  }

  private static String names(List<String> names) {
    int show = Math.min(names.size(), 10);
    String listed = String.join(", ", names.subList(0, show));
    return names.size() + (names.size() == 1 ? " column: " : " columns: ") + listed
        + (names.size() > show ? ", ..." : "");
  }

  private static boolean missing(Column col, int row) {
    return col.isNull(row) || (col instanceof DoubleColumn d && Double.isNaN(d.getDouble(row)));
  }

  private static void checkMissing(Constraints.ColumnConstraint c, Column col, int rows, List<Violation> out) {
    long n = 0;
    List<Integer> examples = new ArrayList<>();
    boolean maybe = col.hasNulls() || col.type() == ColumnType.DOUBLE;
    for (int i = 0; maybe && i < rows; i++) {
      if (missing(col, i)) {
        n++;
        if (examples.size() < Violation.MAX_EXAMPLES) {
          examples.add(i);
        }
      }
    }
    double fraction = (double) n / rows;
    if (fraction > c.maxNullFraction()) {
      double max = c.maxNullFraction();
      out.add(new Violation(c.column(), Constraints.Rule.MAX_NULL_FRACTION,
          TextTable.num(fraction) + " missing (" + n + " of " + rows + " rows null or NaN)",
          max == 0 ? "no missing values" : "at most " + TextTable.num(max) + " missing", n, examples));
    }
  }

  private static void checkRange(Constraints.ColumnConstraint c, Column col, int rows, List<Violation> out) {
    double lo = c.min() == null ? Double.NEGATIVE_INFINITY : c.min();
    double hi = c.max() == null ? Double.POSITIVE_INFINITY : c.max();
    long n = 0;
    double smallest = Double.POSITIVE_INFINITY;
    double largest = Double.NEGATIVE_INFINITY;
    List<Integer> examples = new ArrayList<>();
    if (col instanceof DoubleColumn d) {
      double[] values = d.toArray();
      for (int i = 0; i < rows; i++) {
        double v = values[i];
        if ((v < lo || v > hi) && !d.isNull(i)) {
          n++;
          smallest = Math.min(smallest, v);
          largest = Math.max(largest, v);
          if (examples.size() < Violation.MAX_EXAMPLES) {
            examples.add(i);
          }
        }
      }
    } else {
      LongColumn l = (LongColumn) col;
      long[] values = l.toArray(); // nulls filled; told apart below
      for (int i = 0; i < rows; i++) {
        double v = values[i];
        if ((v < lo || v > hi) && !l.isNull(i)) {
          n++;
          smallest = Math.min(smallest, v);
          largest = Math.max(largest, v);
          if (examples.size() < Violation.MAX_EXAMPLES) {
            examples.add(i);
          }
        }
      }
    }
    if (n > 0) {
      String observed = n + (n == 1 ? " value" : " values") + " out of range"
          + (c.pii() ? " (values of a pii column are not shown)"
              : ", smallest " + TextTable.exact(smallest) + ", largest " + TextTable.exact(largest));
      out.add(new Violation(c.column(), Constraints.Rule.RANGE, observed,
          "values between " + TextTable.exact(lo) + " and " + TextTable.exact(hi), n, examples));
    }
  }

  private static void checkDomain(Constraints.ColumnConstraint c, Column col, int rows, List<Violation> out) {
    Set<String> allowed = new HashSet<>(c.domain());
    long n = 0;
    List<Integer> examples = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (col instanceof StringColumn s) {
      List<String> dict = s.dictionary();
      byte[] state = new byte[dict.size()]; // 0 unseen, 1 allowed, 2 unknown
      for (int i = 0; i < rows; i++) {
        if (s.isNull(i)) {
          continue;
        }
        int code = s.code(i);
        if (state[code] == 0) {
          state[code] = allowed.contains(dict.get(code)) ? (byte) 1 : (byte) 2;
          if (state[code] == 2) {
            unknown.add(dict.get(code));
          }
        }
        if (state[code] == 2) {
          n++;
          if (examples.size() < Violation.MAX_EXAMPLES) {
            examples.add(i);
          }
        }
      }
    } else {
      BooleanColumn b = (BooleanColumn) col;
      boolean[] seen = new boolean[2];
      for (int i = 0; i < rows; i++) {
        if (b.isNull(i)) {
          continue;
        }
        boolean v = b.getBoolean(i);
        if (!allowed.contains(Boolean.toString(v))) {
          n++;
          if (!seen[v ? 1 : 0]) {
            seen[v ? 1 : 0] = true;
            unknown.add(Boolean.toString(v));
          }
          if (examples.size() < Violation.MAX_EXAMPLES) {
            examples.add(i);
          }
        }
      }
    }
    if (n > 0) {
      String observed;
      if (c.pii()) {
        observed = unknown.size() + " unknown " + (unknown.size() == 1 ? "value" : "values")
            + " (values of a pii column are not shown)";
      } else {
        StringBuilder s = new StringBuilder(unknown.size() == 1 ? "unknown value " : "unknown values ");
        for (int i = 0; i < Math.min(LISTED_VALUES, unknown.size()); i++) {
          s.append(i == 0 ? "" : ", ").append('\'').append(unknown.get(i)).append('\'');
        }
        if (unknown.size() > LISTED_VALUES) {
          s.append(" and ").append(unknown.size() - LISTED_VALUES).append(" more");
        }
        observed = s.toString();
      }
      out.add(new Violation(c.column(), Constraints.Rule.DOMAIN, observed, "one of " + domainText(c), n,
          examples));
    }
  }

  private static String domainText(Constraints.ColumnConstraint c) {
    List<String> d = c.domain();
    if (c.pii()) {
      return d.size() + " allowed values";
    }
    StringBuilder s = new StringBuilder("[");
    int show = Math.min(d.size(), 20);
    for (int i = 0; i < show; i++) {
      s.append(i == 0 ? "" : ", ").append(d.get(i));
    }
    if (d.size() > show) {
      s.append(", ... (").append(d.size()).append(" values)");
    }
    return s.append(']').toString();
  }
}
