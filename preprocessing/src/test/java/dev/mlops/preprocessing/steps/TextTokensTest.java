package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Json;
import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTokensTest {
  private static final TextTokens DEFAULTS = TextTokens.defaults();

  @Test
  void keepsWordsOfTwoOrMoreWordCharactersLowerCased() {
    assertEquals(List.of("the", "quick", "brown", "fox"), DEFAULTS.terms("The quick brown fox, a x!"));
  }

  @Test
  void splitsOnPunctuationAsScikitLearnsPatternDoes() {
    // README: "3.14" gives "14", "e-mail" gives "mail", "tf-idf" gives "tf", "idf"
    assertEquals(List.of("14"), DEFAULTS.terms("3.14"));
    assertEquals(List.of("mail", "someone", "example", "com"), DEFAULTS.terms("E-mail: someone@example.com"));
    assertEquals(List.of("tf", "idf"), DEFAULTS.terms("TF-IDF"));
    assertEquals(List.of("min_df"), DEFAULTS.terms("min_df"));
  }

  @Test
  void treatsNonAsciiLettersAsWordCharacters() {
    assertEquals(List.of("café", "naïve", "zürich"), DEFAULTS.terms("Café, naïve, Zürich"));
    assertEquals(List.of("москва", "東京", "αθήνα"), DEFAULTS.terms("МОСКВА 東京 ΑΘΉΝΑ"));
    assertEquals(List.of("٤٢"), DEFAULTS.terms("٤٢"), "Arabic-Indic digits are word characters");
  }

  @Test
  void keepsCaseWhenNotLowerCasing() {
    assertEquals(List.of("CamelCase", "Words"), DEFAULTS.withLowercase(false).terms("CamelCase Words"));
  }

  @Test
  void makesNgramsInScikitLearnsOrder() {
    TextTokens t = DEFAULTS.withNgramRange(1, 3);
    assertEquals(List.of("aa", "bb", "cc", "aa bb", "bb cc", "aa bb cc"), t.terms("aa bb cc"));
    assertEquals(List.of("aa bb", "bb cc"), DEFAULTS.withNgramRange(2, 2).terms("aa, bb; cc"));
    assertEquals(List.of(), DEFAULTS.withNgramRange(2, 3).terms("single"));
    assertEquals(List.of("single"), DEFAULTS.withNgramRange(1, 3).terms("single"));
  }

  @Test
  void givesNoTermsForEmptyAndMissingDocuments() {
    assertEquals(List.of(), DEFAULTS.terms(null));
    assertEquals(List.of(), DEFAULTS.terms(""));
    assertEquals(List.of(), DEFAULTS.terms("  , . !"));
    assertEquals(List.of(), DEFAULTS.withNgramRange(1, 2).terms(null));
  }

  @Test
  void takesTheGroupOfAPatternWithOneCapturingGroup() {
    assertEquals(List.of("a", "b"), DEFAULTS.withTokenPattern("#(\\w+)").terms("#a and #b"));
    assertEquals(List.of("x,", "y"), DEFAULTS.withTokenPattern("\\S+").terms("X, y"));
  }

  @Test
  void rejectsBadSettings() {
    ValidationException syntax = assertThrows(ValidationException.class, () -> DEFAULTS.withTokenPattern("(a"));
    assertTrue(syntax.getMessage().contains("tokenPattern '(a' is not a valid regular expression"),
        syntax.getMessage());
    ValidationException groups = assertThrows(ValidationException.class,
        () -> DEFAULTS.withTokenPattern("(a)(b)"));
    assertTrue(groups.getMessage().contains("2 capturing groups"), groups.getMessage());
    ValidationException min = assertThrows(ValidationException.class, () -> DEFAULTS.withNgramRange(0, 1));
    assertTrue(min.getMessage().contains("ngramMin is 0"), min.getMessage());
    ValidationException max = assertThrows(ValidationException.class, () -> DEFAULTS.withNgramRange(3, 2));
    assertTrue(max.getMessage().contains("ngramMax is 2 with ngramMin 3"), max.getMessage());
    assertThrows(ValidationException.class, () -> DEFAULTS.withNgramRange(1, TextTokens.MAX_NGRAM + 1));
  }

  @Test
  @SuppressWarnings("rawtypes") // ServiceLoader of a generic interface
  void registersTheTextStepsForServiceLoader() {
    List<String> ids = java.util.ServiceLoader.load(dev.mlops.preprocessing.TransformType.class).stream()
        .map(p -> p.get().id()).toList();
    assertTrue(ids.containsAll(List.of("mlops.count_vectorize", "mlops.tfidf_vectorize", "mlops.hashing_vectorize")),
        ids.toString());
  }

  @Test
  void bindsFromJsonWithDefaults() {
    assertEquals(DEFAULTS, Json.parse("{}", TextTokens.class, "spec"));
    assertEquals(DEFAULTS.withNgramRange(2, 2), Json.parse("{\"ngramMin\": 2}", TextTokens.class, "spec"));
    assertEquals(DEFAULTS.withLowercase(false).withNgramRange(1, 3),
        Json.parse("{\"lowercase\": false, \"ngramMax\": 3}", TextTokens.class, "spec"));
    String json = Json.toCanonicalJson(Json.toTree(DEFAULTS));
    assertEquals("{\"lowercase\":true,\"ngramMax\":1,\"ngramMin\":1,\"tokenPattern\":\"(?u)\\\\b\\\\w\\\\w+\\\\b\"}",
        json);
    assertEquals(DEFAULTS, Json.parse(json, TextTokens.class, "spec"));
  }
}
