package dev.mlops.core;

/**
 * Something asked for does not exist: a key, a column, a model version. The message names it and, where it helps, what
 * does exist.
 *
 * <p>Stability: stable.
 */
public class NotFoundException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
