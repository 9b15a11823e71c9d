package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A version being put together: files and metadata, published by {@link #commit()}. Made by
 * {@link ModelStore#publish(String)}.
 *
 * <pre>{@code
 * ModelVersion v = store.publish("churn")
 *     .file("model.onnx", Path.of("build/model.onnx"))
 *     .file("labels.txt", "no\nyes\n".getBytes(UTF_8))
 *     .metadata(ModelMetadata.builder().framework("onnx", "1.17").metric("auc", 0.91).build())
 *     .commit();
 * }</pre>
 *
 * <p>Nothing is written before {@link #commit()}; streams are read then (and not closed), files are opened
 * then. Not thread-safe; commit once.
 *
 * <p>Stability: stable.
 */
public final class Publication {
  /** Where a file's bytes come from. */
  interface Source {
    InputStream open() throws IOException;

    boolean closeAfter();
  }

  private final ModelWrites writes;
  private final String name;
  private final Map<String, Source> files = new LinkedHashMap<>();
  private ModelMetadata metadata = ModelMetadata.EMPTY;
  private boolean committed;

  Publication(ModelWrites writes, String name) {
    this.writes = writes;
    this.name = ModelNames.checkModel(name);
  }

  /** Adds the file {@code source} as {@code path}; it is read at {@link #commit()}. */
  public Publication file(String path, Path source) {
    Objects.requireNonNull(source, "source");
    if (!Files.isRegularFile(source)) {
      throw new ValidationException("cannot publish '" + source + "' as file '" + path + "' of model '" + name
          + "': it is not a regular file");
    }
    return add(path, new Source() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(source);
      }

      @Override
      public boolean closeAfter() {
        return true;
      }
    });
  }

  /** Adds the bytes of {@code data} as {@code path}; the stream is read at {@link #commit()} and not closed. */
  public Publication file(String path, InputStream data) {
    Objects.requireNonNull(data, "data");
    return add(path, new Source() {
      @Override
      public InputStream open() {
        return data;
      }

      @Override
      public boolean closeAfter() {
        return false;
      }
    });
  }

  /** Adds {@code bytes} as {@code path}. */
  public Publication file(String path, byte[] bytes) {
    byte[] copy = bytes.clone();
    return add(path, new Source() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(copy);
      }

      @Override
      public boolean closeAfter() {
        return true;
      }
    });
  }

  /** Every regular file under {@code dir}, by its relative path (sorted), as {@link #file(String, Path)}. */
  public Publication directory(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        file(dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'), p);
      }
    } catch (IOException e) {
      throw new StorageException("cannot list directory '" + dir + "' to publish it as model '" + name + "'", e);
    }
    return this;
  }

  /** The metadata (replaces any set before). */
  public Publication metadata(ModelMetadata value) {
    metadata = Objects.requireNonNull(value, "metadata");
    return this;
  }

  /**
   * Publishes the version: uploads the files content-addressed, then creates the manifest under the next free
   * version number. Either the whole version becomes visible or none of it does.
   *
   * @throws ValidationException if no file was added or the metadata is not valid
   * @throws StorageException if reading a source or writing fails (nothing becomes visible)
   */
  public ModelVersion commit() {
    if (committed) {
      throw new IllegalStateException("this publication of model '" + name + "' was already committed; start a new "
          + "one with store.publish(name)");
    }
    if (files.isEmpty()) {
      throw new ValidationException("publication of model '" + name + "' has no files; add at least one with "
          + ".file(path, source)");
    }
    committed = true;
    return writes.publish(name, files, metadata);
  }

  private Publication add(String path, Source source) {
    ModelNames.checkFilePath(path);
    if (files.putIfAbsent(path, source) != null) {
      throw new ValidationException("file '" + path + "' added twice to the publication of model '" + name
          + "'; each path appears once");
    }
    return this;
  }
}
