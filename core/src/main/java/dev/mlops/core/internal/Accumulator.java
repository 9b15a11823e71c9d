package dev.mlops.core.internal;

import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.LongColumn;
import dev.mlops.core.StringColumn;
import dev.mlops.core.TimestampColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One growing column of a CSV read: values parsed from field text into a primitive array, a null mask, and
 * for STRING a dictionary. Can be cut back to an earlier row (a rejected record) and widened from LONG to
 * DOUBLE. Not API.
 */
final class Accumulator {
  private ColumnType type;
  private long[] longs;
  private double[] doubles;
  private boolean[] booleans;
  private int[] codes;
  private Interner interner;
  private boolean[] nulls;
  private int size;
  private final long[] longOut = new long[1];
  private final double[] doubleOut = new double[1];

  Accumulator(ColumnType type, int capacity) {
    this.type = type;
    int cap = Math.max(capacity, 16);
    switch (type) {
      case LONG, TIMESTAMP -> longs = new long[cap];
      case DOUBLE -> doubles = new double[cap];
      case BOOLEAN -> booleans = new boolean[cap];
      case STRING -> {
        codes = new int[cap];
        interner = new Interner();
      }
    }
  }

  ColumnType type() {
    return type;
  }

  int size() {
    return size;
  }

  private int capacity() {
    return switch (type) {
      case LONG, TIMESTAMP -> longs.length;
      case DOUBLE -> doubles.length;
      case BOOLEAN -> booleans.length;
      case STRING -> codes.length;
    };
  }

  private void ensureRoom() {
    if (size < capacity()) {
      return;
    }
    int n = (int) Math.min(Integer.MAX_VALUE - 16L, capacity() * 2L);
    if (n <= size) {
      throw new IllegalStateException("a column cannot hold more than " + size + " rows; read the file in batches");
    }
    switch (type) {
      case LONG, TIMESTAMP -> longs = Arrays.copyOf(longs, n);
      case DOUBLE -> doubles = Arrays.copyOf(doubles, n);
      case BOOLEAN -> booleans = Arrays.copyOf(booleans, n);
      case STRING -> codes = Arrays.copyOf(codes, n);
    }
  }

  void appendNull() {
    ensureRoom();
    if (nulls == null) {
      nulls = new boolean[capacity()];
    } else if (nulls.length < capacity()) {
      nulls = Arrays.copyOf(nulls, capacity());
    }
    nulls[size] = true;
    switch (type) {
      case LONG, TIMESTAMP -> longs[size] = 0;
      case DOUBLE -> doubles[size] = Double.NaN;
      case BOOLEAN -> booleans[size] = false;
      case STRING -> codes[size] = -1;
    }
    size++;
  }

  /**
   * Appends the value in {@code b[off, off+len)}; false if it does not fit the type. With {@code widen}, a
   * LONG column meeting a non-integer number becomes DOUBLE.
   */
  boolean append(char[] b, int off, int len, boolean widen) {
    ensureRoom();
    switch (type) {
      case DOUBLE -> {
        if (!FieldText.parseDouble(b, off, len, doubleOut)) {
          return false;
        }
        doubles[size] = doubleOut[0];
      }
      case LONG -> {
        if (FieldText.parseLong(b, off, len, longOut)) {
          longs[size] = longOut[0];
        } else if (widen && FieldText.parseDouble(b, off, len, doubleOut)) {
          widenToDouble();
          return append(b, off, len, false);
        } else {
          return false;
        }
      }
      case BOOLEAN -> {
        int v = FieldText.parseBoolean(b, off, len);
        if (v < 0) {
          return false;
        }
        booleans[size] = v == 1;
      }
      case STRING -> codes[size] = interner.intern(b, off, len);
      case TIMESTAMP -> {
        Long micros = FieldText.parseTimestamp(new String(b, off, len));
        if (micros == null) {
          return false;
        }
        longs[size] = micros;
      }
    }
    if (nulls != null && size < nulls.length) {
      nulls[size] = false;
    }
    size++;
    return true;
  }

  /** Turns a LONG column into a DOUBLE one, keeping values and nulls. */
  void widenToDouble() {
    if (type != ColumnType.LONG) {
      throw new IllegalStateException("only LONG widens to DOUBLE, not " + type);
    }
    doubles = new double[longs.length];
    for (int i = 0; i < size; i++) {
      doubles[i] = nulls != null && nulls[i] ? Double.NaN : (double) longs[i];
    }
    longs = null;
    type = ColumnType.DOUBLE;
  }

  /** Forgets rows from {@code rows} on. */
  void truncate(int rows) {
    size = Math.min(size, rows);
  }

  /** The column of the rows so far. */
  Column build() {
    return build(List.of(this));
  }

  /** One column of the rows of {@code parts} in order; all of one type (widen first). */
  static Column build(List<Accumulator> parts) {
    ColumnType type = parts.get(0).type;
    int total = 0;
    for (Accumulator a : parts) {
      if (a.type != type) {
        throw new IllegalStateException("parts of types " + type + " and " + a.type);
      }
      total = Math.addExact(total, a.size);
    }
    // Filled through the public builders, which hand their arrays to the column without a copy: one copy of
    // the parts in all, where concatenating and then DoubleColumn.of(...) would copy twice.
    return switch (type) {
      case DOUBLE -> {
        DoubleColumn.Builder b = DoubleColumn.builder(total);
        for (Accumulator a : parts) {
          for (int i = 0; i < a.size; i++) {
            if (a.isNullAt(i)) {
              b.addNull();
            } else {
              b.add(a.doubles[i]);
            }
          }
        }
        yield b.build();
      }
      case LONG -> {
        LongColumn.Builder b = LongColumn.builder(total);
        for (Accumulator a : parts) {
          for (int i = 0; i < a.size; i++) {
            if (a.isNullAt(i)) {
              b.addNull();
            } else {
              b.add(a.longs[i]);
            }
          }
        }
        yield b.build();
      }
      case TIMESTAMP -> {
        TimestampColumn.Builder b = TimestampColumn.builder(total);
        for (Accumulator a : parts) {
          for (int i = 0; i < a.size; i++) {
            if (a.isNullAt(i)) {
              b.addNull();
            } else {
              b.addMicros(a.longs[i]);
            }
          }
        }
        yield b.build();
      }
      case BOOLEAN -> {
        BooleanColumn.Builder b = BooleanColumn.builder(total);
        for (Accumulator a : parts) {
          for (int i = 0; i < a.size; i++) {
            if (a.isNullAt(i)) {
              b.addNull();
            } else {
              b.add(a.booleans[i]);
            }
          }
        }
        yield b.build();
      }
      case STRING -> strings(parts, total);
    };
  }

  private boolean isNullAt(int row) {
    return nulls != null && row < nulls.length && nulls[row];
  }

  private static StringColumn strings(List<Accumulator> parts, int total) {
    int[] out = new int[total];
    Interner merged = parts.size() == 1 ? parts.get(0).interner : new Interner();
    int at = 0;
    for (Accumulator a : parts) {
      int[] remap = new int[a.interner.size()];
      for (int k = 0; k < remap.length; k++) {
        remap[k] = parts.size() == 1 ? k : merged.intern(a.interner.value(k));
      }
      for (int i = 0; i < a.size; i++) {
        int c = a.codes[i];
        out[at + i] = c < 0 ? -1 : remap[c];
      }
      at += a.size;
    }
    List<String> dict = new ArrayList<>(merged.size());
    for (int k = 0; k < merged.size(); k++) {
      dict.add(merged.value(k));
    }
    return StringColumn.ofCodes(out, dict);
  }
}
