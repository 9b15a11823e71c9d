package dev.mlops.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An output stream that computes the SHA-256 and counts the bytes of everything written through it, so
 * data is hashed while it is written. Wrap {@link OutputStream#nullOutputStream()} to hash without
 * storing.
 *
 * <pre>{@code
 * try (HashingOutputStream out = HashingOutputStream.of(Files.newOutputStream(tmp))) {
 *   frameWriter.write(out);
 *   out.flush();
 *   record(out.byteCount(), out.sha256());
 * }
 * }</pre>
 *
 * <p>Closing closes the wrapped stream. Not thread-safe, like any stream.
 *
 * <p>Stability: stable.
 */
public final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest digest = Sha256.newDigest();
  private long count;
  private String hex;

  private HashingOutputStream(OutputStream out) {
    super(Objects.requireNonNull(out, "out"));
  }

  /**
   * Hashes what is written to {@code out}.
   *
   * <pre>{@code
   * HashingOutputStream out = HashingOutputStream.of(OutputStream.nullOutputStream());
   * }</pre>
   */
  public static HashingOutputStream of(OutputStream out) {
    return new HashingOutputStream(out);
  }

  @Override
  public void write(int b) throws IOException {
    requireOpenDigest();
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    requireOpenDigest();
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  /** The number of bytes written (and hashed) so far. */
  public long byteCount() {
    return count;
  }

  /**
   * The lower-case hex SHA-256 of the bytes written so far. Calling it finishes the digest: writing
   * afterwards throws {@link IllegalStateException}, while further calls return the same value.
   */
  public String sha256() {
    if (hex == null) {
      hex = Hex.encode(digest.digest());
    }
    return hex;
  }

  private void requireOpenDigest() {
    if (hex != null) {
      throw new IllegalStateException("HashingOutputStream: cannot write after sha256() finished the digest of "
          + count + " bytes; call sha256() only when done writing");
    }
  }
}
