package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditLogContract} for the database backend, tampering with the rows by SQL; plus what is particular to
 * tables. Each test uses tables of its own ({@code audit_test_<random>}), dropped afterwards.
 */
abstract class DatabaseAuditLogContract extends AuditLogContract {
  private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("seq", "seq"),
      Map.entry("time", "entry_time"), Map.entry("user", "user_name"), Map.entry("action", "action"),
      Map.entry("source", "source_name"), Map.entry("queryHash", "query_hash"), Map.entry("purpose", "purpose"),
      Map.entry("rows", "rows_read"), Map.entry("snapshotId", "snapshot_id"),
      Map.entry("previousHash", "previous_hash"), Map.entry("hash", "entry_hash"));

  final String table = "audit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  /** The database under test. */
  abstract DataSource dataSource();

  @Override
  AuditLog open(AuditLog.Builder options) {
    return options.inDatabase(dataSource(), table);
  }

  @AfterEach
  void dropTables() {
    sql("DROP TABLE IF EXISTS " + table);
    sql("DROP TABLE IF EXISTS " + table + "_head");
  }

  void sql(String statement, Object... params) {
    try (Connection c = dataSource().getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i] instanceof Instant t ? t.toString() : params[i]);
      }
      st.execute();
    } catch (SQLException e) {
      throw new AssertionError(statement + ": " + e.getMessage(), e);
    }
  }

  @Override
  void setField(long seq, String field, Object value) {
    if (value == null) {
      sql("UPDATE " + table + " SET " + COLUMNS.get(field) + " = NULL WHERE seq = ?", seq);
    } else {
      sql("UPDATE " + table + " SET " + COLUMNS.get(field) + " = ? WHERE seq = ?", value, seq);
    }
  }

  @Override
  void replace(AuditEntry e) {
    sql("UPDATE " + table + " SET entry_time = ?, user_name = ?, action = ?, source_name = ?, query_hash = ?, "
        + "purpose = ?, rows_read = ?, snapshot_id = ?, previous_hash = ?, entry_hash = ? WHERE seq = ?",
        e.time(), e.user(), e.action().name(), e.source(), e.queryHash(), e.purpose(), e.rows(), e.snapshotId(),
        e.previousHash(), e.hash(), e.seq());
  }

  @Override
  void delete(long seq) {
    sql("DELETE FROM " + table + " WHERE seq = ?", seq);
  }

  @Override
  void corrupt(long seq) {
    sql("UPDATE " + table + " SET action = 'PEEK' WHERE seq = ?", seq);
  }

  @Override
  void setHead(AuditAnchor head) {
    sql("UPDATE " + table + "_head SET seq = ?, entry_hash = ? WHERE id = 1", head.seq(), head.hash());
  }

  @Override
  void deleteHead() {
    sql("DELETE FROM " + table + "_head");
  }

  @Test
  void eachEntryIsOneRowAnAuditorCanQuery() throws SQLException {
    List<AuditEntry> made = appendFive(open());
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, entry_time, user_name, action, purpose, snapshot_id, "
            + "entry_hash FROM " + table + " WHERE action = 'SNAPSHOT'")) {
      assertTrue(rs.next());
      AuditEntry third = made.get(2);
      assertEquals(3, rs.getLong(1));
      assertEquals(third.time().toString(), rs.getString(2));
      assertEquals("alice", rs.getString(3));
      assertEquals(third.purpose(), rs.getString(5), "non-ASCII text and line breaks round-trip");
      assertEquals("snap-3", rs.getString(6));
      assertEquals(third.hash(), rs.getString(7));
    }
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, entry_hash FROM " + table + "_head WHERE id = 1")) {
      assertTrue(rs.next());
      assertEquals(AuditAnchor.of(made.get(4)), new AuditAnchor(rs.getLong(1), rs.getString(2)));
    }
  }

  @Test
  void reopeningKeepsTheTablesAndTheirEntries() {
    appendFive(open());
    AuditLog again = open();
    assertEquals(5, again.entries().count());
    assertTrue(again.verify().isOk());
  }

  @Test
  void logsInDifferentTablesAreSeparate() {
    String other = table + "_b";
    try {
      AuditLog a = open();
      AuditLog b = AuditLog.builder().user("bob").inDatabase(dataSource(), other);
      appendFive(a);
      assertEquals(1, b.append(AuditEvent.read("warehouse", Q1, "other log", 1)).seq());
      assertEquals(5, a.entries().count());
      assertEquals(1, b.entries().count());
    } finally {
      sql("DROP TABLE IF EXISTS " + other);
      sql("DROP TABLE IF EXISTS " + other + "_head");
    }
  }

  @Test
  void rejectsTableNamesThatAreNotPlainIdentifiers() {
    for (String bad : new String[] {"", "audit; DROP TABLE x", "1audit", "a-b", "\"quoted\"", "x".repeat(59)}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> AuditLog.inDatabase(dataSource(), bad), bad);
      assertTrue(e.getMessage().contains("audit table name"), e.getMessage());
    }
  }
}
