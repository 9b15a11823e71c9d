package dev.mlops.preprocessing.steps;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import java.util.TreeSet;

/** The output field of a PII step: the input's, with the {@code pii} tag swapped for {@code tag}. Not API. */
final class PiiTags {
  static final String REDACTED = "redacted";
  static final String PSEUDONYMIZED = "pseudonymized";

  private PiiTags() {}

  static Field swap(Field input, String tag) {
    TreeSet<String> tags = new TreeSet<>(input.tags());
    tags.remove(Field.PII);
    tags.add(tag);
    return input.withType(ColumnType.STRING).withTags(tags);
  }
}
