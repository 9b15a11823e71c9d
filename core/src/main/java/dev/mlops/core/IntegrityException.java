package dev.mlops.core;

/**
 * Stored bytes are not what was written: a digest, size or signature does not match. The message names the file and
 * both digests. Never retry blindly: the data is corrupted or tampered.
 *
 * <p>Stability: stable.
 */
public class IntegrityException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public IntegrityException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
