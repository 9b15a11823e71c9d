package dev.mlops.core;

/**
 * An operation collided with existing state, for example a conditional create of a key that already exists. Retrying
 * with fresh state may succeed.
 *
 * <p>Stability: stable.
 */
public class ConflictException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public ConflictException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
