package dev.mlops.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A closeable, single-pass stream of {@link Frame} batches that all have one {@link Schema}: how data larger
 * than memory flows. Every reader (CSV, JDBC, dataset snapshots) is a FrameSource, and every writer consumes
 * one. Close it when done (try-with-resources); closing early releases what it holds.
 *
 * <pre>{@code
 * try (FrameSource src = Csv.reader().batchRows(50_000).open(Path.of("big.csv.gz"))) {
 *   while (src.hasNext()) {
 *     Frame batch = src.next();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Stability: stable. Implement it for new readers; {@link #of(Schema, Iterator)} adapts any iterator.
 */
public interface FrameSource extends Iterator<Frame>, AutoCloseable {

  /** The schema every batch has; known before the first batch is read. */
  Schema schema();

  /** Releases what the source holds (files, connections). Idempotent; does not throw checked exceptions. */
  @Override
  void close();

  /** Reads every remaining batch into one frame (an empty frame if none remain). Memory grows with the data. */
  default Frame readAll() {
    List<Frame> batches = new ArrayList<>();
    while (hasNext()) {
      batches.add(next());
    }
    return batches.isEmpty() ? Frame.empty(schema()) : Frame.concat(batches);
  }

  /** A source over {@code frames}, which must all have the schema of the first. */
  static FrameSource of(Frame first, Frame... more) {
    List<Frame> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(more));
    for (Frame f : all) {
      if (!f.schema().equals(first.schema())) {
        throw new ValidationException("every batch of a FrameSource has one schema; got " + f.schema()
            + " after " + first.schema());
      }
    }
    return of(first.schema(), all.iterator());
  }

  /** A source over {@code frame} cut into batches of at most {@code batchRows} rows. */
  static FrameSource of(Frame frame, int batchRows) {
    if (batchRows < 1) {
      throw new ValidationException("batchRows is " + batchRows + "; it must be at least 1");
    }
    Iterator<Frame> it = new Iterator<>() {
      private int at;

      @Override
      public boolean hasNext() {
        return at < frame.rowCount();
      }

      @Override
      public Frame next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int to = (int) Math.min((long) at + batchRows, frame.rowCount());
        Frame batch = frame.slice(at, to);
        at = to;
        return batch;
      }
    };
    return of(frame.schema(), it);
  }

  /** A source of {@code batches} with {@code schema}; each batch is checked against it as it is read. */
  static FrameSource of(Schema schema, Iterator<Frame> batches) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(batches, "batches");
    return new FrameSource() {
      private boolean closed;

      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public boolean hasNext() {
        return !closed && batches.hasNext();
      }

      @Override
      public Frame next() {
        if (closed) {
          throw new IllegalStateException("this FrameSource is closed");
        }
        Frame f = batches.next();
        if (!f.schema().equals(schema)) {
          throw new ValidationException("a batch has schema " + f.schema() + " but the source declared "
              + schema);
        }
        return f;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
