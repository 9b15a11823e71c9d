package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one storage SPI: a flat map from keys to immutable byte blobs, with streaming put and get, conditional
 * create, stat, paginated listing by prefix, and delete. Implementations: {@link FileBlobStore} (the embedded
 * default), {@link MemoryBlobStore} (tests, notebooks), and {@code S3BlobStore} in mlops-data-access.
 *
 * <pre>{@code
 * try (BlobStore store = FileBlobStore.open(Path.of("/srv/mlops"))) {
 *   BlobInfo info = store.put("data/train.csv", Files.newInputStream(csv));
 *   try (InputStream in = store.get("data/train.csv")) { ... }
 *   store.list("data/").forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Semantics every implementation keeps (the {@code dev.mlops.core.testing.BlobStoreContract} tests in
 * mlops-core's test-jar check them):
 * <ul>
 *   <li>Keys follow {@link BlobKeys}; an invalid key or prefix is a {@link ValidationException}.</li>
 *   <li>A put is atomic: readers see the previous value or the new one in full, never a part; a put whose
 *       input fails leaves the previous value (or absence) intact.</li>
 *   <li>{@link #putIfAbsent} is atomic among every writer of the store, whatever thread or process.</li>
 *   <li>Listing is in ascending order of the keys' UTF-8 bytes.</li>
 *   <li>I/O failures are {@link StorageException}s naming the key, with the cause chained.</li>
 *   <li>Instances are thread-safe. After {@link #close()} every call throws {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Stability: stable. Implement it for a new backend and run the contract tests against it.
 */
public interface BlobStore extends AutoCloseable {

  /**
   * Stores the bytes of {@code data} under {@code key}, replacing any previous value, and returns what was
   * stored. Streams: the data need not fit in memory. Does not close {@code data}.
   *
   * @throws StorageException if reading {@code data} or writing fails; the previous value is then intact
   */
  BlobInfo put(String key, InputStream data);

  /**
   * Stores {@code data} under {@code key} only if no blob has that key: atomically, so of many writers racing
   * on one key (in any thread or process) exactly one wins. Does not close {@code data}.
   *
   * @return {@code true} if this call created the blob, {@code false} if the key existed (nothing changed)
   */
  boolean putIfAbsent(String key, InputStream data);

  /**
   * Opens the blob under {@code key} for reading; the caller closes the stream. The stream reads the value as
   * it was when opened, even if the key is overwritten or deleted meanwhile.
   *
   * @throws NotFoundException naming the key and the store if there is no such blob
   */
  InputStream get(String key);

  /** The size, SHA-256 and time of the blob under {@code key}, or empty if there is none. */
  Optional<BlobInfo> stat(String key);

  /**
   * One page of the blobs whose keys start with {@code prefix}, in ascending order of the keys' UTF-8 bytes.
   * The prefix is matched as a string ({@code "a/b"} matches {@code "a/bc"}); {@code ""} matches every key.
   *
   * @param prefix the prefix, valid by {@link BlobKeys#checkPrefix(String)}
   * @param startAfter list only keys after this one, or {@code null} to start at the beginning; pass the
   *     previous page's {@link BlobPage#nextStartAfter()}
   * @param limit the most items to return, at least 1 (a page may hold fewer, see {@link BlobPage})
   */
  BlobPage list(String prefix, String startAfter, int limit);

  /**
   * Every blob whose key starts with {@code prefix}, in key order, fetched lazily page by page. Close the
   * stream if you stop early (it holds nothing between pages, so not closing leaks nothing).
   */
  default Stream<BlobInfo> list(String prefix) {
    BlobKeys.checkPrefix(prefix);
    int pageSize = 1000;
    Iterator<BlobInfo> it = new Iterator<>() {
      private Iterator<BlobInfo> page = List.<BlobInfo>of().iterator();
      private String after;
      private boolean last;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !last) {
          BlobPage p = list(prefix, after, pageSize);
          page = p.items().iterator();
          after = p.nextStartAfter();
          last = p.isLast();
        }
        return page.hasNext();
      }

      @Override
      public BlobInfo next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more blobs under prefix '" + BlobKeys.escape(prefix) + "'");
        }
        return page.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
  }

  /**
   * Deletes the blob under {@code key}.
   *
   * @return {@code true} if it existed
   */
  boolean delete(String key);

  /**
   * Renames the blob under {@code from} to {@code to} if no blob has {@code to}: atomically, so of many writers
   * racing on {@code to} (in any thread or process) exactly one wins, as with {@link #putIfAbsent}. If it returns
   * {@code true}, {@code to} holds what {@code from} held and {@code from} is gone; if {@code false}, {@code to}
   * existed and nothing changed (the caller decides what to do with {@code from}).
   *
   * <p>Content-addressed writers use it: stage the data under a key of their own while hashing it, then move it
   * to the key its digest names, without reading it again. The default copies through {@link #get} and
   * {@link #putIfAbsent} and then deletes {@code from}; {@link FileBlobStore} overrides it with a hard link and
   * {@link MemoryBlobStore} with a map entry, both O(1) whatever the size.
   *
   * @throws NotFoundException if there is no blob under {@code from}
   */
  default boolean moveIfAbsent(String from, String to) {
    BlobKeys.check(to);
    boolean created;
    try (InputStream in = get(from)) {
      created = putIfAbsent(to, in);
    } catch (IOException e) {
      throw new StorageException("closing blob '" + BlobKeys.escape(from) + "' of " + describe() + " failed", e);
    }
    if (created) {
      delete(from);
    }
    return created;
  }

  /** Whether a blob has {@code key}. */
  default boolean exists(String key) {
    return stat(key).isPresent();
  }

  /** Stores {@code data} under {@code key}: a convenience for small values, e.g. in JShell. */
  default BlobInfo putBytes(String key, byte[] data) {
    return put(key, new ByteArrayInputStream(data));
  }

  /**
   * Reads the whole blob under {@code key} into memory: a convenience for small values. Use {@link #get} for
   * anything that can be large.
   *
   * @throws NotFoundException if there is no such blob
   * @throws ValidationException if the blob is too large for one array (2 GiB)
   */
  default byte[] getBytes(String key) {
    long size = stat(key).map(BlobInfo::size).orElse(0L);
    if (size > Integer.MAX_VALUE - 16) {
      throw new ValidationException("blob '" + BlobKeys.escape(key) + "' in " + describe() + " is " + size
          + " bytes, too large for one array; read it with get(key) as a stream");
    }
    try (InputStream in = get(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("reading blob '" + BlobKeys.escape(key) + "' from " + describe() + " failed", e);
    } catch (UncheckedIOException e) {
      throw new StorageException("reading blob '" + BlobKeys.escape(key) + "' from " + describe() + " failed",
          e.getCause());
    }
  }

  /** A short description naming the kind of store and where it is, e.g. {@code file:/srv/mlops}. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** Releases the store; later calls throw {@link IllegalStateException}. Idempotent. */
  @Override
  void close();
}
