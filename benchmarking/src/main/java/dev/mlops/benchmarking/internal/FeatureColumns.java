package dev.mlops.benchmarking.internal;

import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps a matrix's columns to the features a model expects, by name: a column the model does not know is ignored
 * (as Tribuo ignores unknown features), a feature the model needs that the matrix lacks is an error listing them.
 * The mapping of the last column list seen is kept, so a run of batches with the same columns maps once.
 *
 * <p>Not API: this package may change in any release. Thread-safe.
 */
public final class FeatureColumns {
  private record Mapping(List<String> names, int[] columns) {}

  private final String owner;
  private final List<String> expected;
  private volatile Mapping last;

  /**
   * A mapping to {@code expected}, the model's features in its order; {@code owner} names the model in messages
   * ("predictor 'iris'").
   */
  public FeatureColumns(String owner, List<String> expected) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.expected = List.copyOf(expected);
  }

  /** The model's features, in its order. */
  public List<String> expected() {
    return expected;
  }

  /**
   * For each expected feature {@code j}, the column of {@code m} holding it ({@code result[j]}).
   *
   * @throws ValidationException naming the missing features when {@code m} lacks some
   */
  public int[] columns(Matrix m) {
    Mapping cached = last;
    if (cached != null && cached.names.equals(m.names())) {
      return cached.columns;
    }
    Map<String, Integer> at = new HashMap<>();
    List<String> names = m.names();
    for (int c = 0; c < names.size(); c++) {
      at.putIfAbsent(names.get(c), c);
    }
    int[] columns = new int[expected.size()];
    List<String> missing = new ArrayList<>();
    for (int j = 0; j < columns.length; j++) {
      Integer c = at.get(expected.get(j));
      if (c == null) {
        missing.add(expected.get(j));
      } else {
        columns[j] = c;
      }
    }
    if (!missing.isEmpty()) {
      throw new ValidationException(owner + " needs features the matrix does not have: " + missing
          + "; the matrix has columns " + names + "; build the matrix with the features the model was trained on");
    }
    last = new Mapping(names, columns);
    return columns;
  }

  /** Whether {@code columns} is 0, 1, ... over all {@code cols} columns, so the matrix can be used as it is. */
  public static boolean isIdentity(int[] columns, int cols) {
    if (columns.length != cols) {
      return false;
    }
    for (int j = 0; j < columns.length; j++) {
      if (columns[j] != j) {
        return false;
      }
    }
    return true;
  }
}
