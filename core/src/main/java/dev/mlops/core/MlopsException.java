package dev.mlops.core;

/**
 * The root of every exception MLOps Commons throws. Unchecked; the cause, when there is one, is always
 * chained. Catch a subclass to act on a kind of failure ({@link NotFoundException},
 * {@link ConflictException}, {@link IntegrityException}, {@link ValidationException},
 * {@link StorageException}); catch this one to handle them all.
 *
 * <pre>{@code
 * try {
 *   frame.column("age");
 * } catch (NotFoundException e) {
 *   System.out.println(e.getMessage());   // no column 'age'; the columns are [id, x]
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public class MlopsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}, which names the thing, the value, what was expected and the fix.
   *
   * @param message the message
   */
  public MlopsException(String message) {
    super(message);
  }

  /**
   * An exception with {@code message} caused by {@code cause}, which is chained so its stack trace is kept.
   *
   * @param message the message
   * @param cause the underlying error
   */
  public MlopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
