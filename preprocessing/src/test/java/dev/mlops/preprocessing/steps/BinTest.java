package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BinTest {

  static Bin fromSklearn(JsonNode p) {
    Bin.Strategy s = p.get("strategy").asText().equals("uniform") ? Bin.Strategy.UNIFORM : Bin.Strategy.QUANTILE;
    Bin.Encode e = p.get("encode").asText().equals("ordinal") ? Bin.Encode.ORDINAL : Bin.Encode.ONEHOT;
    return new Bin(p.get("n_bins").asInt(), s, e, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "kbins_uniform_ordinal_3_iris", "kbins_uniform_ordinal_5_iris", "kbins_uniform_onehot_dense_3_iris",
      "kbins_uniform_onehot_dense_5_iris", "kbins_quantile_ordinal_3_iris", "kbins_quantile_ordinal_5_iris",
      "kbins_quantile_onehot_dense_3_iris", "kbins_quantile_onehot_dense_5_iris",
      "kbins_uniform_ordinal_5_breast_cancer", "kbins_quantile_ordinal_5_breast_cancer",
      "kbins_quantile_ordinal_5_duplicate_edges_synthetic", "kbins_uniform_constant_column_synthetic"})
  void matchesScikitLearnEdgesAndBinsExactly(String name) {
    Golden g = Golden.load(name);
    Bin bin = fromSklearn(g.paramsSet());
    Frame fit = g.fitInput();
    FittedBin ft = (FittedBin) Golden.fit(bin, fit);
    JsonNode edges = g.state().get("bin_edges_");
    double[][] mine = ft.edges();
    assertEquals(edges.size(), mine.length);
    for (int c = 0; c < mine.length; c++) {
      double[] expected = Golden.numbers(edges.get(c));
      assertEquals(expected.length, mine[c].length, "edges of column " + c);
      Golden.assertClose(name + " edges " + c, expected, mine[c], 0);
    }
    for (String which : List.of("fit_input", "unseen")) {
      if (!g.hasTransform(which)) {
        continue;
      }
      Frame in = g.input(which);
      Golden.assertClose(name + " " + which, g.expected(which), NumericCases.apply(ft, in), 0, 0);
      assertEquals(g.expectedNames(which), NumericCases.names(ft), "names");
      Golden.assertRecordPathIdentical(ft, in);
      Golden.assertRoundTrip(bin, ft, fit.schema(), in);
      NumericCases.assertMatrixSameAsApply(ft, in);
    }
    NumericCases.assertBatchIndependent(bin, fit);
    assertFalse(ft.stateHoldsValues());
  }

  @Test
  void missingValueAtFitIsAnErrorAsInScikitLearn() {
    Golden g = Golden.load("kbins_uniform_nan_error_synthetic");
    assertTrue(g.fitError().path("class").asText().equals("ValueError"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Golden.fit(fromSklearn(g.paramsSet()), g.fitInput()));
    assertTrue(e.getMessage().contains("column 'age'") && e.getMessage().contains("training row 3"), e.getMessage());
  }

  private static Frame xs(double... v) {
    return Frame.of(Schema.of(Field.of("x", ColumnType.DOUBLE)), List.of(DoubleColumn.of(v)));
  }

  @Test
  void missingValueAtApplyIsAnErrorByDefaultAndMissingWithKeep() {
    Frame fit = xs(0, 1, 2, 3, 4, 5);
    Frame in = Frame.of(fit.schema(), List.of(DoubleColumn.of(new double[] {1, 0}, new boolean[] {false, true})));
    FittedTransform strict = Golden.fit(Bin.uniform(3).withEncode(Bin.Encode.ORDINAL), fit);
    ValidationException e = assertThrows(ValidationException.class, () -> strict.apply(in));
    assertTrue(e.getMessage().contains("column 'x' row 1"), e.getMessage());
    assertThrows(ValidationException.class, () -> ((RecordTransform) strict).applyRecord(new Object[] {null}));

    FittedTransform keep = Golden.fit(Bin.uniform(3).withMissing(Bin.Missing.KEEP), fit);
    assertEquals(List.of("x_0.0", "x_1.0", "x_2.0"), NumericCases.names(keep));
    assertEquals(List.of(1.0, 0.0, 0.0), List.of(((RecordTransform) keep).applyRecord(new Object[] {1.0})));
    Object[] missing = ((RecordTransform) keep).applyRecord(new Object[] {null});
    assertNull(missing[0]);
    assertNull(missing[2]);
    assertTrue(keep.apply(in).get(1).isNull(1));
    Golden.assertRecordPathIdentical(keep, in);
    NumericCases.assertMatrixSameAsApply(keep, in);
  }

  @Test
  void valueOnAnEdgeGoesToTheUpperBinAndOutsideValuesToTheEndBins() {
    FittedTransform ft = Golden.fit(Bin.uniform(4).withEncode(Bin.Encode.ORDINAL), xs(0, 4));
    double[][] out = NumericCases.apply(ft, xs(-100, 0, 0.999, 1, 2, 3.5, 4, 100));
    double[] bins = new double[out.length];
    for (int r = 0; r < out.length; r++) {
      bins[r] = out[r][0];
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3, 3, 3}, bins);
  }

  @Test
  void longColumnsAreBinnedToo() {
    Frame fit = Frame.builder().longs("n", 1, 2, 3, 4, 5, 6).build();
    FittedTransform ft = Golden.fit(Bin.quantile(3).withEncode(Bin.Encode.ORDINAL), fit);
    Golden.assertRecordPathIdentical(ft, fit);
    assertEquals(2.0, ft.apply(fit).get(0).get(5));
  }

  @Test
  void infiniteValueAtFitIsAnErrorAsInScikitLearn() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Golden.fit(Bin.uniform(3), xs(1, Double.POSITIVE_INFINITY)));
    assertTrue(e.getMessage().contains("infinite value at training row 1"), e.getMessage());
  }

  @Test
  void rejectsFewerThanTwoBins() {
    ValidationException e = assertThrows(ValidationException.class, () -> Bin.uniform(1));
    assertTrue(e.getMessage().contains("nBins is 1"), e.getMessage());
  }

  @Test
  void rejectsStringColumnNamingItAndTheTypes() {
    Frame f = Frame.of(Schema.of(Field.of("city", ColumnType.STRING)), List.of(StringColumn.of("a", "b")));
    ValidationException e = assertThrows(ValidationException.class,
        () -> Bin.quantile(3).fitter(new StepContext("bins", f.schema())));
    assertTrue(e.getMessage().contains("'city' is STRING") && e.getMessage().contains("DOUBLE or LONG"),
        e.getMessage());
  }

  @Test
  void parametersBindFromJsonWithDefaults() {
    Bin b = Json.parse("{\"nBins\": 4, \"encode\": \"ordinal\"}", Bin.class);
    assertEquals(new Bin(4, Bin.Strategy.QUANTILE, Bin.Encode.ORDINAL, Bin.Missing.ERROR), b);
    assertEquals("mlops.bin", b.type().id());
    assertThrows(RuntimeException.class, () -> Json.parse("{\"nBins\": 4, \"encode\": \"sparse\"}", Bin.class));
  }

  @Test
  void restoreRejectsStateForOtherColumns() {
    Frame fit = xs(0, 1, 2, 3);
    JsonNode state = Golden.fit(Bin.uniform(2), fit).state();
    Schema two = Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("y", ColumnType.DOUBLE));
    ValidationException e = assertThrows(ValidationException.class,
        () -> BinType.INSTANCE.restore(Bin.uniform(2), new StepContext("b", two), state, 1));
    assertTrue(e.getMessage().contains("edges has 1 entries for 2 input columns"), e.getMessage());
  }
}
