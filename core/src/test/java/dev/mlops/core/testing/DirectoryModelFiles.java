package dev.mlops.core.testing;

import dev.mlops.core.BlobKeys;
import dev.mlops.core.ModelFileReader;
import dev.mlops.core.ModelFileWriter;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of one model as plain files under a directory, both as a {@link ModelFileWriter} and as a
 * {@link ModelFileReader}, for testing a {@code ModelCodec} without a model store. Unlike the store's reader
 * it does not re-hash what it reads: a test may change a file (see {@link #file(String)}) and see what the
 * codec itself makes of it. Paths follow the {@link BlobKeys} rules.
 *
 * <pre>{@code
 * DirectoryModelFiles files = DirectoryModelFiles.in(tempDir);
 * codec.write(model, files);
 * Model<Label> back = codec.read(files);
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public final class DirectoryModelFiles implements ModelFileWriter, ModelFileReader {
  private final Path root;

  private DirectoryModelFiles(Path root) {
    this.root = root;
  }

  /** The model files under {@code directory}, which is created if missing. */
  public static DirectoryModelFiles in(Path directory) {
    try {
      return new DirectoryModelFiles(Files.createDirectories(Objects.requireNonNull(directory, "directory")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** Where the model file {@code path} is (or would be) on disk, to inspect or change it in a test. */
  public Path file(String path) {
    return root.resolve(BlobKeys.check(path));
  }

  @Override
  public OutputStream create(String path) throws IOException {
    Path file = file(path);
    Files.createDirectories(file.getParent());
    try {
      return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new ValidationException("model file '" + path + "' was already created; create each file once", e);
    }
  }

  @Override
  public Set<String> paths() {
    try (Stream<Path> files = Files.walk(root)) {
      TreeSet<String> paths = new TreeSet<>();
      files.filter(Files::isRegularFile)
          .forEach(f -> paths.add(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/")));
      return Collections.unmodifiableSortedSet(paths);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long size(String path) {
    try {
      return Files.size(file(path));
    } catch (NoSuchFileException e) {
      throw notFound(path, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    try {
      return Files.newInputStream(file(path));
    } catch (NoSuchFileException e) {
      throw notFound(path, e);
    }
  }

  private NotFoundException notFound(String path, IOException cause) {
    return new NotFoundException("no model file '" + path + "' under " + root + "; the files are " + paths(), cause);
  }

  @Override
  public String toString() {
    return "DirectoryModelFiles[" + root + "]";
  }
}
