package dev.mlops.data;

import dev.mlops.core.Column;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of one query as a {@link FrameSource}: batches of rows read from the database as they are consumed,
 * never the whole result at once. It holds one pooled connection until {@link #close()}, which also works
 * mid-way (the rest of the result is not read) and returns the connection to the pool. {@link #cancel()} stops a
 * running query from another thread.
 *
 * <pre>{@code
 * try (QueryStream rows = source.query("SELECT * FROM events WHERE day = ?", day)) {
 *   while (rows.hasNext()) {
 *     Frame batch = rows.next();   // up to batchRows rows
 *     ...
 *   }
 *   System.out.println(rows.rowsRead() + " rows");
 * }
 * }</pre>
 *
 * <p>Not thread-safe, like any iterator, except {@link #cancel()}.
 *
 * <p>Stability: experimental.
 */
public final class QueryStream implements FrameSource {
  private static final Logger LOG = LoggerFactory.getLogger(QueryStream.class);

  private final JdbcSource source;
  private final Query query;
  private final int batchRows;
  private final Instant startedAt;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final JdbcTypes.Mapping mapping;
  private final java.time.Duration timeout;
  private final String consistency;
  private final PgCopyReader copy; // the PostgreSQL COPY fast path, or null: the ResultSet rs
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final java.util.function.Consumer<QueryStream> onClose;
  private Frame pending;
  private boolean exhausted;
  private volatile boolean closed;
  private long rowsRead;

  QueryStream(JdbcSource source, Query query, int batchRows, Instant startedAt, Connection connection,
      PreparedStatement statement, ResultSet rs, JdbcTypes.Mapping mapping, PgCopyReader copy,
      java.time.Duration timeout, String consistency, java.util.function.Consumer<QueryStream> onClose) {
    this.timeout = timeout;
    this.consistency = consistency;
    this.source = source;
    this.query = query;
    this.batchRows = batchRows;
    this.startedAt = startedAt;
    this.connection = connection;
    this.statement = statement;
    this.rs = rs;
    this.mapping = mapping;
    this.copy = copy;
    this.onClose = onClose;
    if (copy == null) {
      for (JdbcTypes.Reader r : mapping.readers()) {
        r.start(batchRows);
      }
    }
  }

  @Override
  public Schema schema() {
    return mapping.schema();
  }

  /** The query this reads. */
  public Query query() {
    return query;
  }

  /** The name of the source it reads from. */
  public String sourceName() {
    return source.name();
  }

  /** When the query was sent. */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * How consistent the result is: {@code repeatable-read} when the query ran in its own REPEATABLE READ transaction,
   * else {@code single-statement} (one statement sees one state of the database on PostgreSQL, MariaDB and H2).
   */
  public String consistency() {
    return consistency;
  }

  /** The rows read from the database so far (the batch {@link #hasNext()} holds included). */
  public long rowsRead() {
    return rowsRead;
  }

  /** Whether every row of the result has been returned. */
  public boolean isExhausted() {
    return exhausted && pending == null;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !exhausted && !closed) {
      pending = readBatch();
    }
    return pending != null;
  }

  @Override
  public Frame next() {
    if (!hasNext()) {
      throw new NoSuchElementException(closed && !exhausted ? "the query stream of source '" + source.name() + "' is closed"
          : "no more rows: the query returned " + rowsRead);
    }
    Frame f = pending;
    pending = null;
    return f;
  }

  private Frame readBatch() {
    List<JdbcTypes.Reader> readers = mapping.readers();
    int rows = 0;
    try {
      if (copy != null) {
        rows = copy.read(batchRows, cancelled);
      } else {
        while (rows < batchRows && rs.next()) {
          if (cancelled.get()) { // drivers that compute rows lazily (H2) do not stop on Statement.cancel()
            throw new SQLException("cancelled by QueryStream.cancel()", "57014");
          }
          for (JdbcTypes.Reader r : readers) {
            r.read(rs);
          }
          rows++;
        }
      }
      if (rows < batchRows) {
        exhausted = true;
      }
    } catch (SQLException e) {
      RuntimeException failure = source.failure("reading the result of " + query, e, cancelled.get(), timeout);
      close();
      throw failure;
    } catch (RuntimeException e) {
      close(); // a value the policy cannot map: give the connection back before the caller sees the error
      throw e;
    }
    if (rows == 0) {
      if (exhausted) {
        close();
      }
      return null;
    }
    rowsRead += rows;
    if (exhausted) {
      close(); // the whole result is read: give the connection back now, not when the caller closes
    }
    List<Column> columns = new ArrayList<>(readers.size());
    if (copy != null) {
      columns.addAll(copy.finish(batchRows));
    } else {
      for (JdbcTypes.Reader r : readers) {
        columns.add(r.finish(batchRows));
      }
    }
    return Frame.of(mapping.schema(), columns);
  }

  /** Whether the rows come through PostgreSQL's binary COPY rather than the ResultSet (for tests). */
  boolean viaCopy() {
    return copy != null;
  }

  /** Reads every remaining batch into one frame and closes the stream. */
  @Override
  public Frame readAll() {
    try {
      return FrameSource.super.readAll();
    } finally {
      close();
    }
  }

  /**
   * Asks the database to stop the query; safe from any thread. The reading thread then gets a
   * {@link StorageException} saying the query was cancelled.
   */
  public void cancel() {
    if (cancelled.compareAndSet(false, true) && !closed) {
      try {
        if (copy != null) {
          copy.cancel();
          return;
        }
        statement.cancel();
      } catch (SQLException e) {
        LOG.debug("cancelling a query of source {} failed", source.name(), e);
      }
    }
  }

  /**
   * Ends the read and returns the connection to the pool; also mid-way, without reading the rest (on MariaDB and
   * MySQL, whose drivers would read it, the statement is cancelled first). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean early = !exhausted;
    try {
      if (early && source.dialect().drainsOnClose()) {
        // MariaDB's and MySQL's drivers read the rest of a streamed result on close, and Statement.cancel() does
        // nothing between reads: drop the connection instead (the pool replaces it)
        source.abandon(connection);
        return;
      }
      if (copy != null) {
        try {
          copy.close();
        } catch (SQLException e) {
          LOG.debug("ending the COPY of a query of source {} failed", source.name(), e);
        }
      } else {
        closeQuietly(rs);
      }
      closeQuietly(statement);
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback(); // a read: nothing to keep, and it ends the snapshot or cursor
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        LOG.debug("ending the read transaction of source {} failed", source.name(), e);
      }
    } finally {
      closeQuietly(connection);
      onClose.accept(this);
    }
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} of source {} failed", c.getClass().getSimpleName(), source.name(), e);
    }
  }
}
