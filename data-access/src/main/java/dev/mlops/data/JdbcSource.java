package dev.mlops.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.mlops.core.FrameSource;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named database source over a HikariCP pool: streaming queries into {@link dev.mlops.core.Frame} batches, and
 * all-or-nothing writes of a {@link FrameSource} into a table. Works with PostgreSQL, MariaDB, MySQL and H2 (each
 * driver is set up to stream, see {@link #query(Query)}); other drivers get the standard JDBC settings.
 *
 * <pre>{@code
 * try (JdbcSource warehouse = JdbcSource.open(JdbcConfig.load(Path.of("sources.yaml"), "warehouse"))) {
 *   try (QueryStream rows = warehouse.query("SELECT * FROM orders WHERE region = ?", "EU")) {
 *     rows.forEachRemaining(batch -> ...);
 *   }
 *   Frame small = warehouse.query("SELECT count(*) AS n FROM orders").readAll();
 * }
 * }</pre>
 *
 * <p>The password is read from its {@link Secret} when the pool connects and is kept only by the pool; it
 * appears in no message, log line or {@code toString}. Thread-safe: many threads can query at once, up to
 * {@link JdbcConfig#poolSize()} at a time (more wait up to {@link JdbcConfig#connectionTimeout()}).
 *
 * <p>Stability: experimental.
 */
public final class JdbcSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);

  private final JdbcConfig config;
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final Clock clock;
  private final AtomicInteger open = new AtomicInteger();
  private final AuditLog audit;
  private volatile boolean closed;

  private JdbcSource(JdbcConfig config, HikariDataSource pool, Clock clock, AuditLog audit) {
    this.config = config;
    this.dialect = Dialect.of(config.url());
    this.pool = pool;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Opens the pool and checks that it can connect.
   *
   * @throws StorageException naming the source, the URL, the user, the pool's state and the driver's cause if it
   *     cannot connect (never the password)
   */
  public static JdbcSource open(JdbcConfig config) {
    return open(config, Clock.systemUTC(), null);
  }

  /**
   * Opens a governed source: every query's read is recorded in {@code audit} when its stream is closed (source name,
   * query hash, purpose, rows read), and every query must have a purpose ({@link Query#withPurpose} or
   * {@link JdbcConfig#purpose()}). Build the log with the config's {@link JdbcConfig#auditUser()} as its user:
   * {@code AuditLog.builder().user(config.auditUser())...}.
   *
   * <pre>{@code
   * AuditLog audit = AuditLog.inBlobStore(blobs, "governance");
   * try (JdbcSource warehouse = JdbcSource.open(config, audit)) {
   *   warehouse.query(Query.of("SELECT * FROM accounts").withPurpose("churn training")).readAll();
   * }
   * }</pre>
   */
  public static JdbcSource open(JdbcConfig config, AuditLog audit) {
    return open(config, Clock.systemUTC(), Objects.requireNonNull(audit, "audit"));
  }

  static JdbcSource open(JdbcConfig config, Clock clock, AuditLog audit) {
    Objects.requireNonNull(config, "config");
    Dialect dialect = Dialect.of(config.url());
    try {
      java.sql.DriverManager.getDriver(config.url());
    } catch (SQLException e) {
      throw new ValidationException("source '" + config.name() + "': no JDBC driver on the class path accepts "
          + config.url() + "; add the driver to your build" + (dialect.driverArtifact == null ? ""
          : " (" + dialect.driverArtifact + ")"), e);
    }
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("mlops-" + config.name());
    hc.setJdbcUrl(config.url());
    if (config.user() != null) {
      hc.setUsername(config.user());
    }
    if (config.password() != null) {
      hc.setPassword(config.password().reveal());
    }
    hc.setMaximumPoolSize(config.poolSize());
    hc.setMinimumIdle(Math.min(1, config.poolSize()));
    hc.setConnectionTimeout(config.connectionTimeout().toMillis());
    hc.setInitializationFailTimeout(1); // connect once now: a bad URL or password fails open(), not the first query
    hc.setReadOnly(config.readOnly());
    if (dialect.initSql != null) {
      hc.setConnectionInitSql(dialect.initSql);
    }
    if (dialect == Dialect.POSTGRESQL) {
      // binary transfer from the first execution, and multi-row INSERTs for batches; a user's setting wins
      hc.addDataSourceProperty("prepareThreshold", "-1");
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
      // server error details quote row values ("Key (email)=(...) already exists"): keep data out of messages
      hc.addDataSourceProperty("logServerErrorDetail", "false");
    } else if (dialect == Dialect.MARIADB) {
      // the binary protocol: in text, every DOUBLE arrives as 17 digits the JDK parses slowly (9x the read time)
      hc.addDataSourceProperty("useServerPrepStmts", "true");
    }
    config.properties().forEach(hc::addDataSourceProperty);
    try {
      return new JdbcSource(config, new HikariDataSource(hc), clock, audit);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StorageException("source '" + config.name() + "' (" + config.url() + (config.user() == null ? ""
          : ", user " + config.user()) + ") cannot connect: " + cause.getMessage() + "; pool " + hc.getPoolName()
          + ": total 0, active 0, idle 0, waiting 0 (no connection could be opened); check that the server runs and "
          + "that the URL, user and password are right", cause);
    }
  }

  /** The source's name. */
  public String name() {
    return config.name();
  }

  /** Its configuration (the password shows only where it comes from). */
  public JdbcConfig config() {
    return config;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The database product this source talks to, as we treat it: PostgreSQL, MariaDB, MySQL, H2 or JDBC. */
  public String product() {
    return dialect.product;
  }

  /**
   * Runs {@code sql} with {@code params} bound to its {@code ?} placeholders, with the source's defaults.
   *
   * @see #query(Query)
   */
  public QueryStream query(String sql, Object... params) {
    return query(Query.of(sql, params));
  }

  /**
   * Runs the query and returns its result as a stream of batches, read as they are consumed. It really streams:
   * on PostgreSQL autocommit is off and the fetch size set (else pgjdbc buffers the whole result); MariaDB and
   * MySQL get their streaming fetch size; H2 sessions run with lazy query execution. Close the stream to return its
   * connection to the pool (mid-way too).
   *
   * <p>On PostgreSQL, a query without parameters (SELECT, WITH, VALUES or TABLE) read in batches of 1,000 rows or
   * more, whose columns are all integers, float4/float8, numeric, text/varchar/char, bool, date, time, timestamp,
   * timestamptz or uuid, is read with {@code COPY (query) TO STDOUT (FORMAT binary)} when pgjdbc is the driver:
   * the same batches, values and nulls as through the ResultSet, in less time and with a third of the allocation
   * (perf/README.md, jdbc-read). Its time limit is then the transaction's {@code statement_timeout}, which counts the
   * whole read. MariaDB sources use server-side prepared statements, whose binary protocol reads numbers several
   * times faster than the text one (a {@code useServerPrepStmts} property in the config wins).
   *
   * @throws StorageException naming the source and the query (its SQL and parameter types, not the values) if
   *     the database refuses it, no connection is free within the connection timeout, or it times out
   * @throws ValidationException if the result has a column type {@link JdbcTypes} does not map, or two columns
   *     with one name
   */
  public QueryStream query(Query q) {
    return query(q, true);
  }

  /** {@link #query(Query)}, with PostgreSQL's COPY fast path allowed or not (tests compare the two). */
  QueryStream query(Query q, boolean copyAllowed) {
    Objects.requireNonNull(q, "query");
    ensureOpen();
    String purpose = q.purpose() != null ? q.purpose() : config.purpose();
    if (audit != null && purpose == null) {
      throw new ValidationException("source '" + name() + "' is audited, so every read needs a purpose: "
          + "Query.of(sql).withPurpose(\"why\"), or 'purpose' in the source's config");
    }
    int batchRows = q.batchRows() > 0 ? q.batchRows() : config.batchRows();
    Connection c = borrow();
    PreparedStatement ps = null;
    ResultSet rs = null;
    Instant started = clock.instant();
    java.time.Duration limit = q.timeout() != null ? q.timeout() : config.queryTimeout();
    boolean executed = false;
    try {
      String consistency = "single-statement";
      dialect.prepareForStreaming(c);
      if (q.repeatableRead() && c.getMetaData().supportsTransactionIsolationLevel(
          Connection.TRANSACTION_REPEATABLE_READ)) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        consistency = "repeatable-read";
      }
      ps = c.prepareStatement(q.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(dialect.fetchSize(batchRows));
      if (limit.toSeconds() > 0) {
        ps.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, limit.toSeconds()));
      }
      bind(ps, q.params());
      JdbcTypes.Mapping mapping = null;
      PgCopyReader copy = null;
      if (copyAllowed && dialect == Dialect.POSTGRESQL && PgCopyReader.eligible(q, batchRows)
          && PgCopyReader.supports(c)) {
        ResultSetMetaData md = ps.getMetaData(); // described, not run
        PgBinaryColumn[] columns = md == null ? null : PgCopyReader.columns(md, batchRows);
        if (columns != null) {
          mapping = JdbcTypes.map(md, config);
          copy = PgCopyReader.start(c, q.sql(), columns, limit.toSeconds());
        }
      }
      if (copy == null) {
        rs = ps.executeQuery();
        executed = true;
        mapping = JdbcTypes.map(rs.getMetaData(), config);
      }
      open.incrementAndGet();
      return new QueryStream(this, q, batchRows, started, c, ps, rs, mapping, copy, limit, consistency, s -> {
        open.decrementAndGet();
        if (audit != null) {
          audit.append(AuditEvent.read(name(), AuditEntry.queryHash(q.sql(), q.params()), purpose, s.rowsRead()));
        }
      });
    } catch (SQLException | RuntimeException e) {
      if (executed && dialect.drainsOnClose()) {
        abandon(c); // closing the result would read all of it
      } else {
        closeAll(rs, ps, c);
      }
      if (e instanceof SQLException s) {
        throw failure("running " + q, s, false, limit);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Drops a connection whose result is still streaming, without reading the rest: aborts it (closing its socket)
   * and has the pool evict it.
   */
  void abandon(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("aborting a connection of source {} failed", name(), e);
    }
    try {
      pool.evictConnection(c);
    } catch (RuntimeException e) {
      LOG.debug("evicting a connection of source {} failed", name(), e);
    }
  }

  /** Queries running now (streams not yet closed). */
  public int openQueries() {
    return open.get();
  }

  /**
   * Writes every batch of {@code data} into {@code table} in one transaction: all rows or none.
   *
   * @see #write(String, FrameSource, WriteOptions)
   */
  public long write(String table, FrameSource data) {
    return write(table, data, WriteOptions.defaults());
  }

  /**
   * Writes every batch of {@code data} into {@code table} ({@code name} or {@code schema.name}) with batched
   * INSERTs in one transaction, creating the table from the data's schema first if {@link WriteOptions#createTable()}
   * and it does not exist. Either every row is written or, on any failure, none is (the transaction is rolled
   * back; a table this call created is dropped again, since MariaDB and MySQL commit DDL at once).
   *
   * <pre>{@code
   * long n = source.write("scores", Csv.source(Path.of("scores.csv")), WriteOptions.defaults().withCreateTable());
   * }</pre>
   *
   * @return the number of rows written
   * @throws ValidationException if the source is read-only or a name is not a plain SQL identifier
   * @throws StorageException naming the table and the rows of the failing batch if the database refuses them
   */
  public long write(String table, FrameSource data, WriteOptions options) {
    ensureOpen();
    if (config.readOnly()) {
      throw new ValidationException("source '" + name() + "' is read-only (readOnly: true); writing table '" + table
          + "' needs a source configured with readOnly: false");
    }
    return new JdbcWriter(this, table, data, options).run();
  }

  /** The pool's state now: total, active, idle connections and threads waiting for one. */
  public PoolState poolState() {
    HikariPoolMXBean mx = pool.getHikariPoolMXBean();
    if (mx == null) {
      return new PoolState(0, 0, 0, 0);
    }
    return new PoolState(mx.getTotalConnections(), mx.getActiveConnections(), mx.getIdleConnections(),
        mx.getThreadsAwaitingConnection());
  }

  /**
   * A snapshot of a pool's connections.
   *
   * @param total open connections
   * @param active connections in use
   * @param idle connections waiting in the pool
   * @param waiting threads waiting for a connection
   */
  public record PoolState(int total, int active, int idle, int waiting) {
    @Override
    public String toString() {
      return "total " + total + ", active " + active + ", idle " + idle + ", waiting " + waiting;
    }
  }

  /** Closes the pool; open query streams fail on their next read. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcSource[" + name() + " " + config.url() + ", " + dialect.product + (closed ? ", closed" : ", pool "
        + poolState()) + "]";
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  Clock clock() {
    return clock;
  }

  Connection borrow() {
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      throw new StorageException("source '" + name() + "' has no free connection after "
          + config.connectionTimeout().toMillis() + " ms (pool: " + poolState() + "; poolSize " + config.poolSize()
          + "): close finished query streams, raise poolSize or connectionTimeout; cause: " + e.getMessage(), e);
    }
  }

  /** A failure of the database, as our exception: cancelled, timed out, or refused, with the cause chained. */
  RuntimeException failure(String what, SQLException e, boolean cancelled, java.time.Duration limit) {
    String state = e.getSQLState();
    if (cancelled) {
      return new StorageException("source '" + name() + "': " + what + " was cancelled", e);
    }
    boolean timeout = e instanceof SQLTimeoutException || "57014".equals(state) || "70100".equals(state);
    if (timeout) {
      return new StorageException("source '" + name() + "': " + what + " timed out or was cancelled by the server "
          + "(time limit " + (limit.isZero() ? "none" : limit.toSeconds() + " s") + " per round trip to the server; "
          + "set it with queryTimeout in the config or Query.withTimeout)", e);
    }
    return new StorageException("source '" + name() + "': " + what + " failed: " + e.getMessage()
        + (state == null ? "" : " (SQLState " + state + ")"), e);
  }

  void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object v = params.get(i);
      int at = i + 1;
      if (v == null) {
        ps.setNull(at, Types.NULL);
      } else if (v instanceof Instant t && (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL)) {
        ps.setObject(at, java.time.LocalDateTime.ofInstant(t, ZoneOffset.UTC)); // the session runs in UTC
      } else if (v instanceof Instant t) {
        ps.setObject(at, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
      } else if (v instanceof BigInteger b) {
        ps.setBigDecimal(at, new BigDecimal(b));
      } else if (v instanceof UUID u && (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL)) {
        ps.setString(at, u.toString());
      } else {
        ps.setObject(at, v);
      }
    }
  }

  static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable r : resources) {
      if (r != null) {
        try {
          r.close();
        } catch (Exception e) {
          LOG.debug("closing {} failed", r.getClass().getSimpleName(), e);
        }
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("source '" + name() + "' is closed; open it again with JdbcSource.open");
    }
  }
}
