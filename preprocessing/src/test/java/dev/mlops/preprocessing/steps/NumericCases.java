package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.List;

/** Checks shared by this helper's numeric step tests (Golden.java is not to be edited). */
final class NumericCases {
  private NumericCases() {}

  /** The output names. */
  static List<String> names(FittedTransform ft) {
    return ft.outputs().stream().map(OutputColumn::name).toList();
  }

  /** The matrix writer writes the same numbers as apply, into the columns it is given. */
  static void assertMatrixSameAsApply(FittedTransform ft, Frame inputs) {
    assertTrue(ft instanceof MatrixWriter, ft.getClass().getSimpleName() + " has no matrix path");
    double[][] applied = Golden.matrix(ft.apply(inputs));
    int k = ft.outputs().size();
    int stride = k + 2;
    int[] columns = new int[k];
    for (int i = 0; i < k; i++) {
      columns[i] = i + 1; // leave column 0 and the last free
    }
    double[] out = new double[(inputs.rowCount() + 1) * stride];
    ((MatrixWriter) ft).writeTo(inputs, out, 1, stride, columns);
    for (int r = 0; r < inputs.rowCount(); r++) {
      for (int c = 0; c < k; c++) {
        double w = out[(r + 1) * stride + c + 1];
        assertEquals(Double.doubleToLongBits(applied[r][c]), Double.doubleToLongBits(w),
            "matrix [" + r + "][" + c + "]: apply " + applied[r][c] + " matrix " + w);
      }
      assertEquals(0.0, out[(r + 1) * stride], "column outside the step's untouched");
    }
  }

  /** Fitting in batches of 7 rows gives the same outputs as one batch (bit for bit). */
  static void assertBatchIndependent(Transform t, Frame data) {
    FittedTransform one = Golden.fit(t, data);
    FittedTransform seven = Golden.fit(t, data, 7);
    assertEquals(one.state(), seven.state(), "state, one batch vs batches of 7");
    double[][] a = Golden.matrix(one.apply(data));
    double[][] b = Golden.matrix(seven.apply(data));
    for (int r = 0; r < a.length; r++) {
      assertArrayEquals(a[r], b[r], "row " + r);
    }
  }

  /** A fitted step built from a schema only (steps that need no data). */
  static FittedTransform fitWithoutData(Transform t, Frame data) {
    return t.fitter(new StepContext("test", data.schema())).finish();
  }

  static double[][] apply(FittedTransform ft, Frame in) {
    List<Column> out = ft.apply(in);
    return Golden.matrix(out);
  }
}
