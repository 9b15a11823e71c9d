package dev.mlops.core;

import java.util.List;

/**
 * Row, range and null checks shared by {@link Column}, {@link Frame} and {@link Row}, so an index out of range
 * or a null read through a primitive getter fails with one wording everywhere: what was asked, how many rows
 * there are, and what to do. Not API.
 */
final class Checks {
  private Checks() {}

  /**
   * {@code row} if it is in {@code [0, size)}; else an {@link IndexOutOfBoundsException} saying so for the
   * {@code what} ("frame" or "column") of {@code size} rows.
   */
  static int row(int row, int size, String what) {
    if (row < 0 || row >= size) {
      throw new IndexOutOfBoundsException("row " + row + " is out of range: the " + what + " has "
          + rows(size) + "; " + advice(what));
    }
    return row;
  }

  /** {@code rows[i]} if it is a row of the {@code what} of {@code size} rows; for {@code take}. */
  static int takeRow(int[] rows, int i, int size, String what) {
    int row = rows[i];
    if (row < 0 || row >= size) {
      throw new IndexOutOfBoundsException("take: rows[" + i + "] is " + row + ", out of range: the " + what
          + " has " + rows(size) + "; " + advice(what));
    }
    return row;
  }

  /** Checks that {@code [from, to)} is a range of the {@code what} of {@code size} rows; for {@code slice}. */
  static void range(int from, int to, int size, String what) {
    if (from < 0 || from > to || to > size) {
      throw new IndexOutOfBoundsException("slice(" + from + ", " + to + ") is not a range of the " + what
          + "'s " + size + (size == 1 ? " row" : " rows") + "; give 0 <= from <= to <= " + size + (from > to ? " (from comes first)" : ""));
    }
  }

  /** {@code index} if it is a column position of a frame whose columns are {@code names}. */
  static int column(int index, List<String> names) {
    if (index < 0 || index >= names.size()) {
      throw new IndexOutOfBoundsException("column " + index + " is out of range: there are " + names.size()
          + (names.size() == 1 ? " column " : " columns ") + names + "; positions run from 0, or use the name");
    }
    return index;
  }

  private static String rows(int size) {
    return size == 0 ? "no rows" : size == 1 ? "1 row (row 0)" : size + " rows (0 to " + (size - 1) + ")";
  }

  private static String advice(String what) {
    return what.equals("frame") ? "loop to rowCount(), or use head, tail or slice" : "loop to size()";
  }

  /**
   * The error for reading null row {@code row} of a {@code type} column through {@code getter}, a primitive
   * getter with no value for a null (see the null rule on {@link Column}).
   */
  static ValidationException nullInColumn(int row, ColumnType type, String getter) {
    return new ValidationException("row " + row + " of this " + type + " column is null, and " + getter
        + " has no value for a null; check isNull(" + row + ") first, or read get(" + row
        + "), which gives null (toArray() fills nulls for vectorised code)");
  }

  /**
   * The error for reading null row {@code row} of column {@code column} through {@code getter} of a
   * {@link Frame} or, when {@code viaRow}, a {@link Row}.
   */
  static ValidationException nullInFrame(int row, String column, String getter, boolean viaRow) {
    String q = "\"" + column + "\"";
    String check = viaRow ? "isNull(" + q + ")" : "isNull(" + row + ", " + q + ")";
    String read = viaRow ? "get(" + q + ")" : "get(" + row + ", " + q + ")";
    return new ValidationException("row " + row + " of column '" + column + "' is null, and " + getter
        + " has no value for a null; check " + check + " first, or read " + read + ", which gives null");
  }
}
