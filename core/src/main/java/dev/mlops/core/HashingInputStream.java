package dev.mlops.core;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An input stream that computes the SHA-256 and counts the bytes of everything read through it, so data
 * is hashed while it is consumed, never read twice. Skipped bytes are read and hashed too; mark and
 * reset are not supported.
 *
 * <pre>{@code
 * try (HashingInputStream in = HashingInputStream.of(Files.newInputStream(file))) {
 *   Frame f = Csv.read(in);
 *   String digest = in.sha256();   // of the bytes read so far
 * }
 *
 * // or: fail on the last read when the content does not match what was recorded
 * try (InputStream in = HashingInputStream.verifying(blob, manifest.sha256(), "model.onnx")) {
 *   in.transferTo(out);            // IntegrityException at end of stream on a mismatch
 * }
 * }</pre>
 *
 * <p>Closing closes the wrapped stream. Not thread-safe, like any stream.
 *
 * <p>Stability: stable.
 */
public final class HashingInputStream extends FilterInputStream {
  private final MessageDigest digest = Sha256.newDigest();
  private final String expected;
  private final String what;
  private long count;
  private boolean ended;
  private String hex;

  private HashingInputStream(InputStream in, String expected, String what) {
    super(Objects.requireNonNull(in, "in"));
    this.expected = expected;
    this.what = what;
  }

  /**
   * Hashes what is read from {@code in}.
   *
   * <pre>{@code
   * HashingInputStream in = HashingInputStream.of(socket.getInputStream());
   * }</pre>
   */
  public static HashingInputStream of(InputStream in) {
    return new HashingInputStream(in, null, null);
  }

  /**
   * Hashes what is read from {@code in} and, when the end of the stream is reached, checks the digest
   * against {@code expectedSha256}: the read that reaches the end throws an {@link IntegrityException}
   * naming {@code what} and both digests if they differ. A reader that stops early is not checked.
   *
   * <pre>{@code
   * InputStream in = HashingInputStream.verifying(store.get(key), sha256, key);
   * }</pre>
   */
  public static HashingInputStream verifying(InputStream in, String expectedSha256, String what) {
    Objects.requireNonNull(expectedSha256, "expectedSha256");
    Objects.requireNonNull(what, "what");
    return new HashingInputStream(in, expectedSha256, what);
  }

  @Override
  public int read() throws IOException {
    requireOpenDigest();
    int b = in.read();
    if (b < 0) {
      atEnd();
    } else {
      digest.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    requireOpenDigest();
    int n = in.read(b, off, len);
    if (n < 0) {
      atEnd();
    } else {
      digest.update(b, off, n);
      count += n;
    }
    return n;
  }

  /** Reads and hashes up to {@code n} bytes, so skipped bytes still count toward the digest. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readlimit) {
    // Not supported: a reset would hash the same bytes twice.
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("HashingInputStream does not support mark/reset: re-read bytes would be hashed twice");
  }

  /** The number of bytes read (and hashed) so far. */
  public long byteCount() {
    return count;
  }

  /**
   * The lower-case hex SHA-256 of the bytes read so far. Calling it finishes the digest: reading
   * afterwards throws {@link IllegalStateException}, while further calls return the same value.
   */
  public String sha256() {
    if (hex == null) {
      hex = Hex.encode(digest.digest());
    }
    return hex;
  }

  private void requireOpenDigest() {
    if (hex != null && !ended) {
      throw new IllegalStateException("HashingInputStream: cannot read after sha256() finished the digest of "
          + count + " bytes; call sha256() only when done reading");
    }
  }

  private void atEnd() {
    ended = true;
    if (expected != null) {
      Sha256.verify(expected, sha256(), what);
    }
  }
}
