package dev.mlops.core;

/**
 * An operation collided with existing state, for example a conditional create of a key that already exists. Retrying with fresh state may succeed.
 *
 * <p>Stability: stable.
 */
public class ConflictException extends MlopsException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
