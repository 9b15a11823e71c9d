package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** Shared checks of the text vectorizer tests (golden documents cases); Golden.java stays as it is. */
final class TextCases {
  static final String COLUMN = "text";

  private TextCases() {}

  /** A one-column STRING frame named "text" (null = missing). */
  static Frame docs(List<String> documents) {
    return Frame.of(new Schema(List.of(Field.of(COLUMN, ColumnType.STRING))), List.of(StringColumn.of(documents)));
  }

  static Frame docs(String... documents) {
    return docs(Arrays.asList(documents));
  }

  /** The documents input of a transform entry: the fit input for "fit_input", else the recorded one. */
  static Frame input(Golden g, String which) {
    JsonNode in = which.equals("fit_input") ? g.json.get("fit_input") : g.transform(which).get("input");
    return docs(Golden.documents(in));
  }

  static List<String> names(FittedTransform ft) {
    List<String> out = new ArrayList<>();
    for (OutputColumn c : ft.outputs()) {
      out.add(c.name());
    }
    return out;
  }

  /** sklearn's bare term names as ours, {@code text_<term>}. */
  static List<String> ourNames(List<String> sklearnNames) {
    List<String> out = new ArrayList<>();
    for (String n : sklearnNames) {
      out.add(COLUMN + "_" + n);
    }
    return out;
  }

  static double[][] values(FittedTransform ft, Frame in) {
    return Golden.matrix(ft.apply(in));
  }

  /** The matrix path writes the same numbers as apply, into columns given by a permutation, at an offset. */
  static void assertMatrixPathIdentical(FittedTransform ft, Frame in) {
    List<Column> cols = ft.apply(in);
    int w = cols.size();
    int stride = w + 2;
    int[] columns = new int[w];
    for (int k = 0; k < w; k++) {
      columns[k] = w - 1 - k + 1;
    }
    double[] out = new double[(in.rowCount() + 1) * stride];
    ((MatrixWriter) ft).writeTo(in, out, 1, stride, columns);
    double[][] expected = Golden.matrix(cols);
    for (int r = 0; r < in.rowCount(); r++) {
      for (int k = 0; k < w; k++) {
        assertEquals(Double.doubleToLongBits(expected[r][k]), Double.doubleToLongBits(out[(1 + r) * stride + columns[k]]),
            "matrix [" + r + "][" + k + "]");
      }
      assertEquals(0.0, out[(1 + r) * stride], "untouched column");
    }
  }

  /** sklearn's vocabulary_ as a list ordered by index. */
  static List<String> vocabulary(Golden g) {
    TreeMap<Integer, String> byIndex = new TreeMap<>();
    g.state().get("vocabulary_").properties().forEach(e -> byIndex.put(e.getValue().asInt(), e.getKey()));
    return new ArrayList<>(byIndex.values());
  }

  /** The terms tied at sklearn's max_features cut, some kept, some not. */
  static List<String> termsAtMaxFeaturesCut(Golden g) {
    return CategoricalCases.strings(g.json.get("max_features_cutoff").get("terms_at_cut"));
  }

  /**
   * The vocabulary we keep where sklearn's max_features cut falls among tied terms: every term above the cut, then
   * the tied terms that sort first, up to {@code maxFeatures}, in code point order.
   */
  static List<String> vocabularyAtMaxFeaturesCut(Golden g, int maxFeatures) {
    List<String> expected = CategoricalCases.strings(g.json.get("max_features_cutoff").get("terms_above_cut"));
    expected.addAll(termsAtMaxFeaturesCut(g).stream().sorted().limit(maxFeatures - expected.size()).toList());
    expected.sort(TermCounter.CODE_POINT_ORDER);
    return expected;
  }

  /**
   * Every shared check of one golden case: outputs on every transform input within {@code relTol}, the record and
   * matrix paths identical, the saved state round trip, and batches of 7 rows giving the same step.
   *
   * @param compareNames whether sklearn's feature names (mapped to ours) are compared
   */
  static FittedTransform check(Golden g, Transform t, boolean compareNames, double relTol) {
    Frame fitIn = input(g, "fit_input");
    FittedTransform ft = Golden.fit(t, fitIn);
    FittedTransform batched = Golden.fit(t, fitIn, 7);
    assertEquals(ft.state(), batched.state(), g.name + ": batches of 7 rows give the same state");
    assertEquals(ft.outputs(), batched.outputs(), g.name + ": batches of 7 rows give the same outputs");
    for (String which : List.of("fit_input", "unseen")) {
      if (!g.hasTransform(which)) {
        continue;
      }
      Frame in = input(g, which);
      if (compareNames) {
        assertEquals(ourNames(g.expectedNames(which)), names(ft), g.name + " " + which + ": names");
      }
      Golden.assertClose(g.name + " " + which, g.expected(which), values(ft, in), relTol, 1e-15);
      Golden.assertRecordPathIdentical(ft, in);
      Golden.assertRoundTrip(t, ft, fitIn.schema(), in);
      assertMatrixPathIdentical(ft, in);
    }
    return ft;
  }

  static void assertNoNulls(List<Column> cols) {
    for (Column c : cols) {
      assertFalse(c.hasNulls(), "outputs hold no nulls");
    }
  }
}
