package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTest {

  @Test
  void ofMakesANullableUntaggedField() {
    Field f = Field.of("age", ColumnType.LONG);
    assertEquals("age", f.name());
    assertEquals(ColumnType.LONG, f.type());
    assertTrue(f.nullable());
    assertTrue(f.tags().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void rejectsBlankName(String name) {
    ValidationException e = assertThrows(ValidationException.class, () -> Field.of(name, ColumnType.DOUBLE));
    assertTrue(e.getMessage().contains("blank"), e.getMessage());
  }

  @Test
  void rejectsNullName() {
    assertThrows(ValidationException.class, () -> Field.of(null, ColumnType.DOUBLE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "tab\tbed", "nul\u0000", "del\u007f", "c1\u0085"})
  void rejectsNameWithControlCharacterAndPrintsItSafely(String name) {
    ValidationException e = assertThrows(ValidationException.class, () -> Field.of(name, ColumnType.STRING));
    assertTrue(e.getMessage().contains("control character at index"), e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl), "message must not echo the control char");
  }

  @Test
  void acceptsNamesWithSpacesPunctuationAndUnicode() {
    assertEquals("petal width (cm)", Field.of("petal width (cm)", ColumnType.DOUBLE).name());
    assertEquals("größe", Field.of("größe", ColumnType.DOUBLE).name());
  }

  @Test
  void keepsTagsSortedAndMarksPii() {
    Field f = Field.of("email", ColumnType.STRING).withTags("source:crm", "pii");
    assertEquals(List.of("pii", "source:crm"), List.copyOf(f.tags()));
    assertTrue(f.isPii());
    assertTrue(f.hasTag("source:crm"));
    assertFalse(Field.of("x", ColumnType.DOUBLE).isPii());
  }

  @Test
  void withTagsAddsToExistingTagsAndCollectionFormReplacesThem() {
    Field f = Field.of("x", ColumnType.DOUBLE).withTags("a").withTags("b");
    assertEquals(Set.of("a", "b"), f.tags());
    assertEquals(Set.of("c"), f.withTags(List.of("c")).tags());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PII", "has space", "", "ünï", "semi;colon"})
  void rejectsBadTagNamingFieldAndTag(String tag) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Field.of("email", ColumnType.STRING).withTags(tag));
    assertTrue(e.getMessage().contains("'" + tag + "'") && e.getMessage().contains("'email'"), e.getMessage());
  }

  @Test
  void rejectsNullTagWithValidationExceptionNotNpe() {
    assertThrows(ValidationException.class, () -> Field.of("x", ColumnType.LONG).withTags((String) null));
    assertThrows(ValidationException.class,
        () -> Field.of("x", ColumnType.LONG).withTags(Arrays.asList("ok", null)));
  }

  @Test
  void tagsCannotBeModified() {
    Field f = Field.of("x", ColumnType.LONG).withTags("pii");
    assertThrows(UnsupportedOperationException.class, () -> f.tags().add("other"));
  }

  @Test
  void equalFieldsAreEqualWhateverTheTagOrder() {
    Field a = new Field("x", ColumnType.LONG, false, Set.of("b", "a"));
    Field b = Field.of("x", ColumnType.LONG).withNullable(false).withTags("a", "b");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.toString(), b.toString());
    assertEquals("x LONG not null [a, b]", a.toString());
  }

  @Test
  void withersChangeOneThing() {
    Field f = Field.of("x", ColumnType.LONG).withTags("pii");
    assertEquals(new Field("y", ColumnType.LONG, true, Set.of("pii")), f.withName("y"));
    assertEquals(new Field("x", ColumnType.DOUBLE, true, Set.of("pii")), f.withType(ColumnType.DOUBLE));
    assertEquals(new Field("x", ColumnType.LONG, false, Set.of("pii")), f.withNullable(false));
  }
}
