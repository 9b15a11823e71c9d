package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.List;
import java.util.Map;

/** Checks the numeric steps' tests share, on top of {@link Golden}. */
final class StepCases {
  private StepCases() {}

  /** The golden case's parameters as our spec: sklearn's snake_case names in camelCase, bound through Jackson. */
  static <T extends Transform> T params(Golden g, Class<T> type) {
    ObjectNode spec = StateJson.object();
    for (Map.Entry<String, JsonNode> e : g.paramsSet().properties()) {
      spec.set(camel(e.getKey()), e.getValue());
    }
    return Json.parse(Json.toCanonicalJson(spec), type, g.name);
  }

  static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  /**
   * Our state's arrays against sklearn's ({@code ours -> sklearn's} key), within {@code relTol} (0: bit for bit);
   * sklearn keys that are null (not computed for these parameters) are skipped.
   */
  static void assertState(Golden g, FittedTransform ft, Map<String, String> keys, double relTol) {
    JsonNode ours = ft.state();
    keys.forEach((our, theirs) -> {
      JsonNode expected = g.state().get(theirs);
      if (expected == null || expected.isNull()) {
        return;
      }
      double[] want = expected.isArray() ? Golden.numbers(expected) : filled(expected, ours.get(our).size());
      double[] got = StateJson.doubles(ours, our, g.name);
      assertSame(g.name + " state " + our, new double[][] {want}, new double[][] {got}, relTol);
    });
  }

  private static double[] filled(JsonNode scalar, int n) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, Golden.number(scalar));
    return d;
  }

  /** sklearn's fitted state as ours ({@code ours -> sklearn's} key), for restoring a step from it. */
  static ObjectNode stateFromGolden(Golden g, Map<String, String> keys) {
    ObjectNode state = StateJson.object();
    int n = g.state().get("n_features_in_").asInt();
    keys.forEach((our, theirs) -> {
      JsonNode v = g.state().get(theirs);
      StateJson.putDoubles(state, our, v.isArray() ? Golden.numbers(v) : filled(v, n));
    });
    return state;
  }

  /**
   * A scaler's golden case, bit for bit: fitted in one batch and in batches of 7 rows (state, outputs, round trip,
   * a state of aggregates only), and restored from scikit-learn's own fitted attributes ({@code keys}: our state
   * key to sklearn's attribute).
   */
  static <T extends Transform> void assertScalerGolden(String name, Class<T> type, Map<String, String> keys) {
    Golden g = Golden.load(name);
    T t = params(g, type);
    for (int rows : new int[] {g.fitInput().rowCount(), 7}) {
      FittedTransform ft = Golden.fit(t, g.fitInput(), rows);
      assertState(g, ft, keys, 0);
      assertOutputs(g, ft, 0);
      Golden.assertRoundTrip(t, ft, g.fitInput().schema(), g.fitInput());
      assertFalse(ft.stateHoldsValues(), "the state is aggregates");
    }
    assertOutputs(g, restore(t, g, stateFromGolden(g, keys)), 0);
  }

  /** Restores {@code t} from {@code state} with the golden input's columns. */
  static FittedTransform restore(Transform t, Golden g, JsonNode state) {
    @SuppressWarnings("unchecked")
    TransformType<Transform> type = (TransformType<Transform>) t.type();
    return type.restore(t, new StepContext("test", g.fitInput().schema()), state, type.version());
  }

  /** The step's output on every recorded input against sklearn's, within {@code relTol} (0: bit for bit). */
  static void assertOutputs(Golden g, FittedTransform ft, double relTol) {
    for (String which : List.of("fit_input", "unseen")) {
      if (!g.hasTransform(which)) {
        continue;
      }
      Frame in = g.input(which);
      List<Column> out = ft.apply(in);
      assertEquals(g.expectedNames(which), ft.outputs().stream().map(o -> o.name()).toList(), g.name + " names");
      assertSame(g.name + " " + which, g.expected(which), Golden.matrix(out), relTol);
      assertMatrixPathSame(ft, in);
      Golden.assertRecordPathIdentical(ft, in);
    }
  }

  /** Equal within {@code relTol} of the larger magnitude, or bit for bit when it is 0; NaN equals NaN. */
  static void assertSame(String what, double[][] expected, double[][] actual, double relTol) {
    if (relTol > 0) {
      Golden.assertClose(what, expected, actual, relTol, relTol);
      return;
    }
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r].length, actual[r].length, what + ": columns of row " + r);
      for (int c = 0; c < expected[r].length; c++) {
        if (Double.compare(expected[r][c], actual[r][c]) != 0) {
          fail(what + ": [" + r + "][" + c + "] expected " + expected[r][c] + " but was " + actual[r][c]);
        }
      }
    }
  }

  /** The matrix path writes the numbers {@code apply} gives (NaN for a null), at the given columns and rows. */
  static void assertMatrixPathSame(FittedTransform ft, Frame in) {
    assertTrue(ft instanceof MatrixWriter, ft + " has no matrix path");
    int k = ft.outputs().size();
    int stride = k + 2;
    int firstRow = 1;
    int[] columns = new int[k];
    for (int c = 0; c < k; c++) {
      columns[c] = k - c; // reversed, shifted by one: writers must honour the mapping
    }
    double[] m = new double[(in.rowCount() + 2) * stride];
    ((MatrixWriter) ft).writeTo(in, m, firstRow, stride, columns);
    double[][] batch = Golden.matrix(ft.apply(in));
    for (int r = 0; r < in.rowCount(); r++) {
      for (int c = 0; c < k; c++) {
        double got = m[(firstRow + r) * stride + columns[c]];
        assertEquals(Double.doubleToLongBits(batch[r][c]), Double.doubleToLongBits(got),
            "matrix [" + r + "][" + c + "]: apply " + batch[r][c] + " matrix " + got);
      }
    }
  }
}
