package dev.mlops.core.internal;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.mlops.core.CsvReadReport;
import dev.mlops.core.CsvReject;
import dev.mlops.core.CsvSource;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole-file read on several threads. The schema is settled from the start of the file first. The file is
 * then cut into byte ranges, each ending just after a line feed, and each range is parsed on its own thread
 * as if it began a record. That guess is checked afterwards: range k starts a record exactly when range k-1,
 * itself started right, parsed to its end without an unterminated quote. If any guess was wrong (a line
 * feed inside a quoted field), or any range hit a quote error, the whole file is read again on one thread,
 * which also reports genuine errors exactly as a single-threaded read would. Only a line feed byte is cut
 * at, so this is for ASCII-compatible charsets (UTF-8 never uses the byte 0x0A inside a character). Not API.
 */
final class ParallelCsvRead {
  private ParallelCsvRead() {}

  /**
   * The frame with its counts and rejects (lines absolute in the file), or null when the split was not at record
   * boundaries and the caller must read sequentially.
   */
  static CsvReadReport read(Path file, long size, int parts, CsvReadSettings s) {
    String source = CsvReading.name(file);
    Schema schema;
    boolean inferred = s.schema() == null;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      try (CsvSource head = new StreamingCsvSource(new RegionStream(ch, 0, size), source, s, true)) {
        schema = head.schema();
      }
      long[] bounds = bounds(ch, size, parts);
      int n = bounds.length - 1;
      Part[] results = new Part[n];
      Thread[] threads = new Thread[n];
      for (int i = 1; i < n; i++) {
        int k = i;
        threads[i] = new Thread(() -> results[k] = parse(ch, bounds[k], bounds[k + 1], schema, inferred, false, s),
            "mlops-csv-part-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
      results[0] = parse(ch, bounds[0], bounds[1], schema, inferred, s.header(), s);
      for (int i = 1; i < n; i++) {
        join(threads[i]);
      }
      return merge(results, schema, source, s);
    } catch (IOException e) {
      throw new StorageException("could not read " + source + ": " + e.getMessage(), e);
    }
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static CsvReadReport merge(Part[] results, Schema schema, String source, CsvReadSettings s) {
    for (int i = 0; i < results.length; i++) {
      Throwable e = results[i].error;
      boolean last = i == results.length - 1;
      if (e != null && CsvText.malformed(e) == null && !(last && CsvText.isUnclosedQuote(e))) {
        return null; // a quote error: maybe a wrong cut, maybe real; the sequential read tells which
      }
    }
    long offset = 0;
    long[] skipped = new long[1];
    List<CsvReject> rejects = new ArrayList<>();
    List<Accumulator[]> columns = new ArrayList<>();
    for (Part p : results) {
      skipped[0] += p.handler.skipped();
      CsvReading.addRejects(p.handler, offset, rejects, s.maxRejects());
      if (p.error != null) {
        CsvText.fail(p.error, source, offset, p.handler, s, skipped, rejects);
      }
      columns.add(p.handler.columns());
      offset += p.handler.linesSeen();
    }
    Frame f = CsvReading.frame(schema, columns);
    return new CsvReadReport(f, f.rowCount(), skipped[0], rejects);
  }

  private static Part parse(FileChannel ch, long from, long to, Schema schema, boolean inferred, boolean header,
      CsvReadSettings s) {
    CsvHandler h = new CsvHandler(s);
    int estimate = (int) Math.min(1 << 24, Math.max(16, (to - from) / 64));
    h.startTyped(schema, inferred, true, header, estimate);
    try (CsvReader<Object> r = CsvText.reader(h, new RegionStream(ch, from, to), s)) {
      for (Object ignored : r) {
        // The handler accumulates the columns.
      }
      return new Part(h, null);
    } catch (RuntimeException | IOException e) {
      return new Part(h, e);
    }
  }

  /** Part boundaries: 0, a position just after a line feed near each k/parts of the file, ..., size. */
  private static long[] bounds(FileChannel ch, long size, int parts) throws IOException {
    List<Long> b = new ArrayList<>();
    b.add(0L);
    ByteBuffer buf = ByteBuffer.allocate(8192);
    for (int k = 1; k < parts; k++) {
      long pos = Math.max(b.get(b.size() - 1), size * k / parts);
      long cut = -1;
      while (cut < 0 && pos < size) {
        buf.clear();
        int got = ch.read(buf, pos);
        if (got <= 0) {
          break;
        }
        for (int i = 0; i < got; i++) {
          if (buf.get(i) == '\n') {
            cut = pos + i + 1;
            break;
          }
        }
        pos += got;
      }
      if (cut > 0 && cut < size) {
        b.add(cut);
      }
    }
    b.add(size);
    return b.stream().mapToLong(Long::longValue).toArray();
  }

  private record Part(CsvHandler handler, Throwable error) {}

  /** The bytes {@code [from, to)} of a channel, read with positional reads (safe to share the channel). */
  static final class RegionStream extends InputStream {
    private final FileChannel ch;
    private long pos;
    private final long end;

    RegionStream(FileChannel ch, long from, long to) {
      this.ch = ch;
      this.pos = from;
      this.end = to;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= end) {
        return -1;
      }
      int n = (int) Math.min(len, end - pos);
      int got = ch.read(ByteBuffer.wrap(b, off, n), pos);
      if (got > 0) {
        pos += got;
      }
      return got;
    }

    @Override
    public void close() {
      // The channel belongs to the caller.
    }
  }
}
