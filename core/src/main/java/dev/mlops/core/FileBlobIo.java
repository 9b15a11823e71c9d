package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations of {@link FileBlobStore}: streaming a temp file while hashing, hashing, creating directories,
 * cleaning up. Not API.
 */
final class FileBlobIo {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  private static final int BUFFER = 64 * 1024;

  private FileBlobIo() {}

  /** What was written to a temp file: its digest and its attributes (kept by the rename or link). */
  record Written(String sha256, BasicFileAttributes attrs) {}

  /**
   * Streams {@code data} into the new file {@code tmp} while another thread hashes it (see
   * {@link PipelinedSha256}), then fsyncs the file.
   */
  static Written writeTemp(String key, Path tmp, InputStream data, String store) throws IOException {
    PipelinedSha256.Result r;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      EarlySync out = new EarlySync(ch);
      try {
        r = PipelinedSha256.copy(data, out);
      } catch (PipelinedSha256.SourceException e) {
        throw new StorageException("reading the data for blob '" + BlobKeys.escape(key) + "' failed after "
            + e.bytesRead() + " bytes; nothing was stored in " + store, e.getCause());
      } finally {
        out.awaitInFlight();
      }
      ch.force(true);
    }
    return new Written(r.sha256(), Files.readAttributes(tmp, BasicFileAttributes.class));
  }

  /**
   * Writes to a file and, each time {@value #SYNC_EVERY} more bytes are written, starts an fsync of what is there
   * on a background thread (if none is running), so that the disk writes while the copy goes on and the final
   * fsync finds little left to do. Measured on a 1 GiB publish: the final fsync alone took about 0.75 s, as long
   * as hashing the whole file; overlapped, the two nearly coincide. Small blobs never start one.
   */
  static final class EarlySync implements WritableByteChannel {
    static final long SYNC_EVERY = 32L << 20;
    private final FileChannel ch;
    private long sinceSync;
    private Future<?> inFlight;

    EarlySync(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = ch.write(src);
      sinceSync += n;
      if (sinceSync >= SYNC_EVERY && (inFlight == null || inFlight.isDone())) {
        awaitInFlight();
        sinceSync = 0;
        inFlight = PipelinedSha256.background().submit(() -> {
          ch.force(false);
          return null;
        });
      }
      return n;
    }

    /** Waits for the running fsync, if any, and rethrows its failure. */
    void awaitInFlight() throws IOException {
      if (inFlight == null) {
        return;
      }
      try {
        inFlight.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for an fsync");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IllegalStateException("fsync failed", e.getCause());
      } finally {
        inFlight = null;
      }
    }

    @Override
    public boolean isOpen() {
      return ch.isOpen();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /** The SHA-256 of the file {@code p}, streamed. */
  static String hashFile(Path p) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return Hex.encode(digest.digest());
  }

  /**
   * Creates {@code dir} and its missing parents one level at a time, like {@link Files#createDirectories}, and
   * returns the directories that were missing, outermost first, so that the caller can fsync each one's parent
   * (the directory holding its new entry). A directory another thread or process creates meanwhile counts as
   * missing: its creator may not have fsynced its parent yet.
   *
   * @throws FileAlreadyExistsException if a path on the way exists and is not a directory
   * @throws NoSuchFileException if a directory on the way was removed meanwhile (by a delete that emptied it)
   */
  static List<Path> createDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing);
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw notADirectory(existing, null);
    }
    for (Path d : missing) {
      try {
        Files.createDirectory(d);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(d)) {
          throw notADirectory(d, e);
        }
      }
    }
    return missing;
  }

  /**
   * {@code p} was seen not to be a directory: if it is a file, a {@link FileAlreadyExistsException}; if it is
   * gone (removed by a delete that emptied it) or a directory again (recreated by another put since), a
   * {@link NoSuchFileException}, on which the caller tries again.
   */
  private static IOException notADirectory(Path p, FileAlreadyExistsException cause) {
    try {
      if (!Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
        return cause != null ? cause
            : new FileAlreadyExistsException(p.toString(), null, "exists and is not a directory");
      }
    } catch (NoSuchFileException gone) {
      // removed meanwhile
    } catch (IOException e) {
      return e;
    }
    return new NoSuchFileException(p.toString(), null, "removed or recreated while directories below it were made");
  }

  /** Deletes {@code dir} if it is empty; false if it is not (or is gone). */
  static boolean deleteIfEmpty(Path dir) {
    try {
      Files.delete(dir);
      return true;
    } catch (IOException e) {
      return false; // not empty (a concurrent put), or already gone
    }
  }

  /** Deletes {@code p} if it exists, logging a failure. */
  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("could not delete temp file {}; the next open will", p, e);
    }
  }


  /** Deletes the temp files in {@code tmpDir} last written at or before {@code cutoff}. */
  static void cleanStaleTemps(Path tmpDir, Instant cutoff) {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(tmpDir)) {
      for (Path t : temps) {
        try {
          Instant modified = Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS).toInstant();
          if (!modified.isAfter(cutoff)) {
            Files.deleteIfExists(t);
            LOG.info("deleted stale temp file {} (last written {}), left by an interrupted write", t, modified);
          }
        } catch (IOException e) {
          LOG.warn("could not delete stale temp file {}", t, e);
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot list the temp files in " + tmpDir, e);
    }
  }
}
