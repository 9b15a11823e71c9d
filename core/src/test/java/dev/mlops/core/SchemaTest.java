package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private final Schema schema = Schema.of(
      Field.of("id", ColumnType.LONG).withNullable(false),
      Field.of("x", ColumnType.DOUBLE),
      Field.of("email", ColumnType.STRING).withTags("pii"));

  @Test
  void findsFieldsByNameAndIndex() {
    assertEquals(3, schema.size());
    assertEquals(ColumnType.DOUBLE, schema.field("x").type());
    assertEquals("email", schema.field(2).name());
    assertEquals(1, schema.indexOf("x"));
    assertTrue(schema.contains("id"));
    assertFalse(schema.contains("ID"));
    assertEquals(Optional.empty(), schema.find("nope"));
    assertEquals(List.of("id", "x", "email"), schema.names());
  }

  @Test
  void unknownNameIsNotFoundListingTheColumns() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> schema.field("y"));
    assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("[id, x, email]"), e.getMessage());
  }

  @Test
  void indexOutOfRangeIsRejected() {
    assertThrows(IndexOutOfBoundsException.class, () -> schema.field(3));
    assertThrows(IndexOutOfBoundsException.class, () -> schema.field(-1));
  }

  @Test
  void rejectsDuplicateNamesNamingBothPositions() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Schema.of(Field.of("a", ColumnType.LONG), Field.of("b", ColumnType.LONG),
            Field.of("a", ColumnType.STRING)));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("0 and 2"), e.getMessage());
  }

  @Test
  void copiesTheFieldList() {
    List<Field> fields = new ArrayList<>(List.of(Field.of("a", ColumnType.LONG)));
    Schema s = new Schema(fields);
    fields.add(Field.of("b", ColumnType.LONG));
    assertEquals(1, s.size());
    assertThrows(UnsupportedOperationException.class, () -> s.fields().add(Field.of("c", ColumnType.LONG)));
  }

  @Test
  void selectsInTheOrderGivenAndListsTaggedFields() {
    assertEquals(List.of("email", "id"), schema.select(List.of("email", "id")).names());
    assertEquals(List.of(schema.field("email")), schema.tagged("pii"));
  }

  @Test
  void withReplacesOneField() {
    Schema s = schema.with(1, Field.of("y", ColumnType.LONG));
    assertEquals(List.of("id", "y", "email"), s.names());
    assertThrows(ValidationException.class, () -> schema.with(1, Field.of("id", ColumnType.LONG)));
  }

  @Test
  void printsFieldsInOrder() {
    assertEquals("Schema[id LONG not null, x DOUBLE, email STRING [pii]]", schema.toString());
  }
}
