package dev.mlops.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ColumnType#STRING} column, dictionary-encoded: each row holds an {@code int} code into a
 * dictionary of distinct values ({@code -1} for null), so a categorical column of a million rows and ten
 * categories costs four megabytes plus ten strings.
 *
 * <pre>{@code
 * StringColumn c = StringColumn.of("red", "green", "red", null);
 * c.getString(2);       // "red"
 * c.code(0) == c.code(2);   // true
 * c.dictionary();       // [red, green] (values in order of first appearance; may hold unused entries)
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class StringColumn extends Column {
  private final int[] codes;
  private final String[] dictionary;

  private StringColumn(int[] codes, int size, String[] dictionary) {
    super(size, nullsOf(codes, size));
    this.codes = codes;
    this.dictionary = dictionary;
  }

  private static long[] nullsOf(int[] codes, int size) {
    long[] mask = null;
    for (int i = 0; i < size; i++) {
      if (codes[i] < 0) {
        mask = mask == null ? Bits.create(size) : mask;
        Bits.set(mask, i);
      }
    }
    return mask;
  }

  /** A column of {@code values}; null elements become nulls. */
  public static StringColumn of(String... values) {
    Builder b = builder(values.length);
    for (String v : values) {
      b.add(v);
    }
    return b.build();
  }

  /** A column of {@code values}; null elements become nulls. */
  public static StringColumn of(List<String> values) {
    Builder b = builder(values.size());
    for (String v : values) {
      b.add(v);
    }
    return b.build();
  }

  /** A builder expecting about {@code expectedRows} rows. */
  public static Builder builder(int expectedRows) {
    return new Builder(expectedRows);
  }

  /** {@link ColumnType#STRING}. */
  @Override
  public ColumnType type() {
    return ColumnType.STRING;
  }

  /** The value at {@code row}; {@code null} for a null row (see <a href="Column.html#nulls">nulls</a>). */
  public String getString(int row) {
    int code = codes[checkRow(row)];
    return code < 0 ? null : dictionary[code];
  }

  /** The value at {@code row}; {@code null} for a null row, as {@link #getString}. */
  @Override
  public String get(int row) {
    return getString(row);
  }

  /** A copy of the values; {@code null} for null rows. */
  public String[] toArray() {
    String[] out = new String[size];
    for (int i = 0; i < size; i++) {
      int code = codes[i];
      out[i] = code < 0 ? null : dictionary[code];
    }
    return out;
  }

  /** The dictionary code at {@code row}: an index into {@link #dictionary()}, or -1 for null. */
  public int code(int row) {
    return codes[checkRow(row)];
  }

  /**
   * The dictionary: distinct values (no two equal) in order of first appearance. After take/slice it may hold
   * values no row uses. Copied on each call; for per-row work use {@link #code} and {@link #dictionarySize}.
   */
  public List<String> dictionary() {
    return List.of(dictionary);
  }

  /** The number of dictionary entries (codes run from 0 to this minus one). */
  public int dictionarySize() {
    return dictionary.length;
  }

  /** A new column of the rows at {@code rows}, in that order (rows may repeat). */
  @Override
  public StringColumn take(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[checkTakeRow(rows, i)];
    }
    return new StringColumn(out, rows.length, dictionary);
  }

  /** A new column of rows {@code from} (inclusive) to {@code to} (exclusive). */
  @Override
  public StringColumn slice(int from, int to) {
    checkRange(from, to);
    return new StringColumn(Arrays.copyOfRange(codes, from, to), to - from, dictionary);
  }

  static StringColumn concat(List<Column> parts, int total, long[] unusedMask) {
    int[] out = new int[total];
    Map<String, Integer> index = new HashMap<>();
    List<String> dict = new ArrayList<>();
    Map<String[], int[]> remaps = new IdentityHashMap<>();
    int at = 0;
    for (Column c : parts) {
      StringColumn s = (StringColumn) c;
      int[] remap = remaps.computeIfAbsent(s.dictionary, d -> {
        int[] r = new int[d.length];
        for (int k = 0; k < d.length; k++) {
          r[k] = index.computeIfAbsent(d[k], v -> {
            dict.add(v);
            return dict.size() - 1;
          });
        }
        return r;
      });
      for (int i = 0; i < s.size; i++) {
        int code = s.codes[i];
        out[at + i] = code < 0 ? -1 : remap[code];
      }
      at += s.size;
    }
    return new StringColumn(out, total, dict.toArray(new String[0]));
  }

  @Override
  String format(int row) {
    String v = getString(row);
    return v == null ? NULL_TEXT : v;
  }

  @Override
  boolean valueEquals(int row, Column other, int otherRow) {
    StringColumn o = (StringColumn) other;
    int a = codes[row];
    int b = o.codes[otherRow];
    if (a < 0 || b < 0) {
      return a < 0 && b < 0;
    }
    return dictionary == o.dictionary ? a == b : dictionary[a].equals(o.dictionary[b]);
  }

  @Override
  int valueHash(int row) {
    int code = codes[row];
    return code < 0 ? 0 : dictionary[code].hashCode();
  }

  /** The raw codes, shared (not copied): for package code that only reads them. */
  int[] codesShared() {
    return codes;
  }

  /** The dictionary array, shared (not copied): for package code that only reads it. */
  String[] dictionaryShared() {
    return dictionary;
  }

  /** Builds a {@link StringColumn} row by row, interning values into the dictionary. Not thread-safe. */
  public static final class Builder {
    private int[] codes;
    private int size;
    private final HashMap<String, Integer> index = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();
    private boolean built;

    private Builder(int expectedRows) {
      if (expectedRows < 0) {
        throw new ValidationException("expectedRows is " + expectedRows + "; it must be 0 or more");
      }
      codes = new int[Math.max(expectedRows, 16)];
    }

    /** Appends {@code value}, or a null when it is null. */
    public Builder add(String value) {
      checkOpen(built);
      if (value == null) {
        return addCode(-1);
      }
      Integer code = index.get(value);
      if (code == null) {
        code = dictionary.size();
        index.put(value, code);
        dictionary.add(value);
      }
      return addCode(code);
    }

    /** Appends a null. */
    public Builder addNull() {
      checkOpen(built);
      return addCode(-1);
    }

    private Builder addCode(int code) {
      if (size == codes.length) {
        codes = Arrays.copyOf(codes, DoubleColumn.grow(size));
      }
      codes[size++] = code;
      return this;
    }

    /** The number of rows added so far. */
    public int size() {
      return size;
    }

    /** The column; the builder cannot be used after. */
    public StringColumn build() {
      checkOpen(built);
      built = true;
      int[] kept = wasteful(codes.length, size) ? Arrays.copyOf(codes, size) : codes;
      return new StringColumn(kept, size, dictionary.toArray(new String[0]));
    }
  }

  /**
   * A column from dictionary codes ({@code -1} for null) and the dictionary they index; both are copied and
   * checked: every code in {@code [-1, dictionary.size())}, no null and no repeated dictionary entry. Readers
   * that intern values themselves use this to skip the per-row map look-up of the builder.
   *
   * <pre>{@code
   * StringColumn c = StringColumn.ofCodes(new int[] {1, 0, -1, 1}, List.of("cat", "dog"));   // dog, cat, null, dog
   * }</pre>
   */
  public static StringColumn ofCodes(int[] codes, List<String> dictionary) {
    String[] dict = dictionary.toArray(new String[0]);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < dict.length; i++) {
      if (dict[i] == null) {
        throw new ValidationException("dictionary entry " + i + " is null; represent nulls by code -1");
      }
      Integer before = seen.put(dict[i], i);
      if (before != null) {
        throw new ValidationException("dictionary entries " + before + " and " + i + " are both '" + dict[i]
            + "'; a dictionary holds each value once, so map both codes to one entry");
      }
    }
    int[] copy = codes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < -1 || copy[i] >= dict.length) {
        throw new ValidationException("code " + copy[i] + " at row " + i + " is outside the dictionary of "
            + dict.length + " values; codes run from -1 (null) to " + (dict.length - 1));
      }
    }
    return new StringColumn(copy, copy.length, dict);
  }
}
