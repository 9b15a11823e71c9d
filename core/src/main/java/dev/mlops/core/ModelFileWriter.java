package dev.mlops.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a {@link ModelCodec} writes the files of a model: one stream per file path, named with
 * {@code '/'}-separated relative paths ({@code "model.pb"}, {@code "vocab/tokens.txt"}).
 *
 * <p>Stability: experimental.
 */
public interface ModelFileWriter {

  /**
   * Creates the file {@code path} of the model and returns a stream to write it; the caller closes it.
   *
   * @throws ValidationException if {@code path} is not a valid relative path or was already created
   */
  OutputStream create(String path) throws IOException;
}
