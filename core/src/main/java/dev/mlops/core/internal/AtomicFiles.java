package dev.mlops.core.internal;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file so that a reader sees the old file or the new one, never half of one (not API): write a temp
 * file next to it, fsync, rename over it. A failed write leaves the previous file unchanged.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes the new content; the stream is closed after it returns. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code path} with what {@code content} writes.
   *
   * @param what what the file is, for the error message ("CSV file", "pipeline")
   * @throws StorageException naming the file and saying the previous one is unchanged
   */
  public static void replace(Path path, String what, Content content) {
    Path target = path.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("could not write " + what + " " + target + ": " + e.getMessage()
          + "; the previous file, if any, is unchanged", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // The write already failed; the temp file name starts with a dot and ends in .tmp.
        }
      }
    }
  }
}
