package dev.mlops.preprocessing;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which columns a pipeline step works on: by name, by list, by type, by pattern, all, or a combination; resolved
 * against a schema into names in the schema's order. Immutable values.
 *
 * <pre>{@code
 * Columns.names("age", "income")            // exactly these; a missing one is an error naming it
 * Columns.types(ColumnType.STRING)          // every STRING column
 * Columns.numeric()                         // every DOUBLE and LONG column
 * Columns.matching("x\\d+")                 // names matching the whole pattern
 * Columns.numeric().except("id")            // a selection without some names
 * Columns.tagged(Field.PII)                 // columns carrying a tag, e.g. pii
 * }</pre>
 *
 * <p>Stability: experimental.
 */
public sealed interface Columns {

  /** The selected names, in the schema's order. */
  List<String> resolve(Schema schema);

  /** Exactly these columns, which must exist. */
  static Columns names(String... names) {
    return new Names(List.of(names));
  }

  /** Exactly these columns, which must exist. */
  static Columns names(List<String> names) {
    return new Names(names);
  }

  /** Every column of one of these types. */
  static Columns types(ColumnType first, ColumnType... more) {
    return new Types(EnumSet.of(first, more));
  }

  /** Every DOUBLE and LONG column. */
  static Columns numeric() {
    return new Types(EnumSet.of(ColumnType.DOUBLE, ColumnType.LONG));
  }

  /** Every column whose whole name matches {@code regex} (Java syntax). */
  static Columns matching(String regex) {
    return new Matching(regex);
  }

  /** Every column with {@code tag} in its schema field. */
  static Columns tagged(String tag) {
    return new Tagged(tag);
  }

  /** Every column. */
  static Columns all() {
    return All.INSTANCE;
  }

  /** This selection without {@code names} (which need not be selected). */
  default Columns except(String... names) {
    return new Except(this, Set.copyOf(List.of(names)));
  }

  /**
   * By name. The names must be distinct and present.
   *
   * @param names the names, in the order given (the order resolve returns is the schema's)
   */
  record Names(List<String> names) implements Columns {
    /** Checks and copies the names. */
    public Names {
      names = List.copyOf(Objects.requireNonNull(names, "names"));
      if (names.isEmpty()) {
        throw new ValidationException("Columns.names() was given no names; name at least one column");
      }
      if (new LinkedHashSet<>(names).size() != names.size()) {
        throw new ValidationException("Columns.names" + names + " names a column twice");
      }
    }

    @Override
    public List<String> resolve(Schema schema) {
      List<String> missing = new ArrayList<>();
      for (String n : names) {
        if (!schema.contains(n)) {
          missing.add(n);
        }
      }
      if (!missing.isEmpty()) {
        throw new ValidationException("column" + (missing.size() == 1 ? " '" + missing.get(0) + "' is" : "s "
            + missing + " are") + " not in the data; it has " + schema.names());
      }
      List<String> out = new ArrayList<>();
      for (String n : schema.names()) {
        if (names.contains(n)) {
          out.add(n);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "names" + names;
    }
  }

  /**
   * By type.
   *
   * @param types the types selected
   */
  record Types(Set<ColumnType> types) implements Columns {
    /** Copies the set. */
    public Types {
      types = Set.copyOf(types);
    }

    @Override
    public List<String> resolve(Schema schema) {
      List<String> out = new ArrayList<>();
      for (Field f : schema.fields()) {
        if (types.contains(f.type())) {
          out.add(f.name());
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "types" + new java.util.TreeSet<>(types);
    }
  }

  /**
   * By a regular expression over the whole name.
   *
   * @param regex the expression
   */
  record Matching(String regex) implements Columns {
    /** Checks that the expression compiles. */
    public Matching {
      try {
        Pattern.compile(Objects.requireNonNull(regex, "regex"));
      } catch (PatternSyntaxException e) {
        throw new ValidationException("column pattern '" + regex + "' is not a valid regular expression: "
            + e.getDescription(), e);
      }
    }

    @Override
    public List<String> resolve(Schema schema) {
      Pattern p = Pattern.compile(regex);
      return schema.names().stream().filter(n -> p.matcher(n).matches()).toList();
    }

    @Override
    public String toString() {
      return "matching(" + regex + ")";
    }
  }

  /**
   * By a tag of the schema's fields.
   *
   * @param tag the tag, e.g. {@link Field#PII}
   */
  record Tagged(String tag) implements Columns {
    /** Checks the tag. */
    public Tagged {
      if (tag == null || tag.isBlank()) {
        throw new ValidationException("Columns.tagged() needs a tag, e.g. \"pii\"");
      }
    }

    @Override
    public List<String> resolve(Schema schema) {
      return schema.tagged(tag).stream().map(Field::name).toList();
    }

    @Override
    public String toString() {
      return "tagged(" + tag + ")";
    }
  }

  /** Every column. */
  enum All implements Columns {
    /** The one instance. */
    INSTANCE;

    @Override
    public List<String> resolve(Schema schema) {
      return schema.names();
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /**
   * A selection without some names.
   *
   * @param base the selection
   * @param without the names left out
   */
  record Except(Columns base, Set<String> without) implements Columns {
    /** Copies the set. */
    public Except {
      Objects.requireNonNull(base, "base");
      without = Set.copyOf(without);
    }

    @Override
    public List<String> resolve(Schema schema) {
      return base.resolve(schema).stream().filter(n -> !without.contains(n)).toList();
    }

    @Override
    public String toString() {
      return base + ".except" + new java.util.TreeSet<>(without);
    }
  }
}
