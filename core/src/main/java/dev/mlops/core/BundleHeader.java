package dev.mlops.core;

import java.util.List;
import java.util.Objects;

/**
 * {@code bundle.json}, the first entry of a model bundle: what the bundle holds, so a reader (or a person with
 * {@code unzip -p x.mlbundle bundle.json}) knows the version and its files before the record and the blobs. It
 * repeats what the record's manifest says, and an import checks that the two agree. It holds nothing that changes
 * between two exports of the same version (no export time, no exporting user), so bundles are reproducible. Not API.
 *
 * @param format {@value #FORMAT}
 * @param name the model's name
 * @param version the version number
 * @param manifestSha256 the SHA-256 of the manifest's canonical JSON
 * @param files the manifest's files; each distinct digest is one entry {@code blobs/sha256/HEX}
 * @param totalBytes the size of the files
 * @param libraryVersion the MLOps Commons version that wrote the bundle
 * @param annotation the version's current tags and description if they were updated after publishing (not covered
 *     by signatures, as in the store), or {@code null}
 */
record BundleHeader(String format, String name, int version, String manifestSha256, List<ModelFile> files,
    long totalBytes, String libraryVersion, VersionAnnotation annotation) {
  static final String FORMAT = "mlops-model-bundle@1";

  BundleHeader {
    if (!FORMAT.equals(format)) {
      throw new ValidationException("model bundle format '" + format + "' is not one this library reads (" + FORMAT
          + "); upgrade MLOps Commons to import it");
    }
    ModelNames.checkModel(name);
    Sha256.requireDigest(manifestSha256, "the manifest in bundle.json");
    files = List.copyOf(Objects.requireNonNull(files, "files"));
    Objects.requireNonNull(libraryVersion, "libraryVersion");
  }
}
