package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.mlops.preprocessing.OutputColumn;
import dev.mlops.preprocessing.RecordTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.TransformType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OneHotTest {

  static Stream<String> cases() {
    return Stream.of("one_hot_encoder_error_synthetic", "one_hot_encoder_ignore_synthetic",
        "one_hot_encoder_infrequent_min_frequency_int_synthetic",
        "one_hot_encoder_infrequent_min_frequency_float_synthetic",
        "one_hot_encoder_infrequent_max_categories_synthetic",
        "one_hot_encoder_infrequent_min_frequency_and_max_categories_synthetic",
        "one_hot_encoder_drop_first_synthetic", "one_hot_encoder_drop_if_binary_synthetic",
        "one_hot_encoder_drop_first_ignore_synthetic", "one_hot_encoder_drop_if_binary_infrequent_synthetic",
        "one_hot_encoder_iris_target", "one_hot_encoder_explicit_categories");
  }

  /** The parameters scikit-learn was given, as ours. */
  static OneHot params(JsonNode set) {
    OneHot p = OneHot.of();
    if (set.has("categories")) {
      p = p.withCategories(CategoricalCases.categories(set.get("categories")));
    }
    if (set.has("handle_unknown")) {
      p = p.withHandleUnknown(switch (set.get("handle_unknown").asText()) {
        case "error" -> OneHot.HandleUnknown.ERROR;
        case "ignore" -> OneHot.HandleUnknown.IGNORE;
        case "infrequent_if_exist" -> OneHot.HandleUnknown.INFREQUENT;
        default -> throw new IllegalArgumentException(set.toString());
      });
    }
    if (set.has("min_frequency")) {
      p = p.withMinFrequency(set.get("min_frequency").asDouble());
    }
    if (set.has("max_categories")) {
      p = p.withMaxCategories(set.get("max_categories").asInt());
    }
    if (set.has("drop")) {
      p = p.withDrop(set.get("drop").asText().equals("first") ? OneHot.Drop.FIRST : OneHot.Drop.IF_BINARY);
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearnsStateNamesAndOutputs(String name) {
    Golden g = Golden.load(name);
    OneHot p = params(g.paramsSet());
    Frame fit = g.fitInput();
    FittedTransform ft = Golden.fit(p, fit);
    JsonNode state = ft.state();
    JsonNode expectedCats = g.state().get("categories_");
    JsonNode expectedInfrequent = g.state().path("infrequent_categories_");
    for (int j = 0; j < expectedCats.size(); j++) {
      JsonNode col = state.get("columns").get(j);
      assertEquals(CategoricalCases.categories(expectedCats).get(j),
          CategoricalCases.categories(state.get("columns")).get(j), name + ": categories of column " + j);
      List<String> infrequent = new ArrayList<>();
      for (JsonNode k : col.get("infrequent")) {
        infrequent.add(OneHotType.categories(col, "test").get(k.asInt()));
      }
      JsonNode e = expectedInfrequent.isMissingNode() ? null : expectedInfrequent.get(j);
      List<String> expected = e == null || e.isNull() ? List.of() : CategoricalCases.strings(e);
      assertEquals(expected, infrequent, name + ": infrequent categories of column " + j);
    }
    CategoricalCases.assertGoldenOutputs(name, g, p, ft, "set handleUnknown to ignore or infrequent, or refit");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fitsTheSameInBatchesOfSevenRows(String name) {
    Golden g = Golden.load(name);
    OneHot p = params(g.paramsSet());
    Frame fit = g.fitInput();
    assertEquals(Golden.fit(p, fit).state(), Golden.fit(p, fit, 7).state());
  }

  @Test
  void unknownValueUnderErrorNamesStepColumnRowValueAndFix() {
    FittedTransform ft = Golden.fit(OneHot.of(), frame("color", "red", "blue"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> ft.apply(frame("color", "red", "orange")));
    assertEquals("step 'test' (one_hot): column 'color' row 1 holds the value 'orange', which was not seen at fit"
        + " (handleUnknown is error); set handleUnknown to ignore or infrequent, or refit on data that holds it",
        e.getMessage());
    ValidationException missing = assertThrows(ValidationException.class,
        () -> ft.apply(frame("color", "red", null)));
    assertTrue(missing.getMessage().contains("row 1 holds a missing value, and the column had none at fit"),
        missing.getMessage());
    assertThrows(ValidationException.class, () -> ((RecordTransform) ft).applyRecord(new Object[] {"orange"}));
  }

  @Test
  void unknownValueOfAPiiColumnIsNotShown() {
    Frame fit = Frame.of(new Schema(List.of(Field.of("email", ColumnType.STRING).withTags(Field.PII))),
        List.of(StringColumn.of("a@x.org", "b@x.org")));
    FittedTransform ft = Golden.fit(OneHot.of(), fit);
    assertTrue(ft.outputs().get(0).field().isPii(), "outputs keep the pii tag");
    Frame unseen = Frame.of(fit.schema(), List.of(StringColumn.of("secret@x.org")));
    ValidationException e = assertThrows(ValidationException.class, () -> ft.apply(unseen));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.getMessage().contains("column 'email' row 0 holds a value"), e.getMessage());
    assertTrue(ft.stateHoldsValues());
  }

  @Test
  void fitsOnlyTheValuesRowsUseWhenASliceKeepsALargerDictionary() {
    StringColumn all = StringColumn.of("d", "a", "b", "c", "zz", "d");
    Frame fit = Frame.of(new Schema(List.of(Field.of("x", ColumnType.STRING))), List.of(all.slice(1, 3)));
    assertEquals(5, ((StringColumn) fit.column(0)).dictionarySize(), "the slice keeps the whole dictionary");
    FittedTransform ft = Golden.fit(OneHot.of().withHandleUnknown(OneHot.HandleUnknown.IGNORE), fit);
    assertEquals(List.of("x_a", "x_b"), ft.outputs().stream().map(OutputColumn::name).toList());
    Frame taken = Frame.of(fit.schema(), List.of(all.take(new int[] {2, 0, 1, 4})));
    assertArrayEquals(new double[][] {{0, 1}, {0, 0}, {1, 0}, {0, 0}}, Golden.matrix(ft.apply(taken)));
    assertArrayEquals(new double[][] {{0, 1}, {0, 0}, {1, 0}, {0, 0}}, CategoricalCases.matrixOf(ft, taken));
  }

  @Test
  void batchesWithDifferentDictionariesCountAndEncodeByValue() {
    Schema schema = new Schema(List.of(Field.of("x", ColumnType.STRING)));
    // dictionaries in different orders: [c, a], [a, b, c] and codes given directly: [b, unused, c]
    Frame one = Frame.of(schema, List.of(StringColumn.of("c", "a", "c")));
    Frame two = Frame.of(schema, List.of(StringColumn.of("a", "b", "c", "c")));
    Frame three = Frame.of(schema, List.of(StringColumn.ofCodes(new int[] {0, 2, -1}, List.of("b", "unused", "c"))));
    OneHot p = OneHot.of().withMinFrequency(2).withHandleUnknown(OneHot.HandleUnknown.INFREQUENT);
    var fitter = p.fitter(new StepContext("test", schema));
    fitter.accept(one);
    fitter.accept(two);
    fitter.accept(three);
    FittedTransform ft = fitter.finish();
    // counts: a 2, b 2, c 5, missing 1 (infrequent)
    assertEquals(List.of("x_a", "x_b", "x_c", "x_infrequent_sklearn"),
        ft.outputs().stream().map(OutputColumn::name).toList());
    assertEquals(ft.state(), Golden.fit(p, Frame.concat(one, two, three)).state());
    Frame probe = Frame.of(schema, List.of(StringColumn.ofCodes(new int[] {1, 0, 2, 3, -1},
        List.of("c", "new", "a", "b"))));
    assertArrayEquals(new double[][] {{0, 0, 0, 1}, {0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}},
        Golden.matrix(ft.apply(probe)));
    Golden.assertRecordPathIdentical(ft, probe);
  }

  @Test
  void maxCategoriesOfOneGroupsEverything() {
    FittedTransform ft = Golden.fit(OneHot.of().withMaxCategories(1), frame("x", "a", "b", "b"));
    assertEquals(List.of("x_infrequent_sklearn"), ft.outputs().stream().map(OutputColumn::name).toList());
    assertArrayEquals(new double[][] {{1}, {1}}, Golden.matrix(ft.apply(frame("x", "b", "a"))));
  }

  @Test
  void explicitCategoriesRejectOtherValuesAtFitUnderError() {
    OneHot p = OneHot.of(List.of(List.of("S", "M")));
    ValidationException e = assertThrows(ValidationException.class, () -> Golden.fit(p, frame("size", "S", "XL")));
    assertTrue(e.getMessage().contains("'XL'") && e.getMessage().contains("size"), e.getMessage());
    FittedTransform ft = Golden.fit(p.withHandleUnknown(OneHot.HandleUnknown.IGNORE), frame("size", "S", "XL"));
    assertArrayEquals(new double[][] {{1, 0}, {0, 0}}, Golden.matrix(ft.apply(frame("size", "S", "XL"))));
  }

  @Test
  void rejectsCollidingOutputNames() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Golden.fit(OneHot.of(), frame("x", "nan", null)));
    assertTrue(e.getMessage().contains("'x_nan'"), e.getMessage());
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(ValidationException.class, () -> OneHot.of().withMinFrequency(0));
    assertThrows(ValidationException.class, () -> OneHot.of().withMinFrequency(-0.5));
    ValidationException e = assertThrows(ValidationException.class, () -> OneHot.of().withMinFrequency(2.5));
    assertTrue(e.getMessage().contains("minFrequency is 2.5"), e.getMessage());
    assertThrows(ValidationException.class, () -> OneHot.of().withMinFrequency(Double.NaN));
    assertThrows(ValidationException.class, () -> OneHot.of().withMaxCategories(0));
    assertThrows(ValidationException.class, () -> OneHot.of(List.of(List.of())));
    assertThrows(ValidationException.class, () -> OneHot.of(List.of(List.of("a", "a"))));
    assertThrows(ValidationException.class, () -> OneHot.of(List.of(Arrays.asList(null, "a"))));
    Frame two = Frame.builder().strings("a", "x").strings("b", "y").build();
    ValidationException count = assertThrows(ValidationException.class,
        () -> OneHot.of(List.of(List.of("x"))).fitter(new StepContext("s", two.schema())));
    assertTrue(count.getMessage().contains("1 lists for 2 columns"), count.getMessage());
  }

  @Test
  void rejectsAColumnOfTheWrongType() {
    Frame numbers = Frame.of(new Schema(List.of(Field.of("age", ColumnType.DOUBLE))), List.of(DoubleColumn.of(1, 2)));
    ValidationException e = assertThrows(ValidationException.class,
        () -> OneHot.of().fitter(new StepContext("s", numbers.schema())));
    assertTrue(e.getMessage().contains("'age' is DOUBLE") && e.getMessage().contains("STRING"), e.getMessage());
    FittedTransform ft = Golden.fit(OneHot.of(), frame("x", "a"));
    ValidationException record = assertThrows(ValidationException.class,
        () -> ((RecordTransform) ft).applyRecord(new Object[] {1.5}));
    assertTrue(record.getMessage().contains("'x' holds a Double") && record.getMessage().contains("STRING"),
        record.getMessage());
  }

  @Test
  void parametersBindFromJsonInSnakeCaseAndBack() {
    OneHot p = Json.parse("{\"handleUnknown\":\"infrequent\",\"minFrequency\":0.1,\"maxCategories\":4,"
        + "\"drop\":\"if_binary\",\"categories\":[[\"a\",null]]}", OneHot.class, "spec");
    assertEquals(OneHot.of(List.of(Arrays.asList("a", null))).withHandleUnknown(OneHot.HandleUnknown.INFREQUENT)
        .withMinFrequency(0.1).withMaxCategories(4).withDrop(OneHot.Drop.IF_BINARY), p);
    assertEquals("{\"categories\":[[\"a\",null]],\"drop\":\"if_binary\",\"handleUnknown\":\"infrequent\","
        + "\"maxCategories\":4,\"minFrequency\":0.1}", Json.toCanonicalJson(p));
    assertEquals(OneHot.of(), Json.parse(Json.toCanonicalJson(OneHot.of()), OneHot.class, "spec"));
  }

  @Test
  void typesAreRegisteredWithServiceLoader() {
    @SuppressWarnings("rawtypes")
    List<String> ids = ServiceLoader.load(TransformType.class).stream().map(pr -> pr.get().id()).toList();
    assertTrue(ids.containsAll(List.of("mlops.one_hot", "mlops.ordinal", "mlops.feature_hash")), ids.toString());
    assertEquals("mlops.one_hot@1", OneHot.of().type().qualifiedId());
  }

  @Test
  void restoreRejectsADamagedState() {
    FittedTransform ft = Golden.fit(OneHot.of(), frame("x", "a", "b"));
    StepContext ctx = new StepContext("test", frame("x", "a").schema());
    JsonNode bad = Json.parseTree("{\"columns\":[{\"categories\":[\"a\",\"b\"],\"infrequent\":[2]}]}", "state");
    assertThrows(ValidationException.class, () -> OneHotType.INSTANCE.restore(OneHot.of(), ctx, bad, 1));
    JsonNode twice = Json.parseTree("{\"columns\":[{\"categories\":[\"a\",\"a\"],\"infrequent\":[]}]}", "state");
    assertThrows(ValidationException.class, () -> OneHotType.INSTANCE.restore(OneHot.of(), ctx, twice, 1));
    JsonNode two = Json.parseTree("{\"columns\":[]}", "state");
    assertThrows(ValidationException.class, () -> OneHotType.INSTANCE.restore(OneHot.of(), ctx, two, 1));
    assertEquals(ft.outputs(), OneHotType.INSTANCE.restore(OneHot.of(), ctx, ft.state(), 1).outputs());
  }

  static Frame frame(String column, String... values) {
    return Frame.of(new Schema(List.of(Field.of(column, ColumnType.STRING))),
        List.of(StringColumn.of(Arrays.asList(values))));
  }
}
