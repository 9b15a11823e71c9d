package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 digests as lower-case hex strings: the content address of every blob, snapshot and model file.
 * For data that streams, wrap the stream in a {@link HashingInputStream} or {@link HashingOutputStream}
 * instead of reading it twice.
 *
 * <pre>{@code
 * Sha256.ofUtf8("abc");                     // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * String d = Sha256.of(Path.of("model.onnx"));
 * Sha256.verify(expected, d, "model.onnx"); // IntegrityException naming the file and both digests
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class Sha256 {
  /** The algorithm name understood by {@link MessageDigest}. */
  public static final String ALGORITHM = "SHA-256";

  /** The length of a digest in hex characters. */
  public static final int HEX_LENGTH = 64;

  private static final int BUFFER_SIZE = 64 * 1024;

  private Sha256() {}

  /**
   * A fresh SHA-256 {@link MessageDigest}, for callers that feed a digest themselves.
   *
   * <pre>{@code
   * MessageDigest md = Sha256.newDigest();
   * md.update(header);
   * md.update(body);
   * String hex = Hex.encode(md.digest());
   * }</pre>
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256 (java.security.MessageDigest javadoc).
      throw new IllegalStateException("this JVM provides no " + ALGORITHM + " MessageDigest", e);
    }
  }

  /**
   * The digest of {@code bytes}.
   *
   * <pre>{@code
   * Sha256.of(new byte[0]);   // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
   * }</pre>
   */
  public static String of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return Hex.encode(newDigest().digest(bytes));
  }

  /**
   * The digest of the UTF-8 encoding of {@code text}.
   *
   * <pre>{@code
   * Sha256.ofUtf8("abc");   // "ba7816bf..."
   * }</pre>
   */
  public static String ofUtf8(String text) {
    Objects.requireNonNull(text, "text");
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The digest of the file at {@code file}, read as a stream (any size).
   *
   * <pre>{@code
   * String d = Sha256.of(Path.of("data/train.csv"));
   * }</pre>
   *
   * @throws StorageException if the file cannot be read; the message names it
   */
  public static String of(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("cannot read " + file + " to compute its " + ALGORITHM + ": " + e.getMessage(), e);
    }
  }

  /**
   * The digest of everything that remains in {@code in}, read to its end. The stream is not closed: the
   * caller that opened it closes it.
   *
   * <pre>{@code
   * try (InputStream in = url.openStream()) {
   *   String d = Sha256.of(in);
   * }
   * }</pre>
   *
   * @throws UncheckedIOException if reading fails
   */
  public static String of(InputStream in) {
    Objects.requireNonNull(in, "in");
    MessageDigest md = newDigest();
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stream to compute its " + ALGORITHM + ": " + e.getMessage(), e);
    }
    return Hex.encode(md.digest());
  }

  /**
   * Whether {@code hex} has the form of a digest: exactly 64 lower-case hex characters.
   *
   * <pre>{@code
   * Sha256.isDigest("e3b0c442...b855");   // true
   * Sha256.isDigest("E3B0C442...B855");   // false: digests are lower case
   * }</pre>
   */
  public static boolean isDigest(String hex) {
    if (hex == null || hex.length() != HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = hex.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code hex} itself if {@link #isDigest it has the form of a digest}, otherwise a
   * {@link ValidationException} naming {@code what}.
   *
   * <pre>{@code
   * String d = Sha256.requireDigest(json.sha256(), "input 'train.csv'");
   * }</pre>
   */
  public static String requireDigest(String hex, String what) {
    if (!isDigest(hex)) {
      throw new ValidationException("the " + ALGORITHM + " of " + what + " is "
          + (hex == null ? "missing" : "'" + hex + "'")
          + "; expected " + HEX_LENGTH + " lower-case hex characters");
    }
    return hex;
  }

  /**
   * Checks that the digest of what was read ({@code actual}) is the one recorded ({@code expected}).
   * Digests compare case-insensitively, so an upper-case recorded digest still matches.
   *
   * <pre>{@code
   * Sha256.verify(manifest.sha256(), Sha256.of(file), "model.onnx");
   * }</pre>
   *
   * @param what names the data, e.g. the file or blob key; it appears in the message
   * @throws IntegrityException if they differ; the message names {@code what} and both digests
   */
  public static void verify(String expected, String actual, String what) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
    if (!expected.equalsIgnoreCase(actual)) {
      throw new IntegrityException(what + " is corrupted or was changed: its " + ALGORITHM + " is " + actual
          + " but " + expected + " was recorded; fetch it again from a good copy and do not use these bytes");
    }
  }
}
