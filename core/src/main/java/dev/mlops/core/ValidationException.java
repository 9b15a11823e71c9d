package dev.mlops.core;

/**
 * Input was rejected: an invalid key or name, a malformed CSV row, a column of the wrong type, an option out of range.
 * The message names the thing, the value, what was expected and how to fix it.
 *
 * <p>Stability: stable.
 */
public class ValidationException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public ValidationException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
