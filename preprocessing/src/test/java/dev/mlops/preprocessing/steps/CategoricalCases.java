package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.Transform;
import dev.mlops.preprocessing.internal.MatrixWriter;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for the categorical and hashing golden cases, beside {@link Golden}. */
final class CategoricalCases {
  private CategoricalCases() {}

  /** A JSON array of strings and nulls. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.isNull() ? null : v.asText()));
    return out;
  }

  /**
   * A list of category lists: either scikit-learn's {@code categories_} (arrays) or our state's {@code columns}
   * (objects with {@code categories}).
   */
  static List<List<String>> categories(JsonNode array) {
    List<List<String>> out = new ArrayList<>();
    array.forEach(v -> out.add(strings(v.isObject() ? v.get("categories") : v)));
    return out;
  }

  /** The separator joining a sample's tokens in {@link #tokens}; not in the golden data. */
  static final String UNIT_SEPARATOR = "\u001f";

  /**
   * A {@code token_lists} input as one STRING column {@code tokens}: each sample's tokens joined with {@link
   * #UNIT_SEPARATOR}; an empty sample is a missing value (no token), a sample of one empty token the empty string.
   */
  static Frame tokens(JsonNode input) {
    if (!input.get("kind").asText().equals("token_lists")) {
      throw new IllegalArgumentException("not a token_lists input: " + input.get("kind"));
    }
    List<String> rows = new ArrayList<>();
    for (JsonNode sample : input.get("samples")) {
      List<String> tokens = strings(sample);
      for (String t : tokens) {
        if (t.contains(UNIT_SEPARATOR)) {
          throw new IllegalArgumentException("token holds the separator: " + t);
        }
      }
      rows.add(tokens.isEmpty() ? null : String.join(UNIT_SEPARATOR, tokens));
    }
    return Frame.of(new Schema(List.of(Field.of("tokens", ColumnType.STRING))), List.of(StringColumn.of(rows)));
  }

  /**
   * The outputs of {@code ft} (fitted from {@code p} on the golden fit input) against scikit-learn's on the fit and
   * unseen inputs: names, values through apply, the matrix path and the record path, a save/load round trip; where
   * sklearn raised, an error on both paths whose message holds {@code errorFix}.
   */
  static void assertGoldenOutputs(String name, Golden g, Transform p, FittedTransform ft, String errorFix) {
    Frame fit = g.fitInput();
    for (String which : List.of("fit_input", "unseen")) {
      if (!g.hasTransform(which)) {
        continue;
      }
      Frame in = g.input(which);
      if (g.transform(which).has("error")) {
        ValidationException e = assertThrows(ValidationException.class, () -> ft.apply(in));
        assertTrue(e.getMessage().contains(errorFix), e.getMessage());
        assertThrows(ValidationException.class, () -> matrixOf(ft, in));
        continue;
      }
      assertEquals(g.expectedNames(which), ft.outputs().stream().map(OutputColumn::name).toList(), name);
      Golden.assertClose(name + " " + which, g.expected(which), Golden.matrix(ft.apply(in)), 0, 0);
      Golden.assertClose(name + " " + which + " (matrix)", g.expected(which), matrixOf(ft, in), 0, 0);
      Golden.assertRecordPathIdentical(ft, in);
      Golden.assertRoundTrip(p, ft, fit.schema(), in);
    }
  }

  /** Writes through MatrixWriter into a zeroed matrix with a stride wider than the outputs, columns shuffled. */
  static double[][] matrixOf(FittedTransform ft, Frame in) {
    int k = ft.outputs().size();
    int stride = k + 2;
    int[] columns = new int[k];
    for (int i = 0; i < k; i++) {
      columns[i] = k - 1 - i + 1;
    }
    int first = 3;
    double[] m = new double[(first + in.rowCount()) * stride];
    ((MatrixWriter) ft).writeTo(in, m, first, stride, columns);
    double[][] out = new double[in.rowCount()][k];
    for (int r = 0; r < in.rowCount(); r++) {
      for (int i = 0; i < k; i++) {
        out[r][i] = m[(first + r) * stride + columns[i]];
      }
    }
    return out;
  }
}
