package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a stream into a channel while another thread computes the SHA-256 of the bytes. Not API.
 *
 * <p>Why: on a machine with SHA extensions the JDK hashes about 1.5 GB/s per core, while reading and writing
 * through the page cache runs at 3 GB/s or more, so hashing on the copying thread makes a hashed copy cost the
 * sum of both, about three times a plain copy. Here the caller's thread reads a chunk and writes it, then hands
 * the chunk to the hashing thread and goes on with the next one: the copy costs about the larger of the two
 * (the hash), and the heap holds only {@value #BUFFERS} chunks of {@value #CHUNK} bytes, whatever the size.
 * The chunks are pooled and small enough not to be "humongous" objects for G1 with regions of 1 MiB (a 2 GiB
 * heap): 1 MiB chunks, allocated per copy, went straight into the old generation and made a 1 GiB publish and
 * fetch peak at 174 MB of heap instead of a few.
 * A SHA-256 is one sequential chain, so one hashing thread is the most that helps.
 *
 * <p>A copy that fits one chunk is hashed on the caller's thread: small blobs (manifests, aliases, leases) pay
 * no hand-off. The hashing threads (daemons of a cached pool, gone after a minute idle) and up to
 * {@value #POOLED_SETS} sets of chunks are shared by the whole JVM: deliberate exceptions to "nothing global",
 * since they hold no state a caller could observe, only threads and scratch memory.
 *
 * <p>The bytes are written before they are hashed: callers write into a temp file and only publish it (rename,
 * link) after comparing the digest, so nothing unverified is ever visible.
 */
final class PipelinedSha256 {
  static final int CHUNK = 256 << 10;
  static final int BUFFERS = 8;
  private static final int POOLED_SETS = 4;
  private static final ConcurrentLinkedQueue<ByteBuffer[]> POOL = new ConcurrentLinkedQueue<>();
  private static final ByteBuffer END = ByteBuffer.allocate(0);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "mlops-io-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private PipelinedSha256() {}

  /** Daemon threads for work that overlaps a copy (hashing, early fsync). */
  static ExecutorService background() {
    return BACKGROUND;
  }

  /** What a copy read and wrote: the byte count and the SHA-256 in lower-case hex. */
  record Result(long size, String sha256) {}

  /** Signals that reading the source failed, so callers can tell it from a failed write. */
  static final class SourceException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long bytesRead;

    SourceException(IOException cause, long bytesRead) {
      super(cause.getMessage(), cause);
      this.bytesRead = bytesRead;
    }

    long bytesRead() {
      return bytesRead;
    }
  }

  /**
   * Reads {@code in} to its end, writing every byte to {@code out}, and returns the count and the digest.
   * Closes neither.
   *
   * @throws SourceException if reading {@code in} fails
   * @throws IOException if writing fails
   */
  static Result copy(InputStream in, WritableByteChannel out) throws IOException {
    ByteBuffer[] set = POOL.poll();
    if (set == null) {
      set = new ByteBuffer[BUFFERS];
      for (int i = 0; i < BUFFERS; i++) {
        set[i] = ByteBuffer.allocate(CHUNK);
      }
    }
    ByteBuffer first = set[0];
    int n = fill(in, first.array(), 0);
    if (n < CHUNK) { // all of it fits one chunk: hash it here, a hand-off would cost more than it saves
      first.clear().limit(n);
      writeFully(out, first);
      MessageDigest digest = Sha256.newDigest();
      digest.update(first.array(), 0, n);
      giveBack(set);
      return new Result(n, Hex.encode(digest.digest()));
    }
    return pipelined(in, out, set, n);
  }

  private static Result pipelined(InputStream in, WritableByteChannel out, ByteBuffer[] set, int firstCount)
      throws IOException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    free.addAll(Arrays.asList(set).subList(1, BUFFERS));
    Future<String> hash = BACKGROUND.submit(() -> {
      MessageDigest digest = Sha256.newDigest();
      while (true) {
        ByteBuffer b = full.take();
        if (b == END) {
          return Hex.encode(digest.digest());
        }
        digest.update(b.array(), 0, b.limit());
        free.put(b);
      }
    });
    long total = 0;
    boolean ended = false;
    try {
      ByteBuffer b = set[0];
      int n = firstCount;
      while (true) {
        b.clear().limit(n);
        writeFully(out, b);
        b.flip();
        full.put(b);
        total += n;
        if (n < CHUNK) {
          break;
        }
        b = free.take();
        n = fill(in, b.array(), total);
        if (n == 0) {
          free.put(b);
          break;
        }
      }
      full.put(END);
      String digest = hash.get();
      ended = true; // the hasher has handed back every chunk
      return new Result(total, digest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while copying after " + total + " bytes");
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing failed", e.getCause());
    } finally {
      if (!ended) {
        hash.cancel(true); // its chunks may still be in use: they are not pooled again
      } else {
        giveBack(set);
      }
    }
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static void giveBack(ByteBuffer[] set) {
    if (POOL.size() < POOLED_SETS) {
      POOL.offer(set);
    }
  }

  /** Reads until {@code buf} is full or {@code in} ends; returns the count (0 only at the end). */
  private static int fill(InputStream in, byte[] buf, long before) throws SourceException {
    int n = 0;
    try {
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw new SourceException(e, before + n);
    }
    return n;
  }
}
