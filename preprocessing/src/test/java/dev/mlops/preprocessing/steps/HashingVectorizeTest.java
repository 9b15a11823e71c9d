package dev.mlops.preprocessing.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedTransform;
import dev.mlops.preprocessing.StepContext;
import dev.mlops.preprocessing.internal.Murmur3;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashingVectorizeTest {

  static HashingVectorize params(JsonNode p) {
    HashingVectorize t = HashingVectorize.of(p.get("n_features").asInt());
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      JsonNode v = e.getValue();
      t = switch (e.getKey()) {
        case "n_features" -> t;
        case "alternate_sign" -> t.withAlternateSign(v.asBoolean());
        case "norm" -> t.withNorm(v.isNull() ? TextNorm.NONE : TextNorm.valueOf(v.asText().toUpperCase()));
        case "ngram_range" -> t.withNgramRange(v.get(0).asInt(), v.get(1).asInt());
        default -> throw new IllegalArgumentException("unmapped parameter " + e.getKey());
      };
    }
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashing_vectorizer_32_norm_none_alternate_sign_false",
      "hashing_vectorizer_32_norm_none_alternate_sign_true", "hashing_vectorizer_32_norm_l2_alternate_sign_false",
      "hashing_vectorizer_32_norm_l2_alternate_sign_true", "hashing_vectorizer_32_ngram_1_2_l2"})
  void matchesScikitLearnsHashedColumns(String name) {
    Golden g = Golden.load(name);
    HashingVectorize t = params(g.paramsSet());
    FittedTransform ft = TextCases.check(g, t, false, 1e-12);
    assertEquals(32, ft.outputs().size());
    assertEquals("text_hash_0", ft.outputs().get(0).name());
    assertEquals("text_hash_31", ft.outputs().get(31).name());
    assertFalse(ft.stateHoldsValues(), "hashing keeps no data");
    assertEquals("{}", Json.toCanonicalJson(ft.state()));
  }

  @Test
  void needsNoDataToFit() {
    HashingVectorize t = HashingVectorize.of(8);
    assertFalse(t.needsData());
    FittedTransform ft = t.fitter(new StepContext("hash", TextCases.docs("x").schema())).finish();
    assertEquals(8, ft.outputs().size());
  }

  @Test
  void placesATermByItsHashAsScikitLearnDoes() {
    String term = "hello";
    int h = Murmur3.hash32(term, 0);
    int col = Math.abs(h) % 10;
    double sign = h < 0 ? -1 : 1;
    FittedTransform signed = Golden.fit(HashingVectorize.of(10).withNorm(TextNorm.NONE), TextCases.docs("x"));
    double[] row = TextCases.values(signed, TextCases.docs("hello hello"))[0];
    double[] expected = new double[10];
    expected[col] = 2 * sign;
    assertArrayEquals(expected, row);
    // |-2^31| is 2^31 in scikit-learn: the column is 2^31 mod n
    assertEquals((int) (2147483648L % 10), FittedHashingVectorize.column(Integer.MIN_VALUE, 10));
    assertEquals(5, FittedHashingVectorize.column(-5, 10));
  }

  @Test
  void treatsMissingValuesAsEmptyDocuments() {
    FittedTransform ft = Golden.fit(HashingVectorize.of(4), TextCases.docs("x"));
    Frame in = TextCases.docs(null, "", "a", "aa");
    double[][] v = TextCases.values(ft, in);
    assertArrayEquals(new double[4], v[0]);
    assertArrayEquals(new double[4], v[1]);
    assertArrayEquals(new double[4], v[2]);
    assertEquals(1.0, Math.abs(v[3][0]) + Math.abs(v[3][1]) + Math.abs(v[3][2]) + Math.abs(v[3][3]));
    Golden.assertRecordPathIdentical(ft, in);
  }

  @Test
  void bindsFromJsonAndRequiresNFeatures() {
    HashingVectorize t = Json.parse("{\"nFeatures\": 64, \"alternateSign\": false, \"tokens\": {\"ngramMax\": 2}}",
        HashingVectorize.class, "spec");
    assertEquals(HashingVectorize.of(64).withAlternateSign(false).withNgramRange(1, 2), t);
    assertEquals(t, Json.parse(Json.toCanonicalJson(Json.toTree(t)), HashingVectorize.class, "spec"));
    ValidationException missing = assertThrows(ValidationException.class,
        () -> Json.parse("{}", HashingVectorize.class, "spec"));
    assertTrue(missing.getMessage().contains("nFeatures is required"), missing.getMessage());
    assertEquals("mlops.hashing_vectorize@1", t.type().qualifiedId());
  }

  @Test
  void rejectsBadParametersAndInputs() {
    for (int bad : new int[] {0, -1, HashingVectorize.MAX_FEATURES + 1}) {
      ValidationException e = assertThrows(ValidationException.class, () -> HashingVectorize.of(bad));
      assertTrue(e.getMessage().contains("nFeatures is " + bad), e.getMessage());
    }
    Schema bools = new Schema(List.of(Field.of("flag", ColumnType.BOOLEAN)));
    ValidationException e = assertThrows(ValidationException.class,
        () -> HashingVectorize.of(4).fitter(new StepContext("hash", bools)));
    assertTrue(e.getMessage().contains("'flag' is BOOLEAN"), e.getMessage());
    HashingVectorize t = HashingVectorize.of(4);
    assertThrows(ValidationException.class, () -> t.type().restore(t,
        new StepContext("hash", TextCases.docs("x").schema()), Json.parseTree("[]", "state"), 1));
  }
}
