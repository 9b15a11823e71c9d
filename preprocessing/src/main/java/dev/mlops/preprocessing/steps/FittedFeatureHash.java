package dev.mlops.preprocessing.steps;

import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.MatrixWriter;
import dev.mlops.preprocessing.internal.Murmur3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link FeatureHash} step. A value's tokens are hashed once per dictionary code of a batch into "entries": the
 * output index for +1, or its complement ({@code ~index}, negative) for -1; each row then adds its codes' entries.
 */
final class FittedFeatureHash implements StatelessTransform, MatrixWriter {
  private static final int[] NO_TOKENS = new int[0];

  private final StepContext context;
  private final FeatureHash params;
  private final int n;
  private final List<OutputColumn> outputs;

  FittedFeatureHash(StepContext context, FeatureHash params) {
    this.context = context;
    this.params = params;
    this.n = params.nFeatures();
    Set<String> tags = new TreeSet<>();
    for (Field f : context.inputs().fields()) {
      tags.addAll(f.tags());
    }
    List<String> from = context.inputs().names();
    List<OutputColumn> outs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outs.add(new OutputColumn(Field.of(params.prefix() + "_" + i, ColumnType.DOUBLE).withNullable(false)
          .withTags(tags), from));
    }
    this.outputs = List.copyOf(outs);
  }

  @Override
  public List<OutputColumn> outputs() {
    return outputs;
  }

  /** The entry of one token: its output index, or {@code ~index} when it subtracts. */
  private int entry(String token) {
    int h = Murmur3.hash32(token, 0);
    int index = (int) (Math.abs((long) h) % n);
    return params.alternateSign() && h < 0 ? ~index : index;
  }

  /** The entries of one value's tokens (none for a missing value). */
  private int[] entries(String value) {
    if (value == null) {
      return NO_TOKENS;
    }
    String sep = params.separator();
    if (sep == null) {
      return new int[] {entry(value)};
    }
    int[] out = new int[4];
    int count = 0;
    int from = 0;
    while (true) {
      int at = value.indexOf(sep, from);
      String token = at < 0 ? value.substring(from) : value.substring(from, at);
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = entry(token);
      if (at < 0) {
        break;
      }
      from = at + sep.length();
    }
    return count == out.length ? out : Arrays.copyOf(out, count);
  }

  /** Adds {@code entries} to row {@code base} of a row-major buffer: {@code out[base + column[index]]}. */
  private static void add(int[] entries, double[] out, int base, int[] columns) {
    for (int e : entries) {
      if (e >= 0) {
        out[base + columns[e]] += 1.0;
      } else {
        out[base + columns[~e]] -= 1.0;
      }
    }
  }

  /** Adds every row's entries: {@code out[(firstRow + r) * stride + columns[index]]}. */
  private void addAll(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    int rows = inputs.rowCount();
    for (int j = 0; j < context.inputs().size(); j++) {
      StringColumn col = CategoryIndex.stringInput(context.stepName(), inputs, j);
      int[][] memo = new int[col.dictionarySize()][];
      for (int r = 0; r < rows; r++) {
        int c = col.code(r);
        if (c < 0) {
          continue;
        }
        int[] e = memo[c];
        if (e == null) {
          e = entries(col.getString(r));
          memo[c] = e;
        }
        add(e, out, (firstRow + r) * stride, columns);
      }
    }
  }

  @Override
  public List<Column> apply(Frame inputs) {
    int rows = inputs.rowCount();
    // row-major scratch (one row's outputs together), then one column per output
    double[] m = new double[Math.multiplyExact(rows, n)];
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    addAll(inputs, m, 0, n, identity);
    List<Column> out = new ArrayList<>(n);
    double[] v = new double[rows];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < rows; r++) {
        v[r] = m[r * n + i];
      }
      out.add(DoubleColumn.of(v));
    }
    return out;
  }

  @Override
  public void writeTo(Frame inputs, double[] out, int firstRow, int stride, int[] columns) {
    addAll(inputs, out, firstRow, stride, columns);
  }

  @Override
  public Object[] applyRecord(Object[] inputs) {
    CategoryIndex.checkRecord(context.stepName(), inputs, context.inputs().size());
    double[] sums = new double[n];
    for (int j = 0; j < inputs.length; j++) {
      String value = CategoryIndex.stringValue(context.stepName(), context.inputs().field(j), inputs[j]);
      int[] e = entries(value);
      for (int x : e) {
        if (x >= 0) {
          sums[x] += 1.0;
        } else {
          sums[~x] -= 1.0;
        }
      }
    }
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = sums[i];
    }
    return out;
  }

  @Override
  public String toString() {
    return "feature_hash" + context.inputs().names() + " -> " + n + " columns";
  }
}
