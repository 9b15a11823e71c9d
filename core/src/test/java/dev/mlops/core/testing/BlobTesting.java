package dev.mlops.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Helpers for blob store tests: an independent SHA-256 and a streaming content comparison.
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public final class BlobTesting {
  private BlobTesting() {}

  /** The SHA-256 of {@code data} as lower-case hex, computed with the JDK directly. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts that both streams hold the same bytes, reading them in step (no whole copy in memory). */
  public static void assertSameContent(InputStream expected, InputStream actual) {
    byte[] a = new byte[64 * 1024];
    byte[] b = new byte[64 * 1024];
    long offset = 0;
    try {
      while (true) {
        int n = expected.readNBytes(a, 0, a.length);
        int m = actual.readNBytes(b, 0, n == 0 ? 1 : n);
        if (n == 0) {
          assertEquals(0, m, "actual content is longer than the expected " + offset + " bytes");
          return;
        }
        if (m != n) {
          fail("actual content ends at " + (offset + m) + " bytes; expected more");
        }
        int mismatch = java.util.Arrays.mismatch(a, 0, n, b, 0, n);
        if (mismatch >= 0) {
          fail("content differs at byte " + (offset + mismatch));
        }
        offset += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
