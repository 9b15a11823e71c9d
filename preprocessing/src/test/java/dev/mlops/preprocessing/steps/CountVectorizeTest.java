package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountVectorizeTest {

  /** Our parameters for a golden case's params_set. */
  static CountVectorize params(JsonNode p) {
    CountVectorize t = CountVectorize.of();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      JsonNode v = e.getValue();
      t = switch (e.getKey()) {
        case "lowercase" -> t.withLowercase(v.asBoolean());
        case "max_features" -> t.withMaxFeatures(v.asInt());
        case "min_df" -> t.withMinDf(v.asDouble());
        case "ngram_range" -> t.withNgramRange(v.get(0).asInt(), v.get(1).asInt());
        case "binary" -> t.withBinary(v.asBoolean());
        default -> throw new IllegalArgumentException("unmapped parameter " + e.getKey());
      };
    }
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"count_vectorizer_default", "count_vectorizer_binary_min_df_2",
      "count_vectorizer_no_lowercase", "count_vectorizer_ngram_1_2_min_df_2_max_features_11"})
  void matchesScikitLearnsVocabularyAndCounts(String name) {
    Golden g = Golden.load(name);
    CountVectorize t = params(g.paramsSet());
    FittedTransform ft = TextCases.check(g, t, true, 0);
    assertEquals(TextCases.vocabulary(g), StateJson.strings(ft.state(), "vocabulary", "test"));
    assertTrue(ft.stateHoldsValues(), "a vocabulary is data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"count_vectorizer_ngram_1_2_min_df_2_max_features_20"})
  void keepsTheSameTermsAsScikitLearnExceptWhereTermsTieAtTheMaxFeaturesCut(String name) {
    Golden g = Golden.load(name);
    CountVectorize t = params(g.paramsSet());
    FittedTransform ft = Golden.fit(t, TextCases.input(g, "fit_input"));
    List<String> expected = TextCases.vocabularyAtMaxFeaturesCut(g, 20);
    List<String> atCut = TextCases.termsAtMaxFeaturesCut(g);
    List<String> ours = StateJson.strings(ft.state(), "vocabulary", "test");
    assertEquals(expected, ours);
    assertEquals(20, ft.outputs().size());
    // the columns both keep hold the same counts
    List<String> theirs = g.expectedNames("fit_input");
    for (String which : List.of("fit_input", "unseen")) {
      double[][] e = g.expected(which);
      double[][] a = TextCases.values(ft, TextCases.input(g, which));
      int shared = 0;
      for (int c = 0; c < theirs.size(); c++) {
        int k = ours.indexOf(theirs.get(c));
        if (k < 0) {
          assertTrue(atCut.contains(theirs.get(c)), theirs.get(c) + " is only sklearn's at the tie");
          continue;
        }
        shared++;
        for (int r = 0; r < e.length; r++) {
          assertEquals(e[r][c], a[r][k], which + " [" + r + "] " + theirs.get(c));
        }
      }
      assertEquals(19, shared, "sklearn kept 'words' where we keep 'lazy'; the other 19 columns are shared");
    }
  }

  @Test
  void breaksTiesAtTheCutByTermAfterCount() {
    // counts: b 3, a 2, c 2, d 1 -> maxFeatures 2 keeps b and a (a sorts before c)
    FittedTransform ft = Golden.fit(CountVectorize.of().withMaxFeatures(2),
        TextCases.docs("bb bb bb cc", "aa cc aa", "dd"));
    assertEquals(List.of("text_aa", "text_bb"), TextCases.names(ft));
  }

  @Test
  void ranksByDocumentFrequencyWhenBinaryAsScikitLearnDoes() {
    // totals: aa 4 in 1 document, bb 2 in 2 documents
    FittedTransform counts = Golden.fit(CountVectorize.of().withMaxFeatures(1),
        TextCases.docs("aa aa aa aa bb", "bb"));
    assertEquals(List.of("text_aa"), TextCases.names(counts));
    FittedTransform binary = Golden.fit(CountVectorize.of().withMaxFeatures(1).withBinary(true),
        TextCases.docs("aa aa aa aa bb", "bb"));
    assertEquals(List.of("text_bb"), TextCases.names(binary));
  }

  @Test
  void appliesDocumentFrequencyLimitsAsCountsOrFractions() {
    Frame docs = TextCases.docs("aa bb cc", "aa bb", "aa", "aa dd");
    // df: aa 4, bb 2, cc 1, dd 1
    assertEquals(List.of("text_aa", "text_bb"), TextCases.names(Golden.fit(CountVectorize.of().withMinDf(2), docs)));
    assertEquals(List.of("text_aa", "text_bb"),
        TextCases.names(Golden.fit(CountVectorize.of().withMinDf(0.5), docs)));
    assertEquals(List.of("text_bb", "text_cc", "text_dd"),
        TextCases.names(Golden.fit(CountVectorize.of().withMaxDf(2.0), docs)));
    assertEquals(List.of("text_cc", "text_dd"),
        TextCases.names(Golden.fit(CountVectorize.of().withMaxDf(0.3), docs)));
  }

  @Test
  void treatsMissingValuesAsEmptyDocumentsAndIgnoresUnknownTerms() {
    FittedTransform ft = Golden.fit(CountVectorize.of(), TextCases.docs("aa bb", null, "bb"));
    Frame in = TextCases.docs(null, "", "zz yy", "BB bb aa");
    double[][] v = TextCases.values(ft, in);
    assertArrayEquals(new double[] {0, 0}, v[0]);
    assertArrayEquals(new double[] {0, 0}, v[1]);
    assertArrayEquals(new double[] {0, 0}, v[2]);
    assertArrayEquals(new double[] {1, 2}, v[3]);
    TextCases.assertNoNulls(ft.apply(in));
    Golden.assertRecordPathIdentical(ft, in);
  }

  @Test
  void countsEachDistinctTextOnceButEveryRowItIsIn() {
    // a sliced batch shares a dictionary with values no row of the slice uses
    StringColumn col = StringColumn.of("aa", "aa bb", "cc", "aa", "aa");
    Frame all = Frame.of(new Schema(List.of(Field.of("text", ColumnType.STRING))), List.of(col));
    FittedTransform ft = Golden.fit(CountVectorize.of().withMinDf(2), all.slice(1, 5), 2);
    // df over rows 1..4: aa 3, bb 1, cc 1
    assertEquals(List.of("text_aa"), TextCases.names(ft));
  }

  @Test
  void keepsTheInputTagsAndNamesOutputsByColumnAndTerm() {
    Schema schema = new Schema(List.of(Field.of("review", ColumnType.STRING).withTags("pii")));
    Frame data = Frame.of(schema, List.of(StringColumn.of("good film", "bad film")));
    FittedTransform ft = Golden.fit(CountVectorize.of(), data);
    assertEquals(List.of("review_bad", "review_film", "review_good"), TextCases.names(ft));
    assertTrue(ft.outputs().get(0).field().isPii());
    assertEquals(List.of("review"), ft.outputs().get(0).from());
    assertEquals(ColumnType.DOUBLE, ft.outputs().get(0).field().type());
  }

  @Test
  void failsLikeScikitLearnWhenNoTermIsLeft() {
    ValidationException empty = assertThrows(ValidationException.class,
        () -> Golden.fit(CountVectorize.of(), TextCases.docs("a b", null, "!")));
    assertTrue(empty.getMessage().contains("empty vocabulary"), empty.getMessage());
    ValidationException pruned = assertThrows(ValidationException.class,
        () -> Golden.fit(CountVectorize.of().withMinDf(3), TextCases.docs("aa", "aa bb")));
    assertTrue(pruned.getMessage().contains("no term is in at least 3"), pruned.getMessage());
    ValidationException crossed = assertThrows(ValidationException.class,
        () -> Golden.fit(CountVectorize.of().withMinDf(2).withMaxDf(0.25), TextCases.docs("aa", "aa", "b", "c")));
    assertTrue(crossed.getMessage().contains("below minDf"), crossed.getMessage());
    ValidationException nothing = assertThrows(ValidationException.class,
        () -> CountVectorize.of().fitter(new StepContext("words", TextCases.docs("x").schema())).finish());
    assertTrue(nothing.getMessage().contains("step 'words'"), nothing.getMessage());
  }

  @Test
  void rejectsBadParameters() {
    for (double bad : new double[] {-0.1, 2.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      ValidationException e = assertThrows(ValidationException.class, () -> CountVectorize.of().withMinDf(bad));
      assertTrue(e.getMessage().contains("minDf is " + bad), e.getMessage());
    }
    assertThrows(ValidationException.class, () -> CountVectorize.of().withMaxDf(1.5));
    ValidationException crossed = assertThrows(ValidationException.class,
        () -> CountVectorize.of().withMinDf(5).withMaxDf(3.0));
    assertTrue(crossed.getMessage().contains("maxDf 3 documents is below minDf 5"), crossed.getMessage());
    ValidationException mf = assertThrows(ValidationException.class, () -> CountVectorize.of().withMaxFeatures(0));
    assertTrue(mf.getMessage().contains("maxFeatures is 0"), mf.getMessage());
    assertThrows(ValidationException.class, () -> CountVectorize.of().withNgramRange(2, 1));
  }

  @Test
  void bindsFromJsonWithScikitLearnsDefaults() {
    CountVectorize t = Json.parse("{\"minDf\": 2, \"tokens\": {\"ngramMax\": 2}}", CountVectorize.class, "spec");
    assertEquals(CountVectorize.of().withMinDf(2).withNgramRange(1, 2), t);
    assertEquals(CountVectorize.of(), Json.parse("{}", CountVectorize.class, "spec"));
    assertEquals(t, Json.parse(Json.toCanonicalJson(Json.toTree(t)), CountVectorize.class, "spec"));
    assertThrows(ValidationException.class, () -> Json.parse("{\"minDf\": -1}", CountVectorize.class, "spec"));
    assertThrows(ValidationException.class, () -> Json.parse("{\"min_df\": 2}", CountVectorize.class, "spec"));
    assertEquals("mlops.count_vectorize@1", t.type().qualifiedId());
    assertTrue(t.needsData());
  }

  @Test
  void rejectsAnInputThatIsNotOneStringColumn() {
    Schema numbers = new Schema(List.of(Field.of("age", ColumnType.DOUBLE)));
    ValidationException type = assertThrows(ValidationException.class,
        () -> CountVectorize.of().fitter(new StepContext("words", numbers)));
    assertTrue(type.getMessage().contains("'age' is DOUBLE") && type.getMessage().contains("STRING"),
        type.getMessage());
    Schema two = new Schema(List.of(Field.of("a", ColumnType.STRING), Field.of("b", ColumnType.STRING)));
    ValidationException count = assertThrows(ValidationException.class,
        () -> CountVectorize.of().fitter(new StepContext("words", two)));
    assertTrue(count.getMessage().contains("exactly one STRING column but selects 2 [a, b]"), count.getMessage());
    FittedTransform ft = Golden.fit(CountVectorize.of(), TextCases.docs("aa"));
    Frame wrong = Frame.of(new Schema(List.of(Field.of("text", ColumnType.DOUBLE))), List.of(DoubleColumn.of(1.0)));
    ValidationException apply = assertThrows(ValidationException.class, () -> ft.apply(wrong));
    assertTrue(apply.getMessage().contains("'text' is DOUBLE"), apply.getMessage());
    ValidationException record = assertThrows(ValidationException.class,
        () -> ((dev.mlops.preprocessing.RecordTransform) ft).applyRecord(new Object[] {1.0}));
    assertTrue(record.getMessage().contains("must hold text"), record.getMessage());
  }

  @Test
  void restoreRejectsADamagedState() {
    CountVectorize t = CountVectorize.of();
    StepContext ctx = new StepContext("words", TextCases.docs("x").schema());
    for (String state : List.of("{}", "{\"vocabulary\": []}", "{\"vocabulary\": [\"b\", \"a\"]}",
        "{\"vocabulary\": [\"a\", \"a\"]}", "{\"vocabulary\": [1]}", "{\"vocabulary\": [\"a\"], \"idf\": [1]}")) {
      assertThrows(ValidationException.class,
          () -> t.type().restore(t, ctx, Json.parseTree(state, "state"), 1), state);
    }
    FittedTransform ok = t.type().restore(t, ctx, Json.parseTree("{\"vocabulary\": [\"aa\", \"bb\"]}", "s"), 1);
    assertEquals(Arrays.asList(1.0, 0.0), Arrays.asList(
        (Double) ok.apply(TextCases.docs("aa")).get(0).get(0), (Double) ok.apply(TextCases.docs("aa")).get(1).get(0)));
  }
}
