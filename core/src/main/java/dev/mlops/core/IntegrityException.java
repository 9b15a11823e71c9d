package dev.mlops.core;

/**
 * Stored bytes are not what was written: a digest, size or signature does not match. The message names the file and both digests. Never retry blindly: the data is corrupted or tampered.
 *
 * <p>Stability: stable.
 */
public class IntegrityException extends MlopsException {
  private static final long serialVersionUID = 1L;

  public IntegrityException(String message) {
    super(message);
  }

  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
