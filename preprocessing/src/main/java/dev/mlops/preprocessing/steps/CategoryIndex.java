package dev.mlops.preprocessing.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.StringColumn;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StepContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fitted categories of one STRING column (null standing for the missing value) and the look-up from a value to
 * its index. Immutable. {@link #encode} maps a batch through its dictionary: each dictionary code is looked up once
 * per batch, on its first row, so the cost per row is two array reads.
 */
final class CategoryIndex {
  /** What {@link #indexOf} gives for a value that is not a category. */
  static final int UNKNOWN = -1;

  private final List<String> categories;
  private final Map<String, Integer> index;
  private final int missingIndex;

  CategoryIndex(List<String> categories) {
    this.categories = Collections.unmodifiableList(new ArrayList<>(categories));
    this.index = new HashMap<>(categories.size() * 2);
    int missing = UNKNOWN;
    for (int i = 0; i < categories.size(); i++) {
      String c = categories.get(i);
      if (c == null) {
        missing = i;
      } else {
        index.put(c, i);
      }
    }
    this.missingIndex = missing;
  }

  /** Checks categories read from a fitted state or given explicitly: distinct, a null (missing) only last. */
  static void check(List<String> categories, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      String c = categories.get(i);
      if (c == null && i != categories.size() - 1) {
        throw new ValidationException(what + ": the missing value (null) is category " + i + " of "
            + categories.size() + "; it may only be the last one, as in scikit-learn");
      }
      if (c != null && !seen.add(c)) {
        throw new ValidationException(what + ": category '" + c + "' is listed twice; list each once");
      }
    }
  }

  /**
   * Checked, unmodifiable copies of a step's explicit categories (one non-empty list per input column; null, to
   * learn them, stays null). {@code name} is the step kind for messages, e.g. {@code one_hot}.
   */
  static List<List<String>> explicit(String name, List<List<String>> categories) {
    if (categories == null) {
      return null;
    }
    List<List<String>> copy = new ArrayList<>(categories.size());
    for (int j = 0; j < categories.size(); j++) {
      List<String> c = categories.get(j);
      if (c == null || c.isEmpty()) {
        throw new ValidationException(name + ": categories[" + j + "] is " + (c == null ? "null" : "empty")
            + "; give at least one category per column, or leave categories out to learn them");
      }
      check(c, name + ": categories[" + j + "]");
      copy.add(Collections.unmodifiableList(new ArrayList<>(c)));
    }
    return Collections.unmodifiableList(copy);
  }

  /** Fails unless explicit categories (if any) give one list per input column of the step. */
  static void checkOneListPerColumn(StepContext context, List<List<String>> categories) {
    if (categories != null && categories.size() != context.inputs().size()) {
      throw new ValidationException("step '" + context.stepName() + "': categories has " + categories.size()
          + " lists for " + context.inputs().size() + " columns " + context.inputs().names()
          + "; give one list per column");
    }
  }

  /** Writes {@code categories} as the array {@code "categories"} of a fitted state, null for the missing one. */
  static void putCategories(ObjectNode column, List<String> categories) {
    ArrayNode cats = column.putArray("categories");
    for (String v : categories) {
      if (v == null) {
        cats.addNull();
      } else {
        cats.add(v);
      }
    }
  }

  List<String> categories() {
    return categories;
  }

  int size() {
    return categories.size();
  }

  /** Whether the missing value is a category. */
  boolean hasMissing() {
    return missingIndex >= 0;
  }

  /** The index of {@code value} (null: the missing category), or {@link #UNKNOWN}. */
  int indexOf(String value) {
    if (value == null) {
      return missingIndex;
    }
    Integer i = index.get(value);
    return i == null ? UNKNOWN : i;
  }

  /** The category index of every row of {@code column}, {@link #UNKNOWN} for values that are not categories. */
  int[] encode(StringColumn column) {
    int n = column.size();
    int[] out = new int[n];
    int[] memo = new int[column.dictionarySize()]; // index + 2; 0 = not looked up yet
    for (int r = 0; r < n; r++) {
      int c = column.code(r);
      if (c < 0) {
        out[r] = missingIndex;
      } else {
        int m = memo[c];
        if (m == 0) {
          m = indexOf(column.getString(r)) + 2;
          memo[c] = m;
        }
        out[r] = m - 2;
      }
    }
    return out;
  }

  /** Column {@code j} of a batch, which must be STRING. */
  static StringColumn stringInput(String step, Frame inputs, int j) {
    if (inputs.column(j) instanceof StringColumn s) {
      return s;
    }
    Field f = inputs.schema().field(j);
    throw new ValidationException("step '" + step + "': column '" + f.name() + "' is " + f.type()
        + " but the step takes " + ColumnType.STRING + "; cast it to STRING in an earlier step");
  }

  /** Input {@code j} of a single record, which must be a String or null. */
  static String stringValue(String step, Field field, Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new ValidationException("step '" + step + "': column '" + field.name() + "' holds a "
        + value.getClass().getSimpleName() + " but the step takes " + ColumnType.STRING
        + " (a String or null); cast it to STRING in an earlier step");
  }

  /** Checks a record has one value per input column. */
  static void checkRecord(String step, Object[] inputs, int expected) {
    if (inputs.length != expected) {
      throw new ValidationException("step '" + step + "' takes " + expected + " input values per record, got "
          + inputs.length + "; pass the values of its input columns in order");
    }
  }

  /** The value for a message: quoted, "a missing value", or "a value" for a pii column. */
  static String shown(Field field, String value) {
    if (value == null) {
      return "a missing value";
    }
    return field.isPii() ? "a value (not shown: the column is pii)" : "the value '" + value + "'";
  }
}
