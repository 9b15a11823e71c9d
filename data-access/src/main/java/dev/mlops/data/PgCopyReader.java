package dev.mlops.data;

import dev.mlops.core.Column;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL fast path of {@link JdbcSource#query}: {@code COPY (query) TO STDOUT (FORMAT binary)} through
 * pgjdbc's CopyManager, decoded here batch by batch into the columns the ResultSet path would build
 * ({@link PgBinaryColumn}). It skips pgjdbc's per-value work (a byte array per cell, a String per text value,
 * wasNull bookkeeping) and the round trip per fetch: the server streams rows as it produces them, and TCP flow
 * control holds it back while we are not reading, so memory stays bounded as with a cursor.
 *
 * <p>Used only when it gives the same result: a query without parameters, starting with SELECT, WITH, VALUES or
 * TABLE, whose every column has a type {@link PgBinaryColumn#of} decodes, with batches of at least
 * {@link #MIN_BATCH_ROWS} rows (the server sends COPY data in 8 KiB packets, so a small batch of a slow query could
 * wait for more rows than it needs; a cursor fetch returns as soon as its rows are ready). Anything else, or a
 * server that refuses the COPY, is read through the ResultSet. Not API.
 */
final class PgCopyReader {
  private static final Logger LOG = LoggerFactory.getLogger(PgCopyReader.class);
  /** The smallest batch read through COPY; smaller batches ask for latency, which a cursor fetch gives. */
  static final int MIN_BATCH_ROWS = 1000;
  private static final Pattern COPYABLE = Pattern.compile("(?is)\\s*(select|with|values|table)\\b.*");
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  /** Where the bytes come from: pgjdbc's CopyOut, one message at a time, or in tests any split of the same bytes. */
  interface Chunks {
    /** The next chunk of the COPY data, or {@code null} after the last. */
    byte[] next() throws SQLException;
  }

  private final Chunks in;
  private final PgBinaryColumn[] columns;
  private final PGConnection pg;
  private final CopyOut copy;
  private byte[] buf = new byte[0];
  private int pos;
  private int limit;
  private boolean started;
  private boolean ended;
  private boolean open = true;

  PgCopyReader(Chunks in, PgBinaryColumn[] columns, PGConnection pg, CopyOut copy) {
    this.in = in;
    this.columns = columns;
    this.pg = pg;
    this.copy = copy;
  }

  /** Whether {@code q}, read in batches of {@code batchRows}, may go through COPY (its columns still to check). */
  static boolean eligible(Query q, int batchRows) {
    return q.params().isEmpty() && batchRows >= MIN_BATCH_ROWS && COPYABLE.matcher(q.sql()).matches();
  }

  /** The COPY statement around {@code sql} (a trailing semicolon dropped; the newline ends a trailing comment). */
  static String copySql(String sql) {
    String body = sql.strip();
    while (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1).strip();
    }
    return "COPY (\n" + body + "\n) TO STDOUT (FORMAT binary)";
  }

  /** The decoders of every column of {@code md}, or {@code null} if any column has a type COPY is not used for. */
  static PgBinaryColumn[] columns(ResultSetMetaData md, int batchRows) throws SQLException {
    PgBinaryColumn[] cols = new PgBinaryColumn[md.getColumnCount()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = PgBinaryColumn.of(md, i + 1, batchRows);
      if (cols[i] == null) {
        return null;
      }
    }
    return cols;
  }

  /**
   * Whether {@code c} can read through COPY: a pgjdbc connection (a jdbc:postgresql: URL served by another driver
   * cannot), not in simple query mode (where describing a statement would run it), to a database whose text is
   * converted to UTF-8 (not SQL_ASCII, whose bytes pgjdbc interprets itself).
   */
  static boolean supports(Connection c) throws SQLException {
    try {
      if (!c.isWrapperFor(PGConnection.class)) {
        return false;
      }
      PGConnection pg = c.unwrap(PGConnection.class);
      return pg.getPreferQueryMode() != PreferQueryMode.SIMPLE
          && !"SQL_ASCII".equalsIgnoreCase(pg.getParameterStatus("server_encoding"));
    } catch (LinkageError e) { // pgjdbc is an optional dependency: without it, no COPY
      return false;
    }
  }

  /**
   * Starts {@code COPY (sql) TO STDOUT (FORMAT binary)} on {@code c}, a connection {@link #supports} accepts, with
   * autocommit off (so in the read's transaction, with its read-only and isolation settings); {@code
   * timeoutSeconds > 0} becomes the transaction's statement_timeout. Returns {@code null}, with the transaction
   * rolled back, if the server refuses the COPY: the caller then runs the query as usual.
   */
  static PgCopyReader start(Connection c, String sql, PgBinaryColumn[] columns, long timeoutSeconds)
      throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    try {
      if (timeoutSeconds > 0) {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL statement_timeout = " + Math.min(Integer.MAX_VALUE, timeoutSeconds * 1000));
        }
      }
      CopyOut out = pg.getCopyAPI().copyOut(copySql(sql));
      PgCopyReader reader = new PgCopyReader(out::readFromCopy, columns, pg, out);
      if (out.getFormat() != 1) { // not what was asked for: a server that only looks like PostgreSQL
        reader.close();
        c.rollback();
        return null;
      }
      return reader;
    } catch (SQLException e) {
      LOG.debug("COPY of [{}] refused ({}); reading it through a ResultSet", sql, e.getMessage());
      c.rollback();
      return null;
    }
  }

  /**
   * Reads up to {@code maxRows} rows into the columns; fewer only at the end of the data.
   *
   * @throws SQLException from the server (a failed or cancelled query), or if the data is not a binary COPY of
   *     the described columns
   */
  int read(int maxRows, AtomicBoolean cancelled) throws SQLException {
    if (!started) {
      readHeader();
      started = true;
    }
    int rows = 0;
    int n = columns.length;
    while (rows < maxRows && !ended) {
      if (cancelled.get()) {
        throw new SQLException("cancelled by QueryStream.cancel()", "57014");
      }
      if (!ensure(2)) {
        throw corrupt("the data ended without the end marker");
      }
      int fields = PgBinaryColumn.getShort(buf, pos);
      pos += 2;
      if (fields == -1) {
        while (in.next() != null) {
          // nothing follows the end marker; read to the end of the COPY so the connection is free again
        }
        ended = true;
        break;
      }
      if (fields != n) {
        throw corrupt("a row has " + fields + " fields; the query has " + n + " columns");
      }
      for (int i = 0; i < n; i++) {
        if (!ensure(4)) {
          throw corrupt("the data ended inside a row");
        }
        int len = PgBinaryColumn.getInt(buf, pos);
        pos += 4;
        if (len < 0) {
          columns[i].addNull();
        } else {
          if (!ensure(len)) {
            throw corrupt("the data ended inside a value");
          }
          PgBinaryColumn col = columns[i];
          // the common types called directly, so the JIT can inline them (one call site for all would not be)
          if (col instanceof PgBinaryColumn.Floats) {
            ((PgBinaryColumn.Floats) col).add(buf, pos, len);
          } else if (col instanceof PgBinaryColumn.Ints) {
            ((PgBinaryColumn.Ints) col).add(buf, pos, len);
          } else if (col instanceof PgBinaryColumn.Texts) {
            ((PgBinaryColumn.Texts) col).add(buf, pos, len);
          } else {
            col.add(buf, pos, len);
          }
          pos += len;
        }
      }
      rows++;
    }
    return rows;
  }

  /** The rows read since the last call, as columns; the next batch starts with room for {@code rows} rows. */
  List<Column> finish(int rows) {
    List<Column> out = new ArrayList<>(columns.length);
    for (PgBinaryColumn c : columns) {
      out.add(c.finish(rows));
    }
    return out;
  }

  /** Asks the server to cancel the COPY; safe from any thread, and does nothing once the read has ended. */
  synchronized void cancel() throws SQLException {
    if (open && pg != null) {
      pg.cancelQuery();
    }
  }

  /**
   * Ends the COPY if it is still running, so the connection can be reused: asks the server to cancel it and reads
   * what it sent until the end (pgjdbc's CopyOut.cancelCopy leaves that data on the connection, where the next
   * query would trip over it: pgjdbc issues 1290 and 3163).
   */
  void close() throws SQLException {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
      if (copy == null || !copy.isActive()) {
        return;
      }
      pg.cancelQuery();
    }
    try {
      while (copy.readFromCopy() != null) {
        // discarded: the rows the server sent before the cancel reached it
      }
    } catch (SQLException e) {
      if (!"57014".equals(e.getSQLState())) { // 57014: cancelled, as asked
        throw e;
      }
    }
  }

  private void readHeader() throws SQLException {
    if (!ensure(SIGNATURE.length + 8)) {
      throw corrupt("the data ended inside the header");
    }
    if (!java.util.Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw corrupt("the header does not start with PGCOPY");
    }
    pos += SIGNATURE.length;
    int flags = PgBinaryColumn.getInt(buf, pos);
    int extension = PgBinaryColumn.getInt(buf, pos + 4);
    pos += 8;
    if ((flags & 0xffff0000) != 0 || extension < 0 || !ensure(extension)) {
      throw corrupt("the header has flags 0x" + Integer.toHexString(flags) + " and an extension of " + extension
          + " bytes, which this reader does not know");
    }
    pos += extension;
  }

  /** Makes {@code n} bytes available at {@code buf[pos]}; false if the data ends first. */
  private boolean ensure(int n) throws SQLException {
    return limit - pos >= n || refill(n);
  }

  private boolean refill(int n) throws SQLException {
    while (limit - pos < n) {
      byte[] next = in.next();
      if (next == null) {
        return false;
      }
      int have = limit - pos;
      if (have == 0) {
        buf = next; // the usual case: PostgreSQL sends one row per message
        pos = 0;
        limit = next.length;
      } else { // a value across messages: join the rest with the next one
        byte[] joined = new byte[have + next.length];
        System.arraycopy(buf, pos, joined, 0, have);
        System.arraycopy(next, 0, joined, have, next.length);
        buf = joined;
        pos = 0;
        limit = joined.length;
      }
    }
    return true;
  }

  private static SQLException corrupt(String what) {
    return new SQLException("the binary COPY data is not as PostgreSQL writes it: " + what + "; a server that "
        + "speaks another COPY format can be read with a query parameter, which uses no COPY", "XX000");
  }
}
