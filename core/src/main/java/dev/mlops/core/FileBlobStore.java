package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link BlobStore}: blobs are plain files under a root directory, one file per key at
 * the key's path, so a person can inspect the store with {@code ls} and {@code cat}.
 *
 * <pre>{@code
 * try (FileBlobStore store = FileBlobStore.open(Path.of("/srv/mlops"))) {
 *   store.putBytes("models/churn/versions/1.json", json);
 *   store.list("models/churn/").forEach(System.out::println);
 * }
 * }</pre>
 *
 * <h2>Layout</h2>
 * <pre>
 * root/models/churn/versions/1.json                the blob's bytes, exactly
 * root/models/churn/versions/.mlops.1.json.sha256  its SHA-256 sidecar (size, mtime and inode it describes)
 * root/.mlops/tmp/                                 files being written; never visible as blobs
 * </pre>
 * Names starting with {@code .mlops} are the store's own (keys may not use them, see {@link BlobKeys}).
 * A file system cannot hold a file and a directory at one path, so this store cannot hold both {@code a} and
 * {@code a/b}: the second put is a {@link ConflictException} (S3 allows it; the model store never needs it).
 * Key segments are limited to {@value #MAX_SEGMENT_BYTES} UTF-8 bytes (the file-name limit of 255 less the
 * sidecar's affixes). Symbolic links under the root are not followed: they are not blobs.
 *
 * <h2>File names</h2>
 * Each key must be its own file, so {@link #open} probes the root's file system (it creates a file under
 * {@code .mlops/tmp} and looks it up under other spellings) and refuses, with a {@link StorageException}, one
 * that ignores case, where keys {@code Model.json} and {@code model.json} would overwrite each other (the
 * default on macOS and Windows), or one that rewrites names (HFS+). Refusing is safer than checking each put
 * for a colliding key: that check would race with other processes and cost a directory scan per put. Use a
 * case-sensitive volume, {@link MemoryBlobStore} or an S3 store instead. On a file system that is only
 * normalization-insensitive (APFS, where {@code é} as one code point and as {@code e} plus an accent name one
 * file) the store accepts only keys in Unicode NFC, so no two keys it accepts can share a file.
 *
 * <h2>Durability and atomicity</h2>
 * A put streams into a new temp file under {@code .mlops/tmp} while hashing, fsyncs it, writes the sidecar,
 * renames the temp file over the key's path (atomic on POSIX) and fsyncs the directory. Readers therefore see
 * the old or the new file in full, an open stream keeps reading the file it opened, and a put whose input
 * fails, or a process killed mid-way, leaves the previous value (or absence) intact. Directories a put creates
 * for its key are made one level at a time, and the parent of each new one is fsynced as well, up to the first
 * that already existed, so that a blob under a new directory ({@code models/new/versions/1.json}) cannot
 * vanish in a power loss after the put returned ({@link #open} does the same for the root). A killed process
 * leaves a temp file behind; {@link #open} deletes temp files not written to for
 * {@link Builder#staleTempAge(Duration)} (default one hour).
 *
 * <p>{@link #putIfAbsent} writes the temp file the same way, then creates the key's path as a hard link to it
 * ({@code link(2)}), which fails atomically if the path exists: exactly one of any number of racing threads or
 * processes on the machine wins, with no lock and nothing to clean up after a crash. (A rename cannot do this:
 * it replaces an existing target; an existence check before it is check-then-act.) It needs a file system with
 * hard links (every local Linux and macOS one); elsewhere it is a {@link StorageException}.
 *
 * <p>{@link #stat} and listing read the sidecar, not the data, while the file's size, nanosecond mtime and
 * inode match what the sidecar recorded; otherwise (a crash between the two, a hand edit) they recompute the
 * digest from the data, rewrite the sidecar, and log it at debug level. Listing walks the directories under
 * the prefix in key order, loading one directory's names at a time, and stops after one page: a page costs the
 * directory listings on its path plus one sidecar read per item.
 *
 * <p>Stability: stable.
 */
public final class FileBlobStore implements BlobStore {
  /** The longest key segment this store accepts, in UTF-8 bytes. */
  public static final int MAX_SEGMENT_BYTES = 255 - 14;
  static final String INTERNAL_DIR = BlobKeys.RESERVED_PREFIX;
  static final String TMP_DIR = "tmp";
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  static final int RETRIES = 16;

  private final Path root;
  private final Path tmpDir;
  private final DirSync dirSync;
  private final boolean nfcKeys;
  private volatile boolean closed;

  private FileBlobStore(Path root, Path tmpDir, DirSync dirSync, boolean nfcKeys) {
    this.root = root;
    this.tmpDir = tmpDir;
    this.dirSync = dirSync;
    this.nfcKeys = nfcKeys;
  }

  /** Makes a directory's entries durable (fsync); replaceable by tests to see which directories are synced. */
  interface DirSync {
    void sync(Path dir) throws IOException;

    /** fsync through a read-only channel, which Linux and macOS allow on a directory. */
    DirSync FSYNC = dir -> {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    };
  }

  /** Opens (creating if needed) the store rooted at {@code root}, with the default options. */
  public static FileBlobStore open(Path root) {
    return builder(root).open();
  }

  /** Options for opening the store at {@code root}; finish with {@link Builder#open()}. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The root directory (absolute). */
  public Path root() {
    return root;
  }

  /** The file holding the blob under {@code key} (which may not exist). */
  public Path pathOf(String key) {
    return resolve(key);
  }

  @Override
  public BlobInfo put(String key, InputStream data) {
    Path target = resolve(key);
    Objects.requireNonNull(data, "data");
    ensureOpen();
    Path tmp = newTempPath();
    try {
      FileBlobIo.Written w = FileBlobIo.writeTemp(key, tmp, data, describe());
      placeWithRetry(key, target, () -> {
        FileSidecar.write(target, FileSidecar.Recorded.of(w.sha256(), w.attrs()), tmpDir, tempName());
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      });
      syncDir(target.getParent());
      return new BlobInfo(key, w.attrs().size(), w.sha256(), w.attrs().lastModifiedTime().toInstant());
    } catch (IOException e) {
      throw new StorageException("writing blob '" + BlobKeys.escape(key) + "' to " + target + " failed", e);
    } finally {
      FileBlobIo.deleteQuietly(tmp);
    }
  }

  @Override
  public boolean putIfAbsent(String key, InputStream data) {
    Path target = resolve(key);
    Objects.requireNonNull(data, "data");
    ensureOpen();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return false; // a fast path only: the link below decides
    }
    Path tmp = newTempPath();
    try {
      FileBlobIo.Written w = FileBlobIo.writeTemp(key, tmp, data, describe());
      try {
        placeWithRetry(key, target, () -> Files.createLink(target, tmp));
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        throw new StorageException("the file system of " + root + " has no hard links, which putIfAbsent('"
            + BlobKeys.escape(key) + "') needs for an atomic create; use a local file system", e);
      }
      syncDir(target.getParent());
      FileSidecar.writeQuietly(key, target, FileSidecar.Recorded.of(w.sha256(), w.attrs()), tmpDir, describe());
      return true;
    } catch (IOException e) {
      throw new StorageException("creating blob '" + BlobKeys.escape(key) + "' at " + target + " failed", e);
    } finally {
      FileBlobIo.deleteQuietly(tmp);
    }
  }

  /**
   * Creates {@code to} as a hard link to {@code from}'s file, then deletes {@code from}: O(1) whatever the size,
   * atomic among writers like {@link #putIfAbsent} (the link fails if {@code to} exists), and the digest recorded
   * for {@code from} carries over, since the link is the same file. A crash between the two steps leaves both
   * keys holding the same bytes, never neither.
   */
  @Override
  public boolean moveIfAbsent(String from, String to) {
    Path source = resolve(from);
    Path target = resolve(to);
    ensureOpen();
    try {
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotFoundException("no blob '" + BlobKeys.escape(from) + "' in " + describe() + " to move");
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        return false; // a fast path only: the link below decides
      }
      try {
        placeWithRetry(to, target, () -> Files.createLink(target, source));
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (NoSuchFileException e) {
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          throw new NotFoundException("no blob '" + BlobKeys.escape(from) + "' in " + describe() + " to move: it was "
              + "deleted while being moved");
        }
        throw e;
      } catch (UnsupportedOperationException e) {
        throw new StorageException("the file system of " + root + " has no hard links, which moveIfAbsent('"
            + BlobKeys.escape(to) + "') needs for an atomic create; use a local file system", e);
      }
      syncDir(target.getParent());
      FileSidecar.read(source).ifPresent(r -> FileSidecar.writeQuietly(to, target, r, tmpDir, describe()));
    } catch (IOException e) {
      throw new StorageException("moving blob '" + BlobKeys.escape(from) + "' to '" + BlobKeys.escape(to) + "' in "
          + describe() + " failed", e);
    }
    delete(from);
    return true;
  }

  @Override
  public InputStream get(String key) {
    Path p = resolve(key);
    ensureOpen();
    try {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw notFound(key);
      }
      return Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw notFound(key);
    } catch (IOException e) {
      throw new StorageException("opening blob '" + BlobKeys.escape(key) + "' at " + p + " failed", e);
    }
  }

  @Override
  public Optional<BlobInfo> stat(String key) {
    Path p = resolve(key);
    ensureOpen();
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("reading the attributes of blob '" + BlobKeys.escape(key) + "' at " + p
          + " failed", e);
    }
    return a.isRegularFile() ? info(key, p, a) : Optional.empty();
  }

  @Override
  public BlobPage list(String prefix, String startAfter, int limit) {
    BlobKeys.checkPrefix(prefix);
    MemoryBlobStore.checkLimit(limit);
    ensureOpen();
    return new FileBlobLister(this, prefix, startAfter, limit).page();
  }

  @Override
  public boolean delete(String key) {
    Path p = resolve(key);
    ensureOpen();
    try {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.delete(p);
      try {
        syncDir(p.getParent());
      } catch (NoSuchFileException gone) {
        // the delete of a sibling removed the directory we emptied: nothing left to sync
      }
      Files.deleteIfExists(FileSidecar.pathFor(p));
      for (Path dir = p.getParent(); !dir.equals(root); dir = dir.getParent()) {
        if (!FileBlobIo.deleteIfEmpty(dir)) {
          break;
        }
      }
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageException("deleting blob '" + BlobKeys.escape(key) + "' at " + p + " failed", e);
    }
  }

  @Override
  public String describe() {
    return "file:" + root;
  }

  @Override
  public String toString() {
    return describe() + (closed ? " (closed)" : "");
  }

  /** Marks the store closed; later calls throw {@link IllegalStateException}. Open streams keep working. */
  @Override
  public void close() {
    closed = true;
  }

  // ---- internals shared with FileBlobLister -------------------------------------------------------------

  /** The info of the data file {@code p} (attributes {@code a}), from its sidecar or recomputed. */
  Optional<BlobInfo> info(String key, Path p, BasicFileAttributes a) {
    return FileSidecar.info(key, p, a, tmpDir, describe());
  }

  // ---- writing -------------------------------------------------------------------------------------------

  private interface IoAction {
    void run() throws IOException;
  }

  /**
   * Creates the parents of {@code target} and runs {@code action}, retrying if a delete removed them (a delete
   * removes the directories it empties) while they were being created or before the action.
   */
  private void placeWithRetry(String key, Path target, IoAction action) throws IOException {
    for (int attempt = 0; ; attempt++) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw conflict(key, "keys under '" + BlobKeys.escape(key) + "/' exist");
      }
      try {
        List<Path> created = FileBlobIo.createDirectories(target.getParent());
        for (Path dir : created) {
          syncDir(dir.getParent()); // the entry of the new directory; the deepest is synced after the action
        }
      } catch (FileAlreadyExistsException e) {
        throw conflict(key, "'" + blobAbove(target) + "' is a blob");
      } catch (NoSuchFileException e) {
        if (attempt == RETRIES) {
          throw e;
        }
        continue; // a delete removed a parent it had emptied while we created the levels below it: again
      }
      try {
        action.run();
        return;
      } catch (NoSuchFileException e) {
        if (attempt == RETRIES) {
          throw e; // not a directory removed under us (another thread may have recreated it since: try anyway)
        }
      } catch (FileSystemException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw conflict(key, "keys under '" + BlobKeys.escape(key) + "/' exist");
        }
        throw e;
      }
    }
  }

  private String blobAbove(Path target) {
    for (Path p = target.getParent(); !p.equals(root); p = p.getParent()) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return root.relativize(p).toString().replace('\\', '/');
      }
    }
    return root.relativize(target.getParent()).toString();
  }

  private ConflictException conflict(String key, String why) {
    return new ConflictException("cannot store blob '" + BlobKeys.escape(key) + "' in " + describe() + ": "
        + why + ", and a file store cannot hold both a key and keys under it (S3 can); delete one or rename");
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private Path resolve(String key) {
    return FileBlobNames.resolve(root, key, nfcKeys, describe());
  }

  private Path newTempPath() {
    return tmpDir.resolve(tempName());
  }

  static String tempName() {
    return UUID.randomUUID() + ".tmp";
  }

  private void syncDir(Path dir) throws IOException {
    dirSync.sync(dir);
  }

  private NotFoundException notFound(String key) {
    return new NotFoundException("no blob '" + BlobKeys.escape(key) + "' in " + describe());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(describe() + " is closed; open it again with FileBlobStore.open");
    }
  }

  /**
   * Options for {@link FileBlobStore}: how old a leftover temp file must be before {@link #open()} deletes it,
   * and the clock that age is measured by.
   *
   * <pre>{@code
   * FileBlobStore store = FileBlobStore.builder(root).staleTempAge(Duration.ofMinutes(10)).open();
   * }</pre>
   *
   * <p>Stability: stable.
   */
  public static final class Builder {
    private final Path root;
    private Duration staleTempAge = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private DirSync dirSync = DirSync.FSYNC;

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Temp files not written to for this long are taken to be left by a killed writer and deleted on open
     * (default one hour). Zero deletes them all: only safe when no other process writes to the store.
     */
    public Builder staleTempAge(Duration age) {
      if (age.isNegative()) {
        throw new ValidationException("staleTempAge is " + age + "; it must be zero or more");
      }
      this.staleTempAge = age;
      return this;
    }

    /** The clock the age of temp files is measured by (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How directories are fsynced (tests record the calls). */
    Builder dirSync(DirSync sync) {
      this.dirSync = Objects.requireNonNull(sync, "sync");
      return this;
    }

    /**
     * Opens the store, creating the root if needed, checking that its file system keeps different keys apart
     * (see "File names" above) and deleting stale temp files.
     *
     * @throws StorageException if the root cannot be created, or its file system ignores case or rewrites names
     */
    public FileBlobStore open() {
      Path abs = root.toAbsolutePath().normalize();
      Path tmp = abs.resolve(INTERNAL_DIR).resolve(TMP_DIR);
      List<Path> created;
      FileBlobNames.Probe probe;
      try {
        created = FileBlobIo.createDirectories(tmp);
        probe = FileBlobNames.probe(tmp);
      } catch (IOException e) {
        throw new StorageException("cannot create the file blob store at " + abs
            + "; check that the path is a writable directory", e);
      }
      FileBlobNames.check(probe, abs);
      DirSync sync = dirSync;
      try {
        sync.sync(abs);
        for (Path dir : created) {
          sync.sync(dir.getParent());
        }
      } catch (IOException e) {
        LOG.info("directories of {} cannot be fsynced on this platform; renames are atomic but their "
            + "durability after a power loss is up to the file system", abs);
        sync = dir -> { };
      }
      FileBlobIo.cleanStaleTemps(tmp, clock.instant().minus(staleTempAge));
      return new FileBlobStore(abs, tmp, sync, !probe.normalizationSensitive());
    }
  }
}
