package dev.mlops.preprocessing;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.LongColumn;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.Arrays;
import java.util.List;

/** Runs fitted steps over a batch along a {@link Plan}: the batch and matrix paths of {@link FittedPipeline}. */
final class Execution {
  private Execution() {}

  static void copy(Column c, double[] out, int col, int stride, int rows) {
    if (c instanceof DoubleColumn d) {
      double[] v = d.toArray();
      for (int r = 0, p = col; r < rows; r++, p += stride) {
        out[p] = v[r];
      }
    } else if (c instanceof LongColumn l) {
      long[] v = l.toArray();
      for (int r = 0, p = col; r < rows; r++, p += stride) {
        out[p] = l.isNull(r) ? Double.NaN : v[r];
      }
    } else if (c instanceof BooleanColumn b) {
      boolean[] v = b.toArray();
      for (int r = 0, p = col; r < rows; r++, p += stride) {
        out[p] = b.isNull(r) ? Double.NaN : v[r] ? 1 : 0;
      }
    } else {
      throw new IllegalStateException("not numeric: " + c.type());
    }
  }

  /**
   * Runs every step on a batch (the input columns in input-schema order); returns the last stage's columns. With a
   * {@code matrix}, steps planned as direct write into it and leave a null column in their place.
   */
  static Column[] run(List<FittedStep> steps, Plan plan, Column[] cols, int rows, double[] matrix, int width) {
    boolean matrixMode = matrix != null;
    for (int k = 0; k < steps.size(); k++) {
      FittedStep fs = steps.get(k);
      int[] in = plan.inputIndex.get(k);
      Column[] inCols = new Column[in.length];
      for (int i = 0; i < in.length; i++) {
        inCols[i] = cols[in[i]];
      }
      Frame inFrame = Frame.of(fs.context().inputs(), Arrays.asList(inCols));
      List<Column> outs;
      if (matrixMode && plan.direct[k]) {
        ((MatrixWriter) fs.fitted()).writeTo(inFrame, matrix, 0, width, plan.directColumns[k]);
        outs = null;
      } else {
        outs = fs.fitted().apply(inFrame);
        checkOutputs(fs, outs, rows);
      }
      int[] map = plan.next.get(k);
      Column[] nextCols = new Column[map.length];
      for (int c = 0; c < map.length; c++) {
        nextCols[c] = map[c] >= 0 ? cols[map[c]] : outs == null ? null : outs.get(-map[c] - 1);
      }
      cols = nextCols;
    }
    return cols;
  }

  static void checkOutputs(FittedStep fs, List<Column> outs, int rows) {
    List<OutputColumn> declared = fs.fitted().outputs();
    if (outs == null || outs.size() != declared.size()) {
      throw new IllegalStateException("step '" + fs.name() + "' (" + fs.step().transform().type().qualifiedId()
          + ") returned " + (outs == null ? "null" : outs.size() + " columns") + " for " + declared.size()
          + " declared outputs; this is a bug in the step");
    }
    for (int o = 0; o < declared.size(); o++) {
      Column c = outs.get(o);
      if (c == null || c.size() != rows || c.type() != declared.get(o).field().type()) {
        throw new IllegalStateException("step '" + fs.name() + "' (" + fs.step().transform().type().qualifiedId()
            + ") returned for output '" + declared.get(o).name() + "' " + (c == null ? "null"
                : c.size() + " rows of " + c.type()) + ", declared " + rows + " rows of "
            + declared.get(o).field().type() + "; this is a bug in the step");
      }
    }
  }
}
