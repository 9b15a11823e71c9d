package dev.mlops.data;

import dev.mlops.core.IntegrityException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audit log in a database table, one row per entry with {@code seq} as primary key, so of writers racing for a
 * number exactly one inserts it and the others get a key violation and retry. A second table {@code <table>_head}
 * holds one row (id 1) with the last entry's seq and hash, moved in the same transaction as each insert. Time is
 * stored as the text {@link Instant#toString()} writes, so it round-trips exactly whatever the database's timestamp
 * precision and session time zone. The DDL is the same on PostgreSQL, MariaDB/MySQL and H2, except that on
 * MariaDB/MySQL the tables are InnoDB (transactional) with utf8mb4 and a binary collation (so text round-trips
 * exactly). Not API.
 */
final class JdbcAuditStore implements AuditStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStore.class);
  /** An unquoted identifier, optionally schema-qualified; short enough for PostgreSQL's 63 bytes with "_head". */
  private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,57}");
  private static final int PAGE = 1000;
  private static final String COLUMNS = "seq, entry_time, user_name, action, source_name, query_hash, purpose, "
      + "rows_read, snapshot_id, previous_hash, entry_hash";

  private final DataSource ds;
  private final String table;
  private final String head;
  private final String describe;

  private JdbcAuditStore(DataSource ds, String table, String describe) {
    this.ds = ds;
    this.table = table;
    this.head = table + "_head";
    this.describe = describe;
  }

  /** Opens the log in {@code table}, creating the tables if missing and the head row if the log is empty. */
  static JdbcAuditStore open(DataSource ds, String table) {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new ValidationException("audit table name " + (table == null ? "is missing" : "'"
          + AuditChecks.printable(table) + "' is not valid") + "; expected an unquoted SQL identifier of letters, "
          + "digits and '_' (at most 58 characters, optionally schema-qualified), e.g. \"audit_log\"");
    }
    try (Connection c = ds.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      JdbcAuditStore store = new JdbcAuditStore(ds, table, "table " + table + " in " + product);
      String options = isMySqlFamily(product)
          ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
      store.create(c, "CREATE TABLE IF NOT EXISTS " + table + " ("
          + "seq BIGINT NOT NULL PRIMARY KEY, "
          + "entry_time VARCHAR(40) NOT NULL, "
          + "user_name VARCHAR(" + AuditChecks.MAX_NAME + ") NOT NULL, "
          + "action VARCHAR(16) NOT NULL, "
          + "source_name VARCHAR(" + AuditChecks.MAX_NAME + ") NOT NULL, "
          + "query_hash VARCHAR(64) NOT NULL, "
          + "purpose VARCHAR(" + AuditChecks.MAX_PURPOSE + ") NOT NULL, "
          + "rows_read BIGINT NOT NULL, "
          + "snapshot_id VARCHAR(" + AuditChecks.MAX_NAME + "), "
          + "previous_hash VARCHAR(64) NOT NULL, "
          + "entry_hash VARCHAR(64) NOT NULL)" + options, table);
      store.create(c, "CREATE TABLE IF NOT EXISTS " + store.head + " ("
          + "id INTEGER NOT NULL PRIMARY KEY, "
          + "seq BIGINT NOT NULL, "
          + "entry_hash VARCHAR(64) NOT NULL)" + options, store.head);
      store.createHeadIfEmpty(c);
      return store;
    } catch (SQLException e) {
      throw new StorageException("cannot open the audit log in table " + table + ": " + e.getMessage()
          + " (SQLState " + e.getSQLState() + "); check that the data source's user may create and write tables", e);
    }
  }

  private static boolean isMySqlFamily(String product) {
    String p = product.toLowerCase(Locale.ROOT);
    return p.contains("mariadb") || p.contains("mysql");
  }

  /**
   * Runs {@code ddl}; if it fails but the table is there (another process created it at the same moment, which
   * PostgreSQL reports as a key violation on its catalog), carries on.
   */
  private void create(Connection c, String ddl, String name) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(ddl);
    } catch (SQLException e) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      try (Statement st = c.createStatement()) {
        st.executeQuery("SELECT 1 FROM " + name + " WHERE 1 = 0").close();
      } catch (SQLException again) {
        e.addSuppressed(again);
        throw e;
      }
    }
  }

  /** Creates the head row at seq 0 if there is no head row and no entry (only looking, so a damaged log opens). */
  private void createHeadIfEmpty(Connection c) throws SQLException {
    if (hasRow(c, "SELECT id FROM " + head + " WHERE id = 1") || hasRow(c, "SELECT seq FROM " + table + " LIMIT 1")) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + head + " (id, seq, entry_hash) VALUES (1, 0, ?)")) {
      st.setString(1, AuditEntry.GENESIS_HASH);
      st.executeUpdate();
    } catch (SQLException e) {
      if (!isConstraintViolation(e)) {
        throw e;
      }
      // another process created it first
    }
  }

  private static boolean hasRow(Connection c, String query) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      return rs.next();
    }
  }

  @Override
  public AuditAnchor last() {
    try (Connection c = ds.getConnection()) {
      return lastEntry(c);
    } catch (SQLException e) {
      throw failed("read the last entry of", e);
    }
  }

  private AuditAnchor lastEntry(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, entry_hash FROM " + table + " ORDER BY seq DESC LIMIT 1")) {
      if (!rs.next()) {
        return AuditAnchor.EMPTY;
      }
      long seq = rs.getLong(1);
      try {
        return new AuditAnchor(seq, rs.getString(2));
      } catch (ValidationException e) {
        throw new IntegrityException("entry " + seq + " of audit log " + describe + " has an unreadable hash ("
            + e.getMessage() + "), so there is no hash to chain the next entry to; run verify() and restore the "
            + "log from a backup", e);
      }
    }
  }

  /**
   * Appends on one connection, each attempt a transaction: read the last entry, insert the next, move the head,
   * commit. A key violation on {@code seq} means another writer committed that number first: roll back, read again,
   * retry. So does a deadlock or serialization failure.
   */
  @Override
  public AuditEntry append(Function<AuditAnchor, AuditEntry> next) {
    long tried = 0;
    try (Connection c = ds.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        SQLException violation = null;
        for (int attempt = 0; attempt < ChainedAuditLog.MAX_ATTEMPTS; attempt++) {
          AuditAnchor last = lastEntry(c);
          if (violation != null && last.seq() < tried) {
            throw violation; // the key violation was not about seq: another writer does not hold the number
          }
          AuditEntry entry = next.apply(last);
          tried = entry.seq();
          try {
            insert(c, entry);
            return entry;
          } catch (SQLException e) {
            c.rollback();
            if (isConstraintViolation(e)) {
              violation = e;
            } else if (isTransient(e)) {
              LOG.debug("transient failure appending entry {} to audit log {}; retrying", tried, describe, e);
              violation = null;
            } else {
              throw e;
            }
          }
        }
        throw ChainedAuditLog.tooManyAttempts(describe);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback(); // ends any transaction still open (a failed read, a give-up); a no-op after a commit
        }
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failed("append entry " + tried + " to", e);
    }
  }

  private void insert(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setLong(1, e.seq());
      st.setString(2, e.time().toString());
      st.setString(3, e.user());
      st.setString(4, e.action().name());
      st.setString(5, e.source());
      st.setString(6, e.queryHash());
      st.setString(7, e.purpose());
      st.setLong(8, e.rows());
      st.setString(9, e.snapshotId());
      st.setString(10, e.previousHash());
      st.setString(11, e.hash());
      st.executeUpdate();
    }
    int moved;
    try (PreparedStatement st = c.prepareStatement("UPDATE " + head
        + " SET seq = ?, entry_hash = ? WHERE id = 1 AND seq < ?")) {
      st.setLong(1, e.seq());
      st.setString(2, e.hash());
      st.setLong(3, e.seq());
      moved = st.executeUpdate();
    }
    c.commit();
    if (moved == 0) {
      LOG.warn("the head of audit log {} is missing or ahead of entry {}; leaving it for verify() to report",
          describe, e.seq());
    }
  }

  @Override
  public Iterator<Stored> read(long fromSeq) {
    return new Iterator<>() {
      private final Deque<Stored> page = new ArrayDeque<>();
      private long from = fromSeq;
      private boolean readAll;

      @Override
      public boolean hasNext() {
        if (page.isEmpty() && !readAll) {
          readPage(from, page);
          readAll = page.size() < PAGE;
          if (!page.isEmpty()) {
            from = page.getLast().seq() + 1;
          }
        }
        return !page.isEmpty();
      }

      @Override
      public Stored next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more entries in audit log " + describe);
        }
        return page.poll();
      }
    };
  }

  private void readPage(long from, Deque<Stored> out) {
    try (Connection c = ds.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
            + " WHERE seq >= ? ORDER BY seq LIMIT " + PAGE)) {
      st.setLong(1, from);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw failed("read entries from " + from + " of", e);
    }
  }

  private static Stored row(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    String time = rs.getString(2);
    String action = rs.getString(4);
    try {
      AuditEntry e = new AuditEntry(seq, Instant.parse(time), rs.getString(3), AuditAction.valueOf(action),
          rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
          rs.getString(11));
      return new Stored(seq, e, null);
    } catch (DateTimeException ex) {
      return new Stored(seq, null, "entry_time '" + time + "' is not an ISO-8601 instant (" + ex.getMessage() + ")");
    } catch (NullPointerException ex) {
      return new Stored(seq, null, "a column that must hold a value is null (" + ex.getMessage() + ")");
    } catch (IllegalArgumentException ex) {
      return new Stored(seq, null, "action '" + action + "' is not one of " + Arrays.toString(AuditAction.values()));
    } catch (ValidationException ex) {
      return new Stored(seq, null, ex.getMessage());
    }
  }

  @Override
  public Optional<AuditAnchor> head() {
    try (Connection c = ds.getConnection()) {
      return readHead(c);
    } catch (SQLException e) {
      throw failed("read the head of", e);
    }
  }

  private Optional<AuditAnchor> readHead(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, entry_hash FROM " + head + " WHERE id = 1")) {
      return rs.next() ? Optional.of(new AuditAnchor(rs.getLong(1), rs.getString(2))) : Optional.empty();
    }
  }

  @Override
  public String describe() {
    return describe;
  }

  /** A unique or primary key violation (SQLState class 23). */
  private static boolean isConstraintViolation(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("23");
  }

  /**
   * A deadlock or serialization failure (SQLState class 40), a MariaDB/MySQL lock wait timeout (error 1205), or H2's
   * lock timeout or concurrent update (errors 50200, 90131).
   */
  private static boolean isTransient(SQLException e) {
    int code = e.getErrorCode();
    return e.getSQLState() != null && e.getSQLState().startsWith("40") || code == 1205 || code == 50200
        || code == 90131;
  }

  private StorageException failed(String what, SQLException e) {
    return new StorageException("could not " + what + " audit log " + describe + ": " + e.getMessage() + " (SQLState "
        + e.getSQLState() + ", error " + e.getErrorCode() + "); check the connection and the data source's "
        + "permissions on " + table + " and " + head, e);
  }
}
