package dev.mlops.preprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {
  private static final Schema S = Schema.of(Field.of("id", ColumnType.LONG), Field.of("x1", ColumnType.DOUBLE),
      Field.of("email", ColumnType.STRING).withTags(Field.PII), Field.of("x2", ColumnType.DOUBLE),
      Field.of("city", ColumnType.STRING), Field.of("ok", ColumnType.BOOLEAN), Field.of("at", ColumnType.TIMESTAMP));

  @Test
  void namesResolveInTheSchemasOrder() {
    assertEquals(List.of("x1", "city"), Columns.names("city", "x1").resolve(S));
  }

  @Test
  void aMissingNameIsAnErrorNamingItAndTheColumnsThereAre() {
    ValidationException e = assertThrows(ValidationException.class, () -> Columns.names("x1", "income").resolve(S));
    assertTrue(e.getMessage().contains("'income'") && e.getMessage().contains("[id, x1, email"), e.getMessage());
    e = assertThrows(ValidationException.class, () -> Columns.names("a", "b").resolve(S));
    assertTrue(e.getMessage().contains("[a, b] are not in the data"), e.getMessage());
  }

  @Test
  void badNameListsAreRefused() {
    assertThrows(ValidationException.class, () -> Columns.names());
    assertThrows(ValidationException.class, () -> Columns.names("a", "a"));
  }

  @Test
  void selectsByTypeNumericPatternTagAndAll() {
    assertEquals(List.of("email", "city"), Columns.types(ColumnType.STRING).resolve(S));
    assertEquals(List.of("id", "x1", "x2"), Columns.numeric().resolve(S));
    assertEquals(List.of("x1", "x2"), Columns.matching("x\\d+").resolve(S));
    assertEquals(List.of(), Columns.matching("x").resolve(S), "the whole name must match");
    assertEquals(List.of("email"), Columns.tagged(Field.PII).resolve(S));
    assertEquals(S.names(), Columns.all().resolve(S));
    assertEquals(List.of("x1", "x2"), Columns.numeric().except("id", "nope").resolve(S));
  }

  @Test
  void aBadPatternIsAClearError() {
    ValidationException e = assertThrows(ValidationException.class, () -> Columns.matching("x("));
    assertTrue(e.getMessage().contains("'x('"), e.getMessage());
  }

  @Test
  void describesItself() {
    assertEquals("names[city, x1]", Columns.names("city", "x1").toString());
    assertEquals("types[DOUBLE, LONG].except[id]", Columns.numeric().except("id").toString());
  }
}
