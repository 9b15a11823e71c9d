package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.LongColumn;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrdinalTest {

  static Stream<String> cases() {
    return Stream.of("ordinal_encoder_default_synthetic", "ordinal_encoder_unknown_value_synthetic",
        "ordinal_encoder_unknown_value_encoded_missing_synthetic", "ordinal_encoder_unknown_value_nan_synthetic",
        "ordinal_encoder_iris_target");
  }

  static Ordinal params(JsonNode set) {
    Ordinal p = Ordinal.of();
    if (set.path("handle_unknown").asText("error").equals("use_encoded_value")) {
      p = p.withUnknownValue(Golden.number(set.get("unknown_value")));
    }
    if (set.has("encoded_missing_value")) {
      p = p.withEncodedMissingValue(Golden.number(set.get("encoded_missing_value")));
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearnsCategoriesAndOutputs(String name) {
    Golden g = Golden.load(name);
    Ordinal p = params(g.paramsSet());
    Frame fit = g.fitInput();
    FittedTransform ft = Golden.fit(p, fit);
    assertEquals(CategoricalCases.categories(g.state().get("categories_")),
        CategoricalCases.categories(ft.state().get("columns")), name);
    assertEquals(ft.state(), Golden.fit(p, fit, 7).state(), name + ": batches of 7 rows");
    CategoricalCases.assertGoldenOutputs(name, g, p, ft, "set handleUnknown to use_encoded_value");
  }

  @Test
  void encodedNaNIsANullInTheOutputAndNaNInAMatrix() {
    FittedTransform ft = Golden.fit(Ordinal.of(), OneHotTest.frame("x", "b", "a", null));
    Frame in = OneHotTest.frame("x", null, "b");
    Column out = ft.apply(in).get(0);
    assertTrue(out.isNull(0));
    assertEquals(1.0, out.get(1));
    assertNull(((RecordTransform) ft).applyRecord(new Object[] {null})[0]);
    assertTrue(Double.isNaN(CategoricalCases.matrixOf(ft, in)[0][0]));
  }

  @Test
  void unknownValueUnderErrorNamesStepColumnRowValueAndFix() {
    FittedTransform ft = Golden.fit(Ordinal.of(), OneHotTest.frame("size", "S", "M"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> ft.apply(OneHotTest.frame("size", "M", "XL")));
    assertEquals("step 'test' (ordinal): column 'size' row 1 holds the value 'XL', which was not seen at fit"
        + " (handleUnknown is error); set handleUnknown to use_encoded_value with an unknownValue, or refit on"
        + " data that holds it", e.getMessage());
    Frame pii = Frame.of(new Schema(List.of(Field.of("name", ColumnType.STRING).withTags(Field.PII))),
        List.of(StringColumn.of("ann")));
    FittedTransform p = Golden.fit(Ordinal.of(), pii);
    ValidationException hidden = assertThrows(ValidationException.class,
        () -> ((RecordTransform) p).applyRecord(new Object[] {"bob"}));
    assertFalse(hidden.getMessage().contains("bob"), hidden.getMessage());
    assertTrue(p.outputs().get(0).field().isPii(), "the output keeps the pii tag");
  }

  @Test
  void aMissingValueInAColumnWithoutMissingValuesAtFitIsUnknown() {
    FittedTransform ft = Golden.fit(Ordinal.of().withUnknownValue(-1).withEncodedMissingValue(-2),
        OneHotTest.frame("x", "a", "b"));
    assertArrayEquals(new double[][] {{-1}, {1}}, Golden.matrix(ft.apply(OneHotTest.frame("x", null, "b"))));
    FittedTransform withMissing = Golden.fit(Ordinal.of().withUnknownValue(-1).withEncodedMissingValue(-2),
        OneHotTest.frame("x", "a", null));
    assertArrayEquals(new double[][] {{-2}, {-1}}, Golden.matrix(withMissing.apply(OneHotTest.frame("x", null, "q"))));
  }

  @Test
  void rejectsCodesThatCollideWithCategoriesAtFit() {
    ValidationException u = assertThrows(ValidationException.class,
        () -> Golden.fit(Ordinal.of().withUnknownValue(1), OneHotTest.frame("x", "a", "b")));
    assertTrue(u.getMessage().contains("unknownValue 1.0") && u.getMessage().contains("'x'"), u.getMessage());
    ValidationException m = assertThrows(ValidationException.class,
        () -> Golden.fit(Ordinal.of().withEncodedMissingValue(0), OneHotTest.frame("x", "a", null)));
    assertTrue(m.getMessage().contains("encodedMissingValue 0.0") && m.getMessage().contains("[x]"), m.getMessage());
    // the missing category's own code (1) is free: scikit-learn allows it
    Golden.fit(Ordinal.of().withEncodedMissingValue(1), OneHotTest.frame("x", "a", null));
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(ValidationException.class, () -> new Ordinal(null, Ordinal.HandleUnknown.USE_ENCODED_VALUE, null, null));
    assertThrows(ValidationException.class, () -> new Ordinal(null, Ordinal.HandleUnknown.ERROR, -1.0, null));
    ValidationException e = assertThrows(ValidationException.class, () -> Ordinal.of().withUnknownValue(-0.5));
    assertTrue(e.getMessage().contains("unknownValue is -0.5"), e.getMessage());
    assertThrows(ValidationException.class, () -> Ordinal.of().withEncodedMissingValue(Double.POSITIVE_INFINITY));
    assertThrows(ValidationException.class, () -> Ordinal.of(List.of(List.of("a", "a"))));
    Frame longs = Frame.of(new Schema(List.of(Field.of("n", ColumnType.LONG))), List.of(LongColumn.of(1, 2)));
    ValidationException type = assertThrows(ValidationException.class,
        () -> Ordinal.of().fitter(new StepContext("s", longs.schema())));
    assertTrue(type.getMessage().contains("'n' is LONG") && type.getMessage().contains("STRING"), type.getMessage());
  }

  @Test
  void explicitCategoriesKeepTheirOrder() {
    Ordinal p = Ordinal.of(List.of(Arrays.asList("S", "M", "L", null)));
    FittedTransform ft = Golden.fit(p, OneHotTest.frame("size", "L", "S"));
    assertArrayEquals(new double[][] {{2}, {0}, {1}, {Double.NaN}},
        Golden.matrix(ft.apply(OneHotTest.frame("size", "L", "S", "M", null))));
    Frame in = OneHotTest.frame("size", "L", null);
    Golden.assertRoundTrip(p, ft, in.schema(), in);
  }

  @Test
  void nanParametersTravelAsTheStringNaNInJson() {
    Ordinal p = Ordinal.of().withUnknownValue(Double.NaN).withEncodedMissingValue(-2);
    String json = Json.toCanonicalJson(p);
    assertEquals("{\"encodedMissingValue\":-2,\"handleUnknown\":\"use_encoded_value\",\"unknownValue\":\"NaN\"}",
        json);
    assertEquals(p, Json.parse(json, Ordinal.class, "spec"));
    assertEquals(Ordinal.of(), Json.parse("{}", Ordinal.class, "spec"));
    assertEquals("{\"encodedMissingValue\":\"NaN\",\"handleUnknown\":\"error\"}", Json.toCanonicalJson(Ordinal.of()));
    assertThrows(ValidationException.class, () -> Json.parse("{\"unknownValue\":\"x\"}", Ordinal.class, "spec"));
  }
}
