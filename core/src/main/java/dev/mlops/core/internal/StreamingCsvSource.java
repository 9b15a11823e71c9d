package dev.mlops.core.internal;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.mlops.core.CsvReject;
import dev.mlops.core.CsvSource;
import dev.mlops.core.Frame;
import dev.mlops.core.Schema;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link CsvSource} over one text stream, parsed on the calling thread: samples the start for the header
 * and types, then fills one batch at a time. In whole mode (a whole-file read) there is one batch and a LONG
 * column may widen to DOUBLE. Not API.
 */
final class StreamingCsvSource implements CsvSource {
  private final String source;
  private final CsvReadSettings settings;
  private final CsvReader<Object> reader;
  private final Iterator<Object> it;
  private final CsvHandler handler;
  private final int batchRows;
  private final Schema schema;
  private final List<String[]> sample = new ArrayList<>();
  private final List<Long> sampleLines = new ArrayList<>();
  private int replayed;
  private Throwable pending;
  private long pendingLine;
  private int pendingFields;
  private String pendingRaw;
  private boolean done;
  private boolean closed;
  private Frame next;
  private long rowsRead;
  private final long[] skipped = new long[1];
  private final List<CsvReject> rejects = new ArrayList<>();
  /** Marks a blank line in the sample until the number of columns is known. */
  private static final String[] BLANK_LINE = new String[0];

  StreamingCsvSource(InputStream in, String source, CsvReadSettings s, boolean whole) {
    this.source = source;
    this.settings = s;
    this.batchRows = whole ? Integer.MAX_VALUE : s.batchRows();
    this.handler = new CsvHandler(s);
    this.reader = CsvText.reader(handler, in, s);
    try {
      this.it = reader.iterator();
      String[] header = null;
      int wanted = s.inferenceRows() + (s.header() ? 1 : 0);
      while (sample.size() < wanted && pending == null) {
        try {
          if (!it.hasNext()) {
            break;
          }
          Object o = it.next();
          if (o instanceof String[] fields) {
            sample.add(fields);
            sampleLines.add(handler.line());
          } else if (o == CsvHandler.BLANK && !(s.header() && sample.isEmpty())) {
            sample.add(BLANK_LINE); // a row only if the file turns out to have one column
            sampleLines.add(handler.line());
          }
        } catch (RuntimeException e) {
          pending = e;
          pendingLine = handler.line();
          pendingFields = handler.fieldsInRecord();
          pendingRaw = String.join(String.valueOf(s.delimiter()), sampleFieldsSoFar());
        }
      }
      if (s.header()) {
        if (sample.isEmpty()) {
          throw pending != null ? failNow(pending) : new ValidationException(source + " is empty; expected a "
              + "header row naming the columns (or read with header(false) and a schema(...))");
        }
        header = sample.remove(0);
        sampleLines.remove(0);
      } else if (sample.isEmpty() && s.schema() == null && pending == null) {
        throw new ValidationException(source + " is empty; there is no record to infer columns from (give a "
            + "schema(...) to read an empty file as an empty frame)");
      }
      int width = header != null ? header.length : s.schema() != null ? s.schema().size() : firstWidth();
      for (int i = sample.size() - 1; i >= 0; i--) {
        if (sample.get(i) == BLANK_LINE) {
          if (width == 1) {
            sample.set(i, new String[] {handler.emptyField()});
          } else {
            sample.remove(i);
            sampleLines.remove(i);
          }
        }
      }
      List<String> names = Inference.names(source, header, width, s);
      this.schema = Inference.schema(source, names, sample, s);
      handler.startTyped(schema, s.schema() == null, whole, false, Math.min(batchRows, 1 << 16));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private int firstWidth() {
    for (String[] r : sample) {
      if (r != BLANK_LINE) {
        return r.length;
      }
    }
    return sample.isEmpty() ? 0 : 1;
  }

  private List<String> sampleFieldsSoFar() {
    return handler.sampleFieldsSoFar();
  }

  private RuntimeException failNow(Throwable e) {
    CsvText.fail(e, source, 0, handler, settings, skipped, rejects);
    return new ValidationException(source + " has no complete header row");
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (next == null && !done) {
      next = fill();
    }
    return next != null;
  }

  @Override
  public Frame next() {
    if (closed) {
      throw new IllegalStateException("this CsvSource is closed");
    }
    if (!hasNext()) {
      throw new NoSuchElementException("no more batches in " + source);
    }
    Frame f = next;
    next = null;
    rowsRead += f.rowCount();
    return f;
  }

  private Frame fill() {
    try {
      while (handler.rows() < batchRows) {
        if (replayed < sample.size()) {
          handler.replay(sample.get(replayed), sampleLines.get(replayed));
          sample.set(replayed++, null);
        } else if (pending != null) {
          Throwable e = pending;
          pending = null;
          done = true;
          CsvReading.addRejects(handler, 0, rejects, settings.maxRejects());
          handler.rejects().clear();
          CsvText.fail(e, source, pendingLine, pendingFields, pendingRaw, settings, skipped, rejects);
          break;
        } else if (it.hasNext()) {
          it.next();
        } else {
          done = true;
          break;
        }
      }
    } catch (RuntimeException e) {
      done = true;
      CsvText.fail(e, source, 0, handler, settings, skipped, rejects);
    }
    if (done) {
      sample.clear();
      CsvReading.addRejects(handler, 0, rejects, settings.maxRejects());
      handler.rejects().clear();
    }
    if (handler.rows() == 0 && done) {
      return null;
    }
    Frame f = CsvReading.frame(schema, List.<Accumulator[]>of(handler.columns()));
    handler.newColumns(Math.min(batchRows, 1 << 16));
    return f;
  }

  @Override
  public long rowsRead() {
    return rowsRead;
  }

  @Override
  public long skippedRows() {
    return skipped[0] + handler.skipped();
  }

  @Override
  public List<CsvReject> rejects() {
    List<CsvReject> all = new ArrayList<>(rejects);
    CsvReading.addRejects(handler, 0, all, settings.maxRejects());
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return "CsvSource[" + source + ", " + schema + ", " + rowsRead + " rows read, " + skippedRows() + " skipped"
        + (closed ? ", closed" : done && next == null ? ", at end" : "") + "]";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException e) {
      // Closing a read-only stream; nothing was lost.
    }
  }
}
