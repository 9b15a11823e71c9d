package dev.mlops.core;

/**
 * The storage underneath failed (an I/O error, a full disk, a refused request). The cause carries the underlying error.
 *
 * <p>Stability: stable.
 */
public class StorageException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public StorageException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
