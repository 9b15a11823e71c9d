package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The files of a model version as a {@link ModelCodec} reads them. Every stream re-hashes its bytes and the
 * read that reaches the end throws an {@link IntegrityException} naming the file and both digests if they
 * differ from the manifest.
 *
 * <p>Stability: experimental.
 */
public interface ModelFileReader {

  /** The paths of the version's files, in ascending order. */
  Set<String> paths();

  /** The size in bytes of the file {@code path}, as the manifest records it. */
  long size(String path);

  /**
   * Opens the file {@code path}; the caller closes it.
   *
   * @throws NotFoundException if the version has no such file
   */
  InputStream open(String path) throws IOException;
}
