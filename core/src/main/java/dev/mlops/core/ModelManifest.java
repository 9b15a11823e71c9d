package dev.mlops.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable record of one model version: which files (path, size, SHA-256), which metadata, who
 * published it and when. Its canonical JSON is what signatures cover and what {@link #sha256()} hashes, so a
 * manifest identifies its version's content exactly, in any store.
 *
 * <p>Stability: stable (the format is versioned by {@link #format()}).
 *
 * @param format the manifest format, {@value #FORMAT}
 * @param name the model's name
 * @param version the version number, 1, 2, 3... per model
 * @param files the files, sorted by path
 * @param metadata the model card
 * @param publishedAt when the version was published
 * @param publishedBy who published it
 * @param libraryVersion the MLOps Commons version that wrote it
 */
public record ModelManifest(String format, String name, int version, List<ModelFile> files, ModelMetadata metadata,
    Instant publishedAt, String publishedBy, String libraryVersion) {

  /** The manifest format this library writes and reads. */
  public static final String FORMAT = "mlops-model-manifest@1";

  /** Validates: known format, valid name, positive version, at least one file, distinct paths. */
  public ModelManifest {
    if (!FORMAT.equals(format)) {
      throw new ValidationException("model manifest format '" + format + "' is not one this library reads ("
          + FORMAT + "); upgrade MLOps Commons to read it");
    }
    ModelNames.checkModel(name);
    if (version < 1) {
      throw new ValidationException("version " + version + " of model '" + name + "' is not valid; versions start at 1");
    }
    Objects.requireNonNull(files, "files");
    if (files.isEmpty()) {
      throw new ValidationException("model '" + name + "' version " + version + " lists no files; a version has at "
          + "least one");
    }
    List<ModelFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(ModelFile::path));
    Set<String> seen = new HashSet<>();
    for (ModelFile f : sorted) {
      if (!seen.add(f.path())) {
        throw new ValidationException("model '" + name + "' version " + version + " lists file '" + f.path()
            + "' twice; each path appears once");
      }
    }
    files = List.copyOf(sorted);
    metadata = metadata == null ? ModelMetadata.EMPTY : metadata;
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(publishedBy, "publishedBy");
    Objects.requireNonNull(libraryVersion, "libraryVersion");
  }

  /** The canonical JSON bytes: what signatures cover. */
  public byte[] canonicalBytes() {
    return Json.canonicalBytes(this);
  }

  /** The SHA-256 of {@link #canonicalBytes()}: the version's content id. */
  public String sha256() {
    return Sha256.of(canonicalBytes());
  }

  /** The file with {@code path}, or a {@link NotFoundException} listing the version's files. */
  public ModelFile file(String path) {
    for (ModelFile f : files) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    throw new NotFoundException("model '" + name + "' version " + version + " has no file '"
        + BlobKeys.escape(String.valueOf(path)) + "'; its files are " + files.stream().map(ModelFile::path).toList());
  }

  /** The total size of the files in bytes. */
  public long totalSize() {
    return files.stream().mapToLong(ModelFile::size).sum();
  }
}
