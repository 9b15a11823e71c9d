package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BlobStore} that keeps everything in memory, for tests and notebooks. Thread-safe; data is held in
 * chunks of at most 1 MiB, so blobs of hundreds of megabytes work if the heap has room. Nothing survives
 * {@link #close()} or the JVM.
 *
 * <pre>{@code
 * try (BlobStore store = MemoryBlobStore.create()) {
 *   store.putBytes("a.txt", "hello".getBytes(UTF_8));
 *   new String(store.getBytes("a.txt"), UTF_8);   // "hello"
 * }
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class MemoryBlobStore implements BlobStore {
  private static final int CHUNK = 1 << 20;

  private final ConcurrentSkipListMap<String, Entry> blobs = new ConcurrentSkipListMap<>(BlobKeys.ORDER);
  private final Clock clock;
  private volatile boolean closed;

  private MemoryBlobStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** An empty store whose times come from the system clock. */
  public static MemoryBlobStore create() {
    return new MemoryBlobStore(Clock.systemUTC());
  }

  /** An empty store whose {@link BlobInfo#lastModified()} times come from {@code clock}. */
  public static MemoryBlobStore create(Clock clock) {
    return new MemoryBlobStore(clock);
  }

  @Override
  public BlobInfo put(String key, InputStream data) {
    Entry e = read(BlobKeys.check(key), data);
    ensureOpen();
    blobs.put(key, e);
    return e.info;
  }

  @Override
  public boolean putIfAbsent(String key, InputStream data) {
    Entry e = read(BlobKeys.check(key), data);
    ensureOpen();
    return blobs.putIfAbsent(key, e) == null;
  }

  /** Moves the entry: O(1), keeping the bytes, digest and time; see {@link BlobStore#moveIfAbsent}. */
  @Override
  public boolean moveIfAbsent(String from, String to) {
    BlobKeys.check(from);
    BlobKeys.check(to);
    ensureOpen();
    Entry e = blobs.get(from);
    if (e == null) {
      throw new NotFoundException("no blob '" + BlobKeys.escape(from) + "' in " + describe() + " to move");
    }
    BlobInfo i = e.info;
    if (blobs.putIfAbsent(to, new Entry(e.chunks, new BlobInfo(to, i.size(), i.sha256(), i.lastModified()))) != null) {
      return false;
    }
    blobs.remove(from, e);
    return true;
  }

  @Override
  public InputStream get(String key) {
    BlobKeys.check(key);
    ensureOpen();
    Entry e = blobs.get(key);
    if (e == null) {
      throw new NotFoundException("no blob '" + BlobKeys.escape(key) + "' in " + describe());
    }
    return new ChunkInputStream(e.chunks);
  }

  @Override
  public Optional<BlobInfo> stat(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return Optional.ofNullable(blobs.get(key)).map(e -> e.info);
  }

  @Override
  public BlobPage list(String prefix, String startAfter, int limit) {
    BlobKeys.checkPrefix(prefix);
    checkLimit(limit);
    ensureOpen();
    ConcurrentNavigableMap<String, Entry> tail = startAfter == null || BlobKeys.compare(startAfter, prefix) < 0
        ? blobs.tailMap(prefix, true) : blobs.tailMap(startAfter, false);
    List<BlobInfo> items = new ArrayList<>(Math.min(limit, 1024));
    for (Map.Entry<String, Entry> me : tail.entrySet()) {
      if (!me.getKey().startsWith(prefix)) {
        break;
      }
      if (items.size() == limit) {
        return new BlobPage(items, items.get(limit - 1).key());
      }
      items.add(me.getValue().info);
    }
    return new BlobPage(items, null);
  }

  @Override
  public boolean delete(String key) {
    BlobKeys.check(key);
    ensureOpen();
    return blobs.remove(key) != null;
  }

  @Override
  public String describe() {
    return "memory:" + Integer.toHexString(System.identityHashCode(this));
  }

  @Override
  public String toString() {
    return describe() + " (" + blobs.size() + " blobs" + (closed ? ", closed)" : ")");
  }

  /** Drops every blob; later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
    blobs.clear();
  }

  static void checkLimit(int limit) {
    if (limit < 1) {
      throw new ValidationException("list limit is " + limit + "; it must be at least 1");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(describe() + " is closed; create a new store");
    }
  }

  private Entry read(String key, InputStream data) {
    Objects.requireNonNull(data, "data");
    ensureOpen();
    MessageDigest digest = Sha256.newDigest();
    List<byte[]> chunks = new ArrayList<>();
    long size = 0;
    try {
      while (true) {
        byte[] buf = data.readNBytes(CHUNK);
        if (buf.length == 0) {
          break;
        }
        digest.update(buf);
        chunks.add(buf);
        size += buf.length;
        if (buf.length < CHUNK) {
          // readNBytes returns short only at the end of the stream.
          break;
        }
      }
    } catch (IOException e) {
      throw new StorageException("reading the data for blob '" + BlobKeys.escape(key) + "' failed after "
          + size + " bytes; nothing was stored in " + describe(), e);
    }
    Instant now = clock.instant();
    return new Entry(List.copyOf(chunks), new BlobInfo(key, size, Hex.encode(digest.digest()), now));
  }

  private static final class Entry {
    final List<byte[]> chunks;
    final BlobInfo info;

    Entry(List<byte[]> chunks, BlobInfo info) {
      this.chunks = chunks;
      this.info = info;
    }
  }

  /** Reads immutable chunks; each reader has its own position. */
  private static final class ChunkInputStream extends InputStream {
    private final List<byte[]> chunks;
    private int chunk;
    private int pos;

    ChunkInputStream(List<byte[]> chunks) {
      this.chunks = chunks;
    }

    @Override
    public int read() {
      byte[] b = new byte[1];
      return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      while (chunk < chunks.size() && pos == chunks.get(chunk).length) {
        chunk++;
        pos = 0;
      }
      if (chunk == chunks.size()) {
        return -1;
      }
      byte[] c = chunks.get(chunk);
      int n = Math.min(len, c.length - pos);
      System.arraycopy(c, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return chunk < chunks.size() ? chunks.get(chunk).length - pos : 0;
    }
  }
}
