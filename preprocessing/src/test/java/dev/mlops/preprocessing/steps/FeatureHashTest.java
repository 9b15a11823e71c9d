package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.Murmur3;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureHashTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"feature_hasher_16_alternate_sign_true", "feature_hasher_16_alternate_sign_false"})
  void matchesScikitLearnsFeatureHasherOnTokenLists(String name) {
    Golden g = Golden.load(name);
    FeatureHash p = FeatureHash.of(g.paramsSet().get("n_features").asInt())
        .withAlternateSign(g.paramsSet().get("alternate_sign").asBoolean())
        .withSeparator(CategoricalCases.UNIT_SEPARATOR);
    Frame fit = CategoricalCases.tokens(g.json.get("fit_input"));
    FittedTransform ft = Golden.fit(p, fit);
    assertFalse(ft.stateHoldsValues());
    for (String which : List.of("fit_input", "unseen")) {
      Frame in = CategoricalCases.tokens(which.equals("fit_input") ? g.json.get("fit_input")
          : g.transform(which).get("input"));
      Golden.assertClose(name + " " + which, g.expected(which), Golden.matrix(ft.apply(in)), 0, 0);
      Golden.assertClose(name + " " + which + " (matrix)", g.expected(which), CategoricalCases.matrixOf(ft, in), 0, 0);
      Golden.assertRecordPathIdentical(ft, in);
      Golden.assertRoundTrip(p, ft, fit.schema(), in);
      // batches of any size give the same rows
      Frame first = in.slice(0, Math.min(2, in.rowCount()));
      Golden.assertClose(name + " slice", Arrays.copyOf(g.expected(which), first.rowCount()),
          Golden.matrix(ft.apply(first)), 0, 0);
    }
  }

  @Test
  void namesOutputsWithThePrefixAndNeedsNoData() {
    FeatureHash p = FeatureHash.of(3).withPrefix("tags");
    assertFalse(p.needsData());
    FittedTransform ft = p.fitter(new StepContext("s", OneHotTest.frame("x", "a").schema())).finish();
    assertEquals(List.of("tags_0", "tags_1", "tags_2"), ft.outputs().stream().map(OutputColumn::name).toList());
    assertEquals(List.of("hash_0"), FeatureHash.of(1).fitter(new StepContext("s", OneHotTest.frame("x").schema()))
        .finish().outputs().stream().map(OutputColumn::name).toList());
  }

  @Test
  void withoutSeparatorEachValueIsOneTokenAndColumnsAddUp() {
    Frame in = Frame.builder().strings("a", "x y", null).strings("b", "x y", "x y").build();
    FittedTransform ft = Golden.fit(FeatureHash.of(8).withAlternateSign(false), in);
    int h = Math.abs(Murmur3.hash32("x y", 0)) % 8;
    double[][] m = Golden.matrix(ft.apply(in));
    assertEquals(2.0, m[0][h]);
    assertEquals(1.0, m[1][h]);
    assertEquals(2.0, Arrays.stream(m[0]).sum());
    Golden.assertRecordPathIdentical(ft, in);
  }

  @Test
  void separatorSplitsLiterallyAndKeepsEmptyTokens() {
    Frame joined = OneHotTest.frame("t", "a.|b||", "");
    FittedTransform ft = Golden.fit(FeatureHash.of(32).withSeparator("|"), joined);
    double[] expected0 = new double[32];
    for (String token : List.of("a.", "b", "", "")) {
      int h = Murmur3.hash32(token, 0);
      expected0[Math.abs(h) % 32] += h < 0 ? -1 : 1;
    }
    double[] expected1 = new double[32];
    int e = Murmur3.hash32("", 0);
    expected1[Math.abs(e) % 32] += e < 0 ? -1 : 1;
    assertArrayEquals(new double[][] {expected0, expected1}, Golden.matrix(ft.apply(joined)));
  }

  @Test
  void batchesWithDifferentDictionariesHashByValue() {
    Schema schema = new Schema(List.of(Field.of("t", ColumnType.STRING)));
    FittedTransform ft = Golden.fit(FeatureHash.of(16), OneHotTest.frame("t", "a"));
    Frame one = Frame.of(schema, List.of(StringColumn.ofCodes(new int[] {1, 0}, List.of("kiwi", "fig", "unused"))));
    Frame two = OneHotTest.frame("t", "fig", "kiwi");
    assertArrayEquals(Golden.matrix(ft.apply(two)), Golden.matrix(ft.apply(one)));
  }

  @Test
  void rejectsBadParametersAndInputs() {
    ValidationException none = assertThrows(ValidationException.class, () -> new FeatureHash(null, null, null, null));
    assertTrue(none.getMessage().contains("nFeatures is not set"), none.getMessage());
    assertThrows(ValidationException.class, () -> FeatureHash.of(0));
    assertThrows(ValidationException.class, () -> FeatureHash.of(FeatureHash.MAX_FEATURES + 1));
    assertThrows(ValidationException.class, () -> FeatureHash.of(4).withSeparator(""));
    assertThrows(ValidationException.class, () -> FeatureHash.of(4).withPrefix(" "));
    Frame numbers = Frame.of(new Schema(List.of(Field.of("score", ColumnType.DOUBLE))), List.of(DoubleColumn.of(1)));
    ValidationException type = assertThrows(ValidationException.class,
        () -> FeatureHash.of(4).fitter(new StepContext("s", numbers.schema())));
    assertTrue(type.getMessage().contains("'score' is DOUBLE") && type.getMessage().contains("STRING"),
        type.getMessage());
  }

  @Test
  void parametersBindFromJsonAndBack() {
    FeatureHash p = Json.parse("{\"nFeatures\":64,\"separator\":\" \"}", FeatureHash.class, "spec");
    assertEquals(FeatureHash.of(64).withSeparator(" "), p);
    assertEquals("{\"alternateSign\":true,\"nFeatures\":64,\"prefix\":\"hash\",\"separator\":\" \"}",
        Json.toCanonicalJson(p));
    assertEquals("mlops.feature_hash@1", p.type().qualifiedId());
  }
}
