package dev.mlops.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The state and checks behind {@link Frame.Builder}, which delegates to it. Not API. */
final class FrameBuilder {
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private boolean built;

  void column(Field field, Column column) {
    Column.checkOpen(built);
    Objects.requireNonNull(field, "field");
    if (column == null) {
      throw new ValidationException("column '" + field.name() + "' is null; give a column");
    }
    if (fields.containsKey(field.name())) {
      throw new ValidationException("column '" + field.name() + "' was already added to this builder; "
          + "give each column its own name");
    }
    fields.put(field.name(), field);
    columns.put(field.name(), column);
  }

  void column(String name, Column column) {
    Objects.requireNonNull(column, "column");
    column(new Field(name, column.type(), true, Set.of()), column);
  }

  void values(String name, ColumnType type, List<?> values) {
    Field f = new Field(name, type, true, Set.of());
    ColumnAppender a = new ColumnAppender(f, values.size());
    for (int i = 0; i < values.size(); i++) {
      a.add(values.get(i), i);
    }
    column(f, a.build());
  }

  Frame build() {
    Column.checkOpen(built);
    Frame f = Frame.of(new Schema(List.copyOf(fields.values())), List.copyOf(columns.values()));
    built = true;
    return f;
  }
}
