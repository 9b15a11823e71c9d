package dev.mlops.preprocessing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Murmur3Test {
  /** The token hashes scikit-learn 1.2.1 computed (sklearn.utils.murmurhash3_32, seed 0, signed), per case file. */
  @Test
  void matchesScikitLearnsHashesOfEveryTokenInTheGoldenCases() throws IOException {
    int checked = 0;
    for (String file : List.of("feature_hasher_16_alternate_sign_true.json", "feature_hasher_16_alternate_sign_false.json",
        "hashing_vectorizer_32_norm_none_alternate_sign_true.json", "hashing_vectorizer_32_ngram_1_2_l2.json")) {
      try (InputStream in = getClass().getResourceAsStream("/sklearn/cases/" + file)) {
        JsonNode hashes = new ObjectMapper().readTree(in).get("murmurhash3_32_signed_seed0");
        for (Map.Entry<String, JsonNode> e : hashes.properties()) {
          assertEquals(e.getValue().intValue(), Murmur3.hash32(e.getKey(), 0), file + ": '" + e.getKey() + "'");
          checked++;
        }
      }
    }
    assertTrue(checked > 30, "checked " + checked + " tokens");
  }

  @Test
  void hashesEveryTailLengthAndAnOffset() {
    // the reference values of the algorithm's published test vectors (seed 0 and seed 0x9747b28c)
    assertEquals(0, Murmur3.hash32("", 0));
    assertEquals(0x248bfa47, Murmur3.hash32("hello", 0));
    assertEquals(0x24884cba, Murmur3.hash32("Hello, world!", 0x9747b28c));
    byte[] padded = "xxhelloyy".getBytes(StandardCharsets.UTF_8);
    assertEquals(Murmur3.hash32("hello", 0), Murmur3.hash32(padded, 2, 5, 0));
  }
}
