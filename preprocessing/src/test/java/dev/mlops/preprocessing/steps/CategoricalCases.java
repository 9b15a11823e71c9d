package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.StringColumn;
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
}
