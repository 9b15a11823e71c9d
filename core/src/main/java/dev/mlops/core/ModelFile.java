package dev.mlops.core;

import java.util.Objects;

/**
 * One file of a model version as its manifest lists it: the relative path, the size and the SHA-256 of the
 * bytes. The bytes live once in the store, content-addressed by the digest.
 *
 * <p>Stability: stable.
 *
 * @param path the file's relative path in the version, {@code '/'}-separated ({@code "model.pb"})
 * @param size its size in bytes
 * @param sha256 the lower-case hex SHA-256 of its bytes
 */
public record ModelFile(String path, long size, String sha256) {

  /** Validates the path, size and digest. */
  public ModelFile {
    ModelNames.checkFilePath(path);
    if (size < 0) {
      throw new ValidationException("file '" + path + "' has size " + size + "; sizes are at least 0");
    }
    Sha256.requireDigest(Objects.requireNonNull(sha256, "sha256"), "sha256 of file '" + path + "'");
  }
}
