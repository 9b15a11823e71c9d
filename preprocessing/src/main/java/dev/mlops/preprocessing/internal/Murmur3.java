package dev.mlops.preprocessing.internal;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain algorithm), written from its description: the hash
 * scikit-learn's FeatureHasher and HashingVectorizer use (seed 0, over the UTF-8 bytes, read as a signed int), so that
 * hashed features land in the same columns as there. Not API.
 */
public final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /** The hash of {@code text}'s UTF-8 bytes. */
  public static int hash32(String text, int seed) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return hash32(b, 0, b.length, seed);
  }

  /** The hash of {@code data[off, off + len)}. */
  public static int hash32(byte[] data, int off, int len, int seed) {
    int h = seed;
    int blocks = len >>> 2;
    for (int i = 0; i < blocks; i++) {
      int p = off + (i << 2);
      int k = (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff) << 16 | (data[p + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int tail = off + (blocks << 2);
    int rest = len & 3;
    if (rest > 0) {
      int k = 0;
      if (rest == 3) {
        k ^= (data[tail + 2] & 0xff) << 16;
      }
      if (rest >= 2) {
        k ^= (data[tail + 1] & 0xff) << 8;
      }
      k ^= data[tail] & 0xff;
      h ^= mixK(k);
    }
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    return Integer.rotateLeft(k * C1, 15) * C2;
  }
}
