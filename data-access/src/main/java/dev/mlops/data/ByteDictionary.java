package dev.mlops.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The distinct values of one batch of a text column, found by their bytes, so a repeated value costs a hash and a
 * compare instead of a new String; the String is made once, on first sight. Codes run from 0 in order of first
 * appearance, as StringColumn.Builder numbers them. Not API; not thread-safe.
 */
final class ByteDictionary {
  private int[] slots = new int[64]; // code + 1, 0 = empty
  private int[] hashes = new int[32];
  private int[] offsets = new int[32];
  private int[] lengths = new int[32];
  private String[] strings = new String[32];
  private byte[] arena = new byte[1024];
  private int used;
  private int size;

  /** The code of the value in {@code v[off, off + len)}, added as the next code if it is new. */
  int code(byte[] v, int off, int len, boolean uuid) {
    int h = 1;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + v[i];
    }
    h ^= h >>> 16;
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int code = slots[s] - 1;
      if (code < 0) {
        return insert(s, h, v, off, len, uuid);
      }
      if (hashes[code] == h && lengths[code] == len
          && Arrays.equals(arena, offsets[code], offsets[code] + len, v, off, off + len)) {
        return code;
      }
    }
  }

  private int insert(int slot, int h, byte[] v, int off, int len, boolean uuid) {
    if (size == strings.length) {
      int n = size * 2;
      hashes = Arrays.copyOf(hashes, n);
      offsets = Arrays.copyOf(offsets, n);
      lengths = Arrays.copyOf(lengths, n);
      strings = Arrays.copyOf(strings, n);
    }
    if (arena.length - used < len) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + len));
    }
    System.arraycopy(v, off, arena, used, len);
    String s = uuid ? new UUID(PgBinaryColumn.getLong(v, off), PgBinaryColumn.getLong(v, off + 8)).toString()
        : new String(v, off, len, StandardCharsets.UTF_8);
    hashes[size] = h;
    offsets[size] = used;
    lengths[size] = len;
    strings[size] = s;
    used += len;
    slots[slot] = ++size;
    if (size * 2 > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int code = 0; code < size; code++) {
      int s = hashes[code] & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = code + 1;
    }
  }

  /** The values, by code. */
  List<String> values() {
    return Arrays.asList(strings).subList(0, size);
  }

  void clear() {
    Arrays.fill(slots, 0);
    Arrays.fill(strings, 0, size, null);
    used = 0;
    size = 0;
  }
}
