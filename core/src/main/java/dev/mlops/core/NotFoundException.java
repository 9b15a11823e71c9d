package dev.mlops.core;

/**
 * Something asked for does not exist: a key, a column, a model version. The message names it and, where it helps, what does exist.
 *
 * <p>Stability: stable.
 */
public class NotFoundException extends MlopsException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
