package dev.mlops.core;

/**
 * The root of every exception MLOps Commons throws. Unchecked; the cause, when there is one, is always
 * chained. Catch a subclass to act on a kind of failure ({@link NotFoundException},
 * {@link ConflictException}, {@link IntegrityException}, {@link ValidationException},
 * {@link StorageException}); catch this one to handle them all.
 *
 * <p>Stability: stable.
 */
public class MlopsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MlopsException(String message) {
    super(message);
  }

  public MlopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
