package dev.mlops.data.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Raw Snappy (the block format Parquet's SNAPPY codec uses, without framing), in plain Java: no native
 * library, no {@code sun.misc.Unsafe}, so it runs the same on every JVM without flags or warnings.
 *
 * <p>The format: the uncompressed length as a little-endian base-128 varint, then elements, each a tag byte
 * whose low two bits say what follows: {@code 00} a literal (length-1 in the upper six bits, or in the next 1-4
 * bytes when those bits are 60-63), {@code 01} a copy of 4-11 bytes at an 11-bit offset, {@code 10} a copy of
 * 1-64 bytes at a 16-bit offset, {@code 11} a copy of 1-64 bytes at a 32-bit offset. A copy may overlap the
 * bytes it produces (offset less than length), which repeats a run.
 *
 * <p>The compressor is greedy: it hashes every four-byte sequence of a 64 KiB block and emits a copy whenever
 * the sequence was seen before in that block. Its output is a function of the input alone, so equal data
 * compresses to equal bytes on every JVM. Not API.
 */
final class Snappy {
  private static final int BLOCK = 1 << 16;
  private static final int HASH_BITS = 14;
  private static final int MIN_MATCH = 4;

  private Snappy() {}

  /** The largest output {@link #compress} can produce for {@code length} input bytes. */
  static int maxCompressedLength(int length) {
    // varint (5) + a literal tag of up to 5 bytes for every 60-byte stretch, bounded loosely.
    return 32 + length + length / 6;
  }

  /** Compresses {@code in[0, length)}; returns the compressed bytes. */
  static byte[] compress(byte[] in, int length) {
    byte[] out = new byte[maxCompressedLength(length)];
    int op = writeVarint(out, 0, length);
    int[] table = new int[1 << HASH_BITS];
    for (int blockStart = 0; blockStart < length; blockStart += BLOCK) {
      int blockEnd = Math.min(blockStart + BLOCK, length);
      op = compressBlock(in, blockStart, blockEnd, out, op, table);
    }
    return Arrays.copyOf(out, op);
  }

  private static int compressBlock(byte[] in, int start, int end, byte[] out, int op, int[] table) {
    Arrays.fill(table, -1);
    int literalStart = start;
    int i = start;
    int lastCandidate = end - MIN_MATCH;
    while (i <= lastCandidate) {
      int word = readInt(in, i);
      int h = hash(word);
      int candidate = table[h];
      table[h] = i;
      if (candidate >= start && readInt(in, candidate) == word) {
        int length = MIN_MATCH;
        while (i + length < end && in[candidate + length] == in[i + length]) {
          length++;
        }
        op = writeLiteral(in, literalStart, i - literalStart, out, op);
        op = writeCopy(i - candidate, length, out, op);
        i += length;
        literalStart = i;
      } else {
        i++;
      }
    }
    return writeLiteral(in, literalStart, end - literalStart, out, op);
  }

  private static int hash(int word) {
    return (word * 0x1E35A7BD) >>> (32 - HASH_BITS);
  }

  private static int readInt(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }

  private static int writeVarint(byte[] out, int op, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out[op++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[op++] = (byte) v;
    return op;
  }

  private static int writeLiteral(byte[] in, int from, int length, byte[] out, int op) {
    if (length == 0) {
      return op;
    }
    int n = length - 1;
    if (n < 60) {
      out[op++] = (byte) (n << 2);
    } else {
      int bytes = n < (1 << 8) ? 1 : n < (1 << 16) ? 2 : n < (1 << 24) ? 3 : 4;
      out[op++] = (byte) ((59 + bytes) << 2);
      for (int k = 0; k < bytes; k++) {
        out[op++] = (byte) (n >>> (8 * k));
      }
    }
    System.arraycopy(in, from, out, op, length);
    return op + length;
  }

  private static int writeCopy(int offset, int length, byte[] out, int op) {
    int left = length;
    while (left > 0) {
      // Keep every piece at least 4 long, so the last one may use the short form.
      int piece = left > 64 ? (left - 64 < MIN_MATCH ? 60 : 64) : left;
      if (piece >= 4 && piece <= 11 && offset < 2048) {
        out[op++] = (byte) (1 | (piece - 4) << 2 | (offset >>> 8) << 5);
        out[op++] = (byte) offset;
      } else {
        out[op++] = (byte) (2 | (piece - 1) << 2);
        out[op++] = (byte) offset;
        out[op++] = (byte) (offset >>> 8);
      }
      left -= piece;
    }
    return op;
  }

  /**
   * Decompresses {@code in[offset, offset + length)}, which must hold exactly {@code expected} bytes of data; an
   * {@link IOException} naming what is wrong for anything else (a bad tag, a copy before the start, a length
   * that disagrees), so a corrupt page fails loudly rather than yielding wrong values.
   */
  static byte[] decompress(byte[] in, int offset, int length, int expected) throws IOException {
    int ip = offset;
    int end = offset + length;
    long declared = 0;
    for (int shift = 0; ; shift += 7) {
      if (ip >= end || shift > 28) {
        throw new IOException("snappy data has a malformed length header");
      }
      int b = in[ip++] & 0xFF;
      declared |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        break;
      }
    }
    if (declared != expected) {
      throw new IOException("snappy data holds " + declared + " bytes but the page header says " + expected);
    }
    byte[] out = new byte[expected];
    int op = 0;
    while (ip < end) {
      int tag = in[ip++] & 0xFF;
      int kind = tag & 3;
      if (kind == 0) {
        int n = tag >>> 2;
        if (n >= 60) {
          int bytes = n - 59;
          if (ip + bytes > end) {
            throw new IOException("snappy literal length runs past the end of the data");
          }
          n = 0;
          for (int k = 0; k < bytes; k++) {
            n |= (in[ip++] & 0xFF) << (8 * k);
          }
        }
        long literal = (n & 0xFFFFFFFFL) + 1;
        if (literal > end - ip || literal > expected - op) {
          throw new IOException("snappy literal of " + literal + " bytes runs past the end of the data");
        }
        System.arraycopy(in, ip, out, op, (int) literal);
        ip += (int) literal;
        op += (int) literal;
      } else {
        int copyLength;
        int distance;
        if (kind == 1) {
          if (ip >= end) {
            throw new IOException("snappy copy is cut off");
          }
          copyLength = 4 + ((tag >>> 2) & 7);
          distance = (tag >>> 5) << 8 | (in[ip++] & 0xFF);
        } else {
          int bytes = kind == 2 ? 2 : 4;
          if (ip + bytes > end) {
            throw new IOException("snappy copy is cut off");
          }
          copyLength = 1 + (tag >>> 2);
          distance = 0;
          for (int k = 0; k < bytes; k++) {
            distance |= (in[ip++] & 0xFF) << (8 * k);
          }
        }
        if (distance <= 0 || distance > op) {
          throw new IOException("snappy copy refers to distance " + Integer.toUnsignedString(distance) + " at output "
              + "position " + op);
        }
        if (copyLength > expected - op) {
          throw new IOException("snappy copy runs past the declared length " + expected);
        }
        int from = op - distance;
        if (distance >= copyLength) {
          System.arraycopy(out, from, out, op, copyLength);
          op += copyLength;
        } else {
          for (int k = 0; k < copyLength; k++) {
            out[op++] = out[from + k];
          }
        }
      }
    }
    if (op != expected) {
      throw new IOException("snappy data ends after " + op + " of " + expected + " bytes");
    }
    return out;
  }
}
