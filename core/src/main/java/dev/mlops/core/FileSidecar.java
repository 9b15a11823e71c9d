package dev.mlops.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SHA-256 sidecar {@link FileBlobStore} keeps beside each data file, so that stat and list need not
 * re-read blobs. For data file {@code dir/name} it is {@code dir/.mlops.name.sha256}, a four-line text file:
 * <pre>
 * sha256 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b
 * size 5
 * modified 2026-11-27T10:15:30.123456789Z
 * file (dev=803,ino=1234)
 * </pre>
 * It is a cache, trusted only while the data file's size, modification time and file key (inode) still equal
 * the recorded ones; otherwise the digest is recomputed from the data and the sidecar rewritten. So a crash
 * between writing the sidecar and the data, a race of two writers, or an edit by hand cannot make stat lie
 * (short of an edit that keeps the size, the nanosecond mtime and the inode). Not API.
 */
final class FileSidecar {
  static final String SUFFIX = ".sha256";
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);

  private FileSidecar() {}

  /** What a sidecar records about a data file. */
  record Recorded(String sha256, long size, Instant modified, String fileKey) {
    static Recorded of(String sha256, BasicFileAttributes a) {
      return new Recorded(sha256, a.size(), a.lastModifiedTime().toInstant(), fileKeyOf(a));
    }

    /** Whether the data file, with attributes {@code a}, is still the one this describes. */
    boolean describes(BasicFileAttributes a) {
      return size == a.size() && modified.equals(a.lastModifiedTime().toInstant())
          && fileKey.equals(fileKeyOf(a));
    }

    String format() {
      return "sha256 " + sha256 + "\nsize " + size + "\nmodified " + modified + "\nfile " + fileKey + "\n";
    }
  }

  static String fileKeyOf(BasicFileAttributes a) {
    return Objects.toString(a.fileKey(), "-");
  }

  /** The sidecar path for data file {@code data}. */
  static Path pathFor(Path data) {
    return data.resolveSibling(BlobKeys.RESERVED_PREFIX + "." + data.getFileName() + SUFFIX);
  }

  /** The recorded sidecar of {@code data}, or empty if it is missing or unreadable. */
  static Optional<Recorded> read(Path data) {
    String text;
    try {
      text = Files.readString(pathFor(data), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // a damaged cache: recompute
    }
    String[] lines = text.split("\n");
    if (lines.length != 4 || !lines[0].startsWith("sha256 ") || !lines[1].startsWith("size ")
        || !lines[2].startsWith("modified ") || !lines[3].startsWith("file ")) {
      return Optional.empty();
    }
    try {
      String sha = lines[0].substring(7);
      if (!Sha256.isDigest(sha)) {
        return Optional.empty();
      }
      return Optional.of(new Recorded(sha, Long.parseLong(lines[1].substring(5)),
          Instant.parse(lines[2].substring(9)), lines[3].substring(5)));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the sidecar of {@code data} atomically (a temp file in {@code tmpDir} renamed into place). Not
   * fsynced: it is a cache checked on every read, and a lost or torn sidecar is only recomputed.
   */
  static void write(Path data, Recorded recorded, Path tmpDir, String tmpName) throws IOException {
    Path tmp = tmpDir.resolve(tmpName);
    try {
      Files.writeString(tmp, recorded.format(), StandardCharsets.UTF_8);
      Files.move(tmp, pathFor(data), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The info of the data file {@code p} (attributes {@code a}) from its sidecar while that describes the file;
   * otherwise the digest is recomputed from the data (again if the file changed meanwhile) and the sidecar
   * rewritten. Empty if the file is gone.
   */
  static Optional<BlobInfo> info(String key, Path p, BasicFileAttributes a, Path tmpDir, String store) {
    Optional<Recorded> rec = read(p);
    if (rec.isPresent() && rec.get().describes(a)) {
      return Optional.of(new BlobInfo(key, a.size(), rec.get().sha256(), a.lastModifiedTime().toInstant()));
    }
    BasicFileAttributes before = a;
    for (int attempt = 0; ; attempt++) {
      String sha;
      BasicFileAttributes after;
      try {
        sha = FileBlobIo.hashFile(p);
        after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new StorageException("hashing blob '" + BlobKeys.escape(key) + "' at " + p + " failed", e);
      }
      Recorded now = Recorded.of(sha, after);
      boolean stable = now.describes(before);
      if (stable || attempt == FileBlobStore.RETRIES) {
        LOG.debug("sha256 sidecar of blob '{}' in {} was missing or stale; recomputed from the data",
            BlobKeys.escape(key), store);
        if (stable) {
          writeQuietly(key, p, now, tmpDir, store);
        }
        return Optional.of(new BlobInfo(key, after.size(), sha, after.lastModifiedTime().toInstant()));
      }
      before = after; // changed while we read it: read again
    }
  }

  /** {@link #write}, logging a failure instead of throwing: the sidecar is only a cache. */
  static void writeQuietly(String key, Path data, Recorded rec, Path tmpDir, String store) {
    try {
      write(data, rec, tmpDir, FileBlobStore.tempName());
    } catch (IOException e) {
      LOG.warn("could not write the sha256 sidecar of blob '{}' in {}; stat will recompute it",
          BlobKeys.escape(key), store, e);
    }
  }
}
