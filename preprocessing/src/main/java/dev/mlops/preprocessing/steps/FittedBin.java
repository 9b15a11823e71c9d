package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
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
import java.util.Arrays;
import java.util.List;

/** Fitted {@link Bin}: the edges per column. */
final class FittedBin implements RecordTransform, MatrixWriter {
  private final String step;
  private final Schema inputs;
  private final boolean onehot;
  private final boolean keepMissing;
  private final double[][] edges;
  private final int[] firstOutput;
  private final List<OutputColumn> outputs;

  FittedBin(Bin params, StepContext context, double[][] edges) {
    this.step = context.stepName();
    this.inputs = context.inputs();
    this.onehot = params.encode() == Bin.Encode.ONEHOT;
    this.keepMissing = params.missing() == Bin.Missing.KEEP;
    this.edges = new double[edges.length][];
    this.firstOutput = new int[edges.length];
    List<OutputColumn> out = new ArrayList<>();
    for (int c = 0; c < edges.length; c++) {
      this.edges[c] = edges[c].clone();
      firstOutput[c] = out.size();
      Field f = inputs.field(c);
      Field base = f.withType(ColumnType.DOUBLE).withNullable(keepMissing);
      if (onehot) {
        for (int b = 0; b < bins(c); b++) {
          out.add(new OutputColumn(base.withName(f.name() + "_" + b + ".0"), List.of(f.name())));
        }
      } else {
        out.add(new OutputColumn(base, List.of(f.name())));
      }
    }
    this.outputs = List.copyOf(out);
  }

  private int bins(int c) {
    return edges[c].length - 1;
  }

  /**
   * The bin of {@code x} in column {@code c}: the number of inner edges {@code <= x} (numpy's
   * {@code searchsorted(edges[1:-1], x, side="right")}), or -1 for a missing value under {@code keep}.
   */
  private int bin(double x, int c, int row) {
    if (Double.isNaN(x)) {
      if (keepMissing) {
        return -1;
      }
      throw new ValidationException("step '" + step + "' (bin): column '" + inputs.field(c).name() + "' row " + row
          + " is missing; bins take no missing value (as in scikit-learn); set missing to \"keep\" for a missing"
          + " output, or impute the column first");
    }
    double[] e = edges[c];
    int lo = 1;
    int hi = e.length - 1; // inner edges are e[1 .. e.length - 2]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (e[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
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
      double[] v = StepValues.doubles(batch.column(c));
      if (!onehot) {
        for (int r = 0; r < n; r++) {
          int b = bin(v[r], c, r);
          v[r] = b < 0 ? Double.NaN : b;
        }
        out.add(StepValues.column(v));
        continue;
      }
      double[][] cols = new double[bins(c)][n];
      for (int r = 0; r < n; r++) {
        int b = bin(v[r], c, r);
        if (b < 0) {
          for (double[] col : cols) {
            col[r] = Double.NaN;
          }
        } else {
          cols[b][r] = 1;
        }
      }
      for (double[] col : cols) {
        out.add(StepValues.column(col));
      }
    }
    return out;
  }

  @Override
  public void writeTo(Frame batch, double[] out, int firstRow, int stride, int[] columns) {
    int n = batch.rowCount();
    for (int c = 0; c < inputs.size(); c++) {
      double[] v = StepValues.doubles(batch.column(c));
      int k = firstOutput[c];
      for (int r = 0; r < n; r++) {
        int b = bin(v[r], c, r);
        int row = (firstRow + r) * stride;
        if (!onehot) {
          out[row + columns[k]] = b < 0 ? Double.NaN : b;
        } else if (b >= 0) {
          out[row + columns[k + b]] = 1;
        } else {
          for (int j = 0; j < bins(c); j++) {
            out[row + columns[k + j]] = Double.NaN;
          }
        }
      }
    }
  }

  @Override
  public Object[] applyRecord(Object[] record) {
    StepValues.checkRecord(step, record, inputs.size());
    Object[] out = new Object[outputs.size()];
    for (int c = 0; c < record.length; c++) {
      int b = bin(StepValues.doubleOf(record[c]), c, 0);
      int k = firstOutput[c];
      if (!onehot) {
        out[k] = b < 0 ? null : (Double) (double) b;
      } else {
        for (int j = 0; j < bins(c); j++) {
          out[k + j] = b < 0 ? null : (Double) (j == b ? 1.0 : 0.0);
        }
      }
    }
    return out;
  }

  /** The edges, for tests. */
  double[][] edges() {
    double[][] copy = new double[edges.length][];
    for (int c = 0; c < edges.length; c++) {
      copy[c] = Arrays.copyOf(edges[c], edges[c].length);
    }
    return copy;
  }

  @Override
  public JsonNode state() {
    ObjectNode s = StateJson.object();
    ArrayNode all = s.putArray("edges");
    for (double[] e : edges) {
      ArrayNode a = all.addArray();
      for (double x : e) {
        a.add(StateJson.number(x));
      }
    }
    return s;
  }

  @Override
  public boolean stateHoldsValues() {
    return false;
  }
}
