package dev.mlops.core.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic stream of {@code size} pseudo-random bytes, generated as it is read, so tests can put and
 * check blobs of gigabytes with a small heap. Every 64 KiB block repeats one random block but starts with its
 * own index, so a lost, repeated or reordered block changes the content. Optionally digests what it emits.
 *
 * <pre>{@code
 * GeneratedInputStream in = GeneratedInputStream.of(64 << 20, 7).digesting();
 * store.put("big", in);
 * assertEquals(in.sha256(), store.stat("big").orElseThrow().sha256());
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public final class GeneratedInputStream extends InputStream {
  static final int BLOCK = 64 * 1024;

  private final long size;
  private final byte[] base;
  private long pos;
  private MessageDigest digest;
  private boolean closed;

  private GeneratedInputStream(long size, long seed) {
    this.size = size;
    this.base = new byte[BLOCK];
    new SplittableRandom(seed).nextBytes(base);
  }

  /** {@code size} bytes from {@code seed}; the same arguments give the same bytes. */
  public static GeneratedInputStream of(long size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("size is " + size + "; it must be zero or more");
    }
    return new GeneratedInputStream(size, seed);
  }

  /** Makes this stream compute the SHA-256 of what it emits; read it with {@link #sha256()} at the end. */
  public GeneratedInputStream digesting() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** The SHA-256 (lower-case hex) of the bytes emitted so far; call once, after the end. */
  public String sha256() {
    if (digest == null) {
      throw new IllegalStateException("call digesting() before reading");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** How many bytes have been read. */
  public long position() {
    return pos;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (pos >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - pos);
    int done = 0;
    while (done < n) {
      int inBlock = (int) ((pos + done) % BLOCK);
      int m = Math.min(n - done, BLOCK - inBlock);
      System.arraycopy(base, inBlock, b, off + done, m);
      long block = (pos + done) / BLOCK;
      for (int i = inBlock; i < 8 && i < inBlock + m; i++) {
        b[off + done + i - inBlock] ^= (byte) (block >>> (8 * (7 - i)));
      }
      done += m;
    }
    if (digest != null) {
      digest.update(b, off, n);
    }
    pos += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }
}
