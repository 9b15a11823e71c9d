package dev.mlops.core;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One column of a {@link Schema}: its name, type, whether it may hold nulls, and its tags.
 *
 * <p>Tags carry data classification and other facts about a column that governance and preprocessing act on;
 * {@code pii} marks personal data. Tags are lower-case words ({@code [a-z0-9_.:-]+}) kept sorted, so equal
 * fields print and serialize the same.
 *
 * <pre>{@code
 * Field age = Field.of("age", ColumnType.LONG);
 * Field email = Field.of("email", ColumnType.STRING).withTags("pii");
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param name the column name: not blank, no control characters
 * @param type the column type
 * @param nullable whether the column may hold nulls
 * @param tags classification tags, sorted
 */
public record Field(String name, ColumnType type, boolean nullable, Set<String> tags) {

  /** The tag that marks personal data. */
  public static final String PII = "pii";

  /** Checks the name and tags and keeps the tags sorted; see {@link #of} for the common case. */
  public Field {
    checkName(name);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tags, "tags");
    TreeSet<String> sorted = new TreeSet<>();
    for (String tag : tags) {
      sorted.add(checkTag(name, tag));
    }
    tags = Collections.unmodifiableSet(sorted);
  }

  /** A nullable field without tags. */
  public static Field of(String name, ColumnType type) {
    return new Field(name, type, true, Set.of());
  }

  /** This field with {@code tags} added to its own. */
  public Field withTags(String... tags) {
    Set<String> all = new HashSet<>(this.tags);
    Collections.addAll(all, tags);
    return new Field(name, type, nullable, all);
  }

  /** This field with exactly {@code tags}. */
  public Field withTags(Collection<String> tags) {
    return new Field(name, type, nullable, new HashSet<>(tags));
  }

  /** This field marked as holding no nulls ({@code false}) or allowing them ({@code true}). */
  public Field withNullable(boolean nullable) {
    return new Field(name, type, nullable, tags);
  }

  /** This field under another name. */
  public Field withName(String name) {
    return new Field(name, type, nullable, tags);
  }

  /** This field with another type. */
  public Field withType(ColumnType type) {
    return new Field(name, type, nullable, tags);
  }

  /** Whether the field carries {@code tag}. */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }

  /** Whether the field is tagged {@value #PII}. */
  public boolean isPii() {
    return tags.contains(PII);
  }

  /** The name, type, {@code not null} if so, and tags: {@code email STRING not null [pii]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name).append(' ').append(type);
    if (!nullable) {
      s.append(" not null");
    }
    if (!tags.isEmpty()) {
      s.append(' ').append(tags);
    }
    return s.toString();
  }

  static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new ValidationException("column name '" + name + "' is blank; give every column a non-empty name");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        StringBuilder shown = new StringBuilder(name.length());
        name.chars().forEach(ch -> shown.append(Character.isISOControl(ch) ? '?' : (char) ch));
        throw new ValidationException("column name '" + shown + "' contains a control character at index " + i
            + "; remove it");
      }
    }
    return name;
  }

  private static String checkTag(String field, String tag) {
    if (tag == null || !tag.matches("[a-z0-9_.:-]+")) {
      throw new ValidationException("tag '" + tag + "' on column '" + field
          + "' is not a lower-case word ([a-z0-9_.:-]+); write it like 'pii' or 'source:crm'");
    }
    return tag;
  }
}
