package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StateJson;
import dev.mlops.preprocessing.StepContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TfidfVectorizeTest {

  /** Our parameters for a golden case's params_set. */
  static TfidfVectorize params(JsonNode p) {
    TfidfVectorize t = TfidfVectorize.of();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      JsonNode v = e.getValue();
      t = switch (e.getKey()) {
        case "lowercase" -> t.withLowercase(v.asBoolean());
        case "max_features" -> t.withMaxFeatures(v.asInt());
        case "min_df" -> t.withMinDf(v.asDouble());
        case "ngram_range" -> t.withNgramRange(v.get(0).asInt(), v.get(1).asInt());
        case "binary" -> t.withBinary(v.asBoolean());
        case "smooth_idf" -> t.withSmoothIdf(v.asBoolean());
        case "sublinear_tf" -> t.withSublinearTf(v.asBoolean());
        case "use_idf" -> t.withUseIdf(v.asBoolean());
        case "norm" -> t.withNorm(v.isNull() ? TextNorm.NONE : TextNorm.valueOf(v.asText().toUpperCase()));
        default -> throw new IllegalArgumentException("unmapped parameter " + e.getKey());
      };
    }
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tfidf_vectorizer_default", "tfidf_vectorizer_smooth_idf_false",
      "tfidf_vectorizer_sublinear_tf", "tfidf_vectorizer_norm_none", "tfidf_vectorizer_use_idf_false",
      "tfidf_vectorizer_min_df_2_max_features_10", "tfidf_vectorizer_ngram_1_2_min_df_2_sublinear_smooth_false"})
  void matchesScikitLearnsVocabularyIdfAndWeights(String name) {
    Golden g = Golden.load(name);
    TfidfVectorize t = params(g.paramsSet());
    FittedTransform ft = TextCases.check(g, t, true, 1e-12);
    assertEquals(TextCases.vocabulary(g), StateJson.strings(ft.state(), "vocabulary", "test"));
    if (t.useIdf()) {
      Golden.assertClose(name + " idf_", Golden.numbers(g.state().get("idf_")),
          StateJson.doubles(ft.state(), "idf", "test"), 1e-14);
    } else {
      assertFalse(ft.state().has("idf"), "no idf without useIdf");
      assertTrue(g.state().path("idf_").isMissingNode() || g.state().path("idf_").isNull());
    }
    assertTrue(ft.stateHoldsValues());
  }

  @Test
  void keepsTheSameTermsAsScikitLearnExceptWhereTermsTieAtTheMaxFeaturesCut() {
    Golden g = Golden.load("tfidf_vectorizer_min_df_2_max_features_20");
    FittedTransform ft = Golden.fit(params(g.paramsSet()), TextCases.input(g, "fit_input"));
    List<String> expected = TextCases.vocabularyAtMaxFeaturesCut(g, 20);
    List<String> atCut = TextCases.termsAtMaxFeaturesCut(g);
    List<String> ours = StateJson.strings(ft.state(), "vocabulary", "test");
    assertEquals(expected, ours);
    assertEquals(20, ft.outputs().size());
    // the terms both keep have the same idf (which does not depend on the other terms)
    Map<String, Double> theirIdf = new java.util.HashMap<>();
    List<String> theirs = TextCases.vocabulary(g);
    double[] idf = Golden.numbers(g.state().get("idf_"));
    for (int i = 0; i < theirs.size(); i++) {
      theirIdf.put(theirs.get(i), idf[i]);
    }
    double[] ourIdf = StateJson.doubles(ft.state(), "idf", "test");
    int shared = 0;
    for (int i = 0; i < ours.size(); i++) {
      Double e = theirIdf.get(ours.get(i));
      if (e != null) {
        shared++;
        assertEquals(e, ourIdf[i], 1e-14 * e, ours.get(i));
      } else {
        assertTrue(atCut.contains(ours.get(i)), ours.get(i) + " differs only at the tie");
      }
    }
    assertTrue(shared >= 18, "shared " + shared);
  }

  @Test
  void computesScikitLearnsFormulaOnASmallCorpus() {
    // n = 3 (the missing value is an empty document); df: aa 2, bb 1
    FittedTransform ft = Golden.fit(TfidfVectorize.of().withNorm(TextNorm.NONE),
        TextCases.docs("aa bb bb", "aa", null));
    double idfA = Math.log(4.0 / 3.0) + 1;
    double idfB = Math.log(4.0 / 2.0) + 1;
    assertArrayEquals(new double[] {idfA, idfB}, StateJson.doubles(ft.state(), "idf", "t"));
    double[][] v = TextCases.values(ft, TextCases.docs("aa bb bb", null, "cc"));
    assertArrayEquals(new double[] {idfA, 2 * idfB}, v[0]);
    assertArrayEquals(new double[] {0, 0}, v[1]);
    assertArrayEquals(new double[] {0, 0}, v[2]);
    FittedTransform l1 = Golden.fit(TfidfVectorize.of().withNorm(TextNorm.L1).withUseIdf(false),
        TextCases.docs("aa bb bb bb"));
    assertArrayEquals(new double[] {0.25, 0.75}, TextCases.values(l1, TextCases.docs("aa bb bb bb"))[0]);
    FittedTransform binary = Golden.fit(TfidfVectorize.of().withBinary(true).withUseIdf(false)
        .withNorm(TextNorm.NONE), TextCases.docs("aa bb bb bb"));
    assertArrayEquals(new double[] {1, 1}, TextCases.values(binary, TextCases.docs("aa bb bb bb"))[0]);
  }

  @Test
  void bindsFromJsonWithScikitLearnsDefaults() {
    TfidfVectorize t = Json.parse("{\"norm\": \"none\", \"sublinearTf\": true, \"maxDf\": 0.9}",
        TfidfVectorize.class, "spec");
    assertEquals(TfidfVectorize.of().withNorm(TextNorm.NONE).withSublinearTf(true).withMaxDf(0.9), t);
    assertEquals(TfidfVectorize.of(), Json.parse("{}", TfidfVectorize.class, "spec"));
    assertEquals(t, Json.parse(Json.toCanonicalJson(Json.toTree(t)), TfidfVectorize.class, "spec"));
    assertEquals("\"l2\"", Json.toCanonicalJson(Json.toTree(TextNorm.L2)));
    assertThrows(ValidationException.class, () -> Json.parse("{\"norm\": \"L3\"}", TfidfVectorize.class, "spec"));
    assertEquals("mlops.tfidf_vectorize@1", t.type().qualifiedId());
  }

  @Test
  void rejectsBadParametersAndInputs() {
    assertThrows(NullPointerException.class, () -> TfidfVectorize.of().withNorm(null));
    assertThrows(ValidationException.class, () -> TfidfVectorize.of().withMaxFeatures(-1));
    assertThrows(ValidationException.class, () -> TfidfVectorize.of().withMinDf(1.5));
    Schema longs = new Schema(List.of(Field.of("n", ColumnType.LONG)));
    ValidationException e = assertThrows(ValidationException.class,
        () -> TfidfVectorize.of().fitter(new StepContext("tfidf", longs)));
    assertTrue(e.getMessage().contains("'n' is LONG"), e.getMessage());
  }

  @Test
  void restoreRejectsAnIdfThatDoesNotFitTheVocabulary() {
    TfidfVectorize t = TfidfVectorize.of();
    StepContext ctx = new StepContext("tfidf", TextCases.docs("x").schema());
    for (String state : List.of("{\"vocabulary\": [\"a\", \"b\"]}", "{\"vocabulary\": [\"a\", \"b\"], \"idf\": [1]}",
        "{\"vocabulary\": [\"a\"], \"idf\": [0.5]}", "{\"vocabulary\": [\"a\"], \"idf\": [\"NaN\"]}")) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> t.type().restore(t, ctx, Json.parseTree(state, "state"), 1), state);
      assertTrue(e.getMessage().contains("tfidf"), e.getMessage());
    }
    TfidfVectorize noIdf = t.withUseIdf(false);
    assertThrows(ValidationException.class, () -> noIdf.type().restore(noIdf, ctx,
        Json.parseTree("{\"vocabulary\": [\"a\"], \"idf\": [1]}", "state"), 1));
  }
}
