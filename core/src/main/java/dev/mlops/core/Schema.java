package dev.mlops.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered list of {@link Field}s of a {@link Frame} or {@link FrameSource}. Names are unique.
 *
 * <pre>{@code
 * Schema s = Schema.of(Field.of("x", ColumnType.DOUBLE), Field.of("label", ColumnType.STRING));
 * s.field("x").type();   // DOUBLE
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param fields the fields, in column order
 */
public record Schema(List<Field> fields) {

  /**
   * A schema of {@code fields} (copied); a {@link ValidationException} if two fields share a name.
   *
   * @param fields the fields, in column order
   */
  public Schema {
    fields = List.copyOf(fields);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Integer before = seen.put(fields.get(i).name(), i);
      if (before != null) {
        throw new ValidationException("column name '" + fields.get(i).name() + "' appears twice (positions "
            + before + " and " + i + "); rename one of them");
      }
    }
  }

  /** A schema of {@code fields} in this order. */
  public static Schema of(Field... fields) {
    return new Schema(Arrays.asList(fields));
  }

  /** The number of fields. */
  public int size() {
    return fields.size();
  }

  /** The field at {@code index}; an {@link IndexOutOfBoundsException} listing the names if none. */
  public Field field(int index) {
    if (index < 0 || index >= fields.size()) {
      Checks.column(index, names());
    }
    return fields.get(index);
  }

  /** The field named {@code name}; a {@link NotFoundException} listing the names there are if none. */
  public Field field(String name) {
    return fields.get(indexOf(name));
  }

  /** The field named {@code name}, if any. */
  public Optional<Field> find(String name) {
    int i = indexOfOrMinusOne(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  /** Whether a field is named {@code name}. */
  public boolean contains(String name) {
    return indexOfOrMinusOne(name) >= 0;
  }

  /** The position of the field named {@code name}; a {@link NotFoundException} if none. */
  public int indexOf(String name) {
    int i = indexOfOrMinusOne(name);
    if (i < 0) {
      throw new NotFoundException("no column '" + name + "'; the columns are " + names());
    }
    return i;
  }

  /** The field names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(fields.size());
    for (Field f : fields) {
      names.add(f.name());
    }
    return names;
  }

  /** The fields tagged {@code tag}. */
  public List<Field> tagged(String tag) {
    return fields.stream().filter(f -> f.hasTag(tag)).toList();
  }

  /** The schema of just {@code names}, in the order given. */
  public Schema select(Collection<String> names) {
    List<Field> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(field(n));
    }
    return new Schema(out);
  }

  /** This schema with the field at {@code index} replaced. */
  public Schema with(int index, Field field) {
    List<Field> out = new ArrayList<>(fields);
    out.set(index, field);
    return new Schema(out);
  }

  private int indexOfOrMinusOne(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code Schema[x DOUBLE, label STRING]}: the fields as {@link Field#toString()} prints them. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Schema[");
    for (int i = 0; i < fields.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(fields.get(i));
    }
    return s.append(']').toString();
  }
}
