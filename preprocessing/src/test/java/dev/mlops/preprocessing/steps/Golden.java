package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.Fitter;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.TransformType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One scikit-learn golden case ({@code src/test/resources/sklearn/cases/<name>.json}, see the README there) and the
 * checks every built-in step test shares: fit a transform on a frame, compare outputs, check the single-record path
 * is bit-identical to the batch path, and check the saved state restores to bit-identical output.
 */
final class Golden {
  final String name;
  final JsonNode json;

  private Golden(String name, JsonNode json) {
    this.name = name;
    this.json = json;
  }

  static Golden load(String name) {
    String path = "/sklearn/cases/" + name + ".json";
    try (InputStream in = Golden.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden case " + path);
      }
      return new Golden(name, Json.reader().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The parameters the script set, e.g. {@code {"strategy": "mean"}}. */
  JsonNode paramsSet() {
    return json.path("estimator").path("params_set");
  }

  /** The fitted state ({@code mean_}, ...), or a missing node when fit failed. */
  JsonNode state() {
    return json.path("fit").path("state");
  }

  /** The error sklearn raised at fit, or a missing node. */
  JsonNode fitError() {
    return json.path("fit").path("error");
  }

  Frame fitInput() {
    return frame(json.get("fit_input"));
  }

  /** The transform entry named {@code "fit_input"} or {@code "unseen"}. */
  JsonNode transform(String which) {
    for (JsonNode t : json.get("transforms")) {
      if (t.get("name").asText().equals(which)) {
        return t;
      }
    }
    throw new IllegalArgumentException(name + " has no transform '" + which + "'");
  }

  boolean hasTransform(String which) {
    for (JsonNode t : json.get("transforms")) {
      if (t.get("name").asText().equals(which)) {
        return true;
      }
    }
    return false;
  }

  /** The input of a transform: the fit input for "fit_input", else the recorded input. */
  Frame input(String which) {
    return which.equals("fit_input") ? fitInput() : frame(transform(which).get("input"));
  }

  double[][] expected(String which) {
    JsonNode values = transform(which).path("output").path("values");
    double[][] out = new double[values.size()][];
    for (int r = 0; r < out.length; r++) {
      JsonNode row = values.get(r);
      out[r] = new double[row.size()];
      for (int c = 0; c < row.size(); c++) {
        out[r][c] = number(row.get(c));
      }
    }
    return out;
  }

  List<String> expectedNames(String which) {
    List<String> names = new ArrayList<>();
    transform(which).path("output").path("feature_names_out").forEach(n -> names.add(n.asText()));
    return names;
  }

  /** The documents of a {@code documents} input (text vectorizer cases). */
  static List<String> documents(JsonNode input) {
    List<String> docs = new ArrayList<>();
    input.get("documents").forEach(d -> docs.add(d.asText()));
    return docs;
  }

  static double number(JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isTextual()) {
      return switch (v.asText()) {
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> throw new IllegalArgumentException("not a number: " + v);
      };
    }
    return v.doubleValue();
  }

  static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  /**
   * A recorded frame input as a Frame: float64 columns DOUBLE (null = missing), int64 LONG, object STRING (null =
   * missing), bool BOOLEAN.
   */
  static Frame frame(JsonNode input) {
    if (!input.get("kind").asText().equals("frame")) {
      throw new IllegalArgumentException("not a frame input: " + input.get("kind"));
    }
    JsonNode cols = input.get("columns");
    JsonNode dtypes = input.get("dtypes");
    JsonNode rows = input.get("rows");
    List<Field> fields = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      String dtype = dtypes.get(c).asText();
      String colName = cols.get(c).asText();
      int n = rows.size();
      if (dtype.startsWith("float")) {
        double[] v = new double[n];
        boolean[] nulls = new boolean[n];
        for (int r = 0; r < n; r++) {
          JsonNode x = rows.get(r).get(c);
          nulls[r] = x.isNull();
          v[r] = nulls[r] ? 0 : number(x);
        }
        fields.add(Field.of(colName, ColumnType.DOUBLE));
        columns.add(DoubleColumn.of(v, nulls));
      } else if (dtype.startsWith("int")) {
        long[] v = new long[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).get(c).asLong();
        }
        fields.add(Field.of(colName, ColumnType.LONG));
        columns.add(LongColumn.of(v));
      } else if (dtype.equals("bool")) {
        boolean[] v = new boolean[n];
        for (int r = 0; r < n; r++) {
          v[r] = rows.get(r).get(c).asBoolean();
        }
        fields.add(Field.of(colName, ColumnType.BOOLEAN));
        columns.add(BooleanColumn.of(v));
      } else {
        List<String> v = new ArrayList<>();
        for (int r = 0; r < n; r++) {
          JsonNode x = rows.get(r).get(c);
          v.add(x.isNull() ? null : x.asText());
        }
        fields.add(Field.of(colName, ColumnType.STRING));
        columns.add(StringColumn.of(v));
      }
    }
    return Frame.of(new Schema(fields), columns);
  }

  /** Fits {@code t} on all of {@code data} (one batch, or several of {@code batchRows}). */
  static FittedTransform fit(Transform t, Frame data, int batchRows) {
    Fitter f = t.fitter(new StepContext("test", data.schema()));
    for (int from = 0; from < data.rowCount(); from += batchRows) {
      f.accept(data.slice(from, Math.min(data.rowCount(), from + batchRows)));
    }
    return f.finish();
  }

  static FittedTransform fit(Transform t, Frame data) {
    return fit(t, data, Math.max(1, data.rowCount()));
  }

  /** The output columns as rows x columns doubles (null = NaN; BOOLEAN 0/1; LONG as double). */
  static double[][] matrix(List<Column> out) {
    int rows = out.isEmpty() ? 0 : out.get(0).size();
    double[][] m = new double[rows][out.size()];
    for (int c = 0; c < out.size(); c++) {
      Column col = out.get(c);
      for (int r = 0; r < rows; r++) {
        m[r][c] = valueOf(col.get(r));
      }
    }
    return m;
  }

  static double valueOf(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new IllegalArgumentException("not numeric: " + v);
  }

  /** Equal within {@code relTol} of the larger magnitude (or {@code absTol} near zero); NaN only equals NaN. */
  static void assertClose(String what, double[][] expected, double[][] actual, double relTol, double absTol) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r].length, actual[r].length, what + ": columns of row " + r);
      for (int c = 0; c < expected[r].length; c++) {
        double e = expected[r][c];
        double a = actual[r][c];
        if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e)) {
          if (Double.compare(e, a) != 0) {
            fail(what + ": [" + r + "][" + c + "] expected " + e + " but was " + a);
          }
          continue;
        }
        double tol = Math.max(absTol, relTol * Math.max(Math.abs(e), Math.abs(a)));
        if (Math.abs(e - a) > tol) {
          fail(what + ": [" + r + "][" + c + "] expected " + e + " but was " + a + " (tolerance " + tol + ")");
        }
      }
    }
  }

  static void assertClose(String what, double[] expected, double[] actual, double relTol) {
    assertClose(what, new double[][] {expected}, new double[][] {actual}, relTol, 0);
  }

  /**
   * The single-record path gives bit-identical values to the batch path on every row of {@code inputs} (through
   * {@link RecordTransform} when the step has one; every built-in step should).
   */
  static void assertRecordPathIdentical(FittedTransform ft, Frame inputs) {
    assertTrue(ft instanceof RecordTransform, ft.getClass().getSimpleName() + " has no single-record path");
    RecordTransform rt = (RecordTransform) ft;
    List<Column> batch = ft.apply(inputs);
    for (int r = 0; r < inputs.rowCount(); r++) {
      Object[] in = new Object[inputs.columnCount()];
      for (int c = 0; c < in.length; c++) {
        in[c] = inputs.column(c).get(r);
      }
      Object[] out = rt.applyRecord(in);
      assertEquals(batch.size(), out.length, "outputs of record " + r);
      for (int c = 0; c < out.length; c++) {
        Object b = batch.get(c).get(r);
        if (b instanceof Double bd && out[c] instanceof Double od) {
          assertEquals(Double.doubleToLongBits(bd), Double.doubleToLongBits(od),
              "row " + r + " output " + c + ": batch " + bd + " record " + od);
        } else {
          assertEquals(b, out[c], "row " + r + " output " + c);
        }
      }
    }
  }

  /**
   * Saving the state as JSON text and restoring it gives a step with the same outputs and bit-identical values on
   * {@code inputs}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static FittedTransform assertRoundTrip(Transform t, FittedTransform ft, Schema inputSchema, Frame inputs) {
    String text = Json.toCanonicalJson(ft.state());
    JsonNode state = Json.parseTree(text, "state");
    TransformType type = t.type();
    String params = Json.toCanonicalJson(Json.toTree(t));
    Transform back = (Transform) Json.parse(params, type.paramsType(), "params");
    assertEquals(t, back, "parameters survive JSON");
    FittedTransform restored = type.restore(back, new StepContext("test", inputSchema), state, type.version());
    assertEquals(ft.outputs(), restored.outputs(), "outputs after restore");
    List<Column> a = ft.apply(inputs);
    List<Column> b = restored.apply(inputs);
    assertEquals(a.size(), b.size(), "output columns after restore");
    for (int c = 0; c < a.size(); c++) {
      for (int r = 0; r < inputs.rowCount(); r++) {
        Object x = a.get(c).get(r);
        Object y = b.get(c).get(r);
        if (x instanceof Double dx && y instanceof Double dy) {
          assertEquals(Double.doubleToLongBits(dx), Double.doubleToLongBits(dy), "restored [" + r + "][" + c + "]");
        } else {
          assertEquals(x, y, "restored [" + r + "][" + c + "]");
        }
      }
    }
    return restored;
  }
}
