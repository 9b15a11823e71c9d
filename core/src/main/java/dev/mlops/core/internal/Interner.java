package dev.mlops.core.internal;

import java.util.Arrays;

/**
 * Maps text, given as a slice of a char array, to a dense code, making a String only the first time a
 * value is seen: the dictionary of a STRING column. Open addressing over a power-of-two table. Not API.
 */
final class Interner {
  private String[] values = new String[16];
  private int[] hashes = new int[16];
  private int size;
  private int[] table = new int[64];
  private int mask = 63;

  Interner() {
    Arrays.fill(table, -1);
  }

  int intern(char[] b, int off, int len) {
    int h = 1;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    int slot = h & mask;
    while (true) {
      int code = table[slot];
      if (code < 0) {
        return add(new String(b, off, len), h, slot);
      }
      if (hashes[code] == h && FieldText.equals(b, off, len, values[code])) {
        return code;
      }
      slot = (slot + 1) & mask;
    }
  }

  int intern(String s) {
    char[] c = s.toCharArray();
    return intern(c, 0, c.length);
  }

  private int add(String value, int h, int slot) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    values[size] = value;
    hashes[size] = h;
    table[slot] = size;
    size++;
    if (size * 2 > table.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    table = new int[table.length * 2];
    mask = table.length - 1;
    Arrays.fill(table, -1);
    for (int code = 0; code < size; code++) {
      int slot = hashes[code] & mask;
      while (table[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = code;
    }
  }

  int size() {
    return size;
  }

  String value(int code) {
    return values[code];
  }
}
