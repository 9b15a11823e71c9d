package dev.mlops.core;

/**
 * The storage underneath failed (an I/O error, a full disk, a refused request). The cause carries the underlying error.
 *
 * <p>Stability: stable.
 */
public class StorageException extends MlopsException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
