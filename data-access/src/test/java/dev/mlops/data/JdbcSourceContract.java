package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ColumnType;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Schema;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcSource} promises on every database we support; one subclass per database (PostgreSQL, MariaDB,
 * H2) supplies the connection and the SQL that differs.
 */
abstract class JdbcSourceContract {
  protected JdbcSource source;
  protected final List<String> tables = new ArrayList<>();

  /** A config for the database under test, writable, named {@code name}. */
  protected abstract JdbcConfig.Builder config(String name);

  /** DDL of a table {@code t} with columns i INTEGER, b BIGINT, s SMALLINT, n NUMERIC(12,3), d DOUBLE, r REAL,
   * v VARCHAR(50), x TEXT, f BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP (no zone), tz (with zone, or MariaDB's TIMESTAMP). */
  protected abstract String typedTableDdl(String t);

  /** A column type the policy does not map, e.g. a binary one, as DDL. */
  protected abstract String unmappedTypeDdl();

  /** A query returning rows 1..1000 (column g) where every row after the 50th takes about {@code millis}. */
  protected abstract String slowAfter50(int millis);

  /** A query returning {@code n} rows (g BIGINT, pad TEXT of {@code width} characters) without a table. */
  protected abstract String generated(int n, int width);

  @BeforeEach
  void open() {
    source = JdbcSource.open(config("test-" + getClass().getSimpleName().toLowerCase(Locale.ROOT)).readOnly(false)
        .poolSize(2).build());
  }

  @AfterEach
  void dropAndClose() throws SQLException {
    try {
      for (String t : tables) {
        exec("DROP TABLE IF EXISTS " + t);
      }
    } finally {
      source.close();
    }
  }

  protected String table(String stem) {
    String t = stem + "_" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_" + tables.size();
    tables.add(t);
    return t;
  }

  protected void exec(String... sql) throws SQLException {
    JdbcConfig c = source.config();
    try (Connection conn = DriverManager.getConnection(c.url(), c.user(), c.password() == null ? null
        : c.password().reveal()); Statement st = conn.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Test
  void returnsTheResultInBatchesOfBatchRows() throws SQLException {
    String t = table("batches");
    exec("CREATE TABLE " + t + " (id BIGINT, label VARCHAR(10))");
    StringBuilder insert = new StringBuilder("INSERT INTO " + t + " VALUES ");
    for (int i = 1; i <= 25; i++) {
      insert.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'k").append(i % 3).append("')");
    }
    exec(insert.toString());
    List<Integer> sizes = new ArrayList<>();
    long sum = 0;
    try (QueryStream rows = source.query(Query.of("SELECT id, label FROM " + t + " ORDER BY id").withBatchRows(10))) {
      assertEquals(List.of("id", "label"), rows.schema().names());
      while (rows.hasNext()) {
        Frame f = rows.next();
        sizes.add(f.rowCount());
        for (int r = 0; r < f.rowCount(); r++) {
          sum += f.getLong(r, "id");
        }
      }
      assertEquals(25, rows.rowsRead());
      assertTrue(rows.isExhausted());
    }
    assertEquals(List.of(10, 10, 5), sizes);
    assertEquals(325, sum);
    assertEquals(0, source.openQueries());
  }

  @Test
  void bindsParametersInsteadOfWritingThemIntoTheSql() throws SQLException {
    String t = table("params");
    exec("CREATE TABLE " + t + " (id BIGINT, name VARCHAR(40), score DOUBLE PRECISION, ok BOOLEAN, dday DATE)",
        "INSERT INTO " + t + " VALUES (1, 'alice', 0.5, TRUE, DATE '2026-01-02'), (2, 'bob', 1.5, FALSE, DATE '2026-03-04')");
    assertEquals(0, source.query("SELECT id FROM " + t + " WHERE name = ?", "x' OR '1'='1").readAll().rowCount(),
        "a quote in a value is data, not SQL");
    Frame f = source.query("SELECT id FROM " + t + " WHERE id = ? AND name = ? AND score > ? AND ok = ? AND dday = ?",
        2L, "bob", 1.0, false, LocalDate.of(2026, 3, 4)).readAll();
    assertEquals(1, f.rowCount());
    assertEquals(2L, f.getLong(0, "id"));
    assertEquals(2, source.query("SELECT id FROM " + t + " WHERE id = COALESCE(?, id)", (Object) null).readAll().rowCount());
  }

  @Test
  void mapsEverySqlTypeByThePolicyWithNulls() throws SQLException {
    String t = table("typed");
    exec(typedTableDdl(t),
        "INSERT INTO " + t + " (i, b, s, n, d, r, v, x, f, dt, tm, ts, tz) VALUES (-7, 9007199254740993, 12, 1234.567, "
            + "0.1, 2.5, 'héllo', 'long text', TRUE, DATE '2026-02-03', TIME '13:14:15', "
            + "TIMESTAMP '2026-02-03 04:05:06.123456', " + timestampTzLiteral() + ")",
        "INSERT INTO " + t + " (i) VALUES (NULL)");
    Frame f = source.query("SELECT i, b, s, n, d, r, v, x, f, dt, tm, ts, tz FROM " + t + " ORDER BY i").readAll();
    Schema s = f.schema();
    assertEquals(List.of(ColumnType.LONG, ColumnType.LONG, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE,
        ColumnType.DOUBLE, ColumnType.STRING, ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.TIMESTAMP,
        ColumnType.LONG, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP),
        s.fields().stream().map(Field::type).toList(), s.toString());
    for (Field field : s.fields()) {
      assertTrue(field.tags().stream().anyMatch(tag -> tag.startsWith(JdbcTypes.SQL_TAG_PREFIX)), field.toString());
    }
    int row = f.isNull(0, "i") ? 1 : 0;
    assertEquals(-7L, f.getLong(row, "i"));
    assertEquals(9007199254740993L, f.getLong(row, "b"), "a BIGINT beyond 2^53 stays exact");
    assertEquals(12L, f.getLong(row, "s"));
    assertEquals(1234.567, f.getDouble(row, "n"));
    assertEquals(0.1, f.getDouble(row, "d"));
    assertEquals(2.5, f.getDouble(row, "r"));
    assertEquals("héllo", f.getString(row, "v"));
    assertEquals("long text", f.getString(row, "x"));
    assertTrue(f.getBoolean(row, "f"));
    assertEquals(Instant.parse("2026-02-03T00:00:00Z"), f.getInstant(row, "dt"));
    assertEquals((13 * 3600 + 14 * 60 + 15) * 1_000_000L, f.getLong(row, "tm"));
    assertEquals(Instant.parse("2026-02-03T04:05:06.123456Z"), f.getInstant(row, "ts"));
    assertEquals(Instant.parse("2026-02-03T10:00:00Z"), f.getInstant(row, "tz"), "a zoned value becomes its UTC instant");
    int nullRow = 1 - row;
    for (String c : s.names()) {
      assertTrue(f.isNull(nullRow, c), "column " + c + " of the all-NULL row");
    }
  }

  /** Statements each test connection runs first (MariaDB: a UTC session, as the pool's). */
  protected List<String> sessionSetup() {
    return List.of();
  }

  /** A TIMESTAMP WITH TIME ZONE literal for 2026-02-03T10:00:00Z written in another zone. */
  protected String timestampTzLiteral() {
    return "TIMESTAMP WITH TIME ZONE '2026-02-03 12:00:00+02:00'";
  }

  @Test
  void anUnmappedTypeIsAnErrorNamingTheColumnAndReleasesTheConnection() throws SQLException {
    String t = table("unmapped");
    exec("CREATE TABLE " + t + " (id BIGINT, photo " + unmappedTypeDdl() + ")");
    ValidationException e = assertThrows(ValidationException.class, () -> source.query("SELECT id, photo FROM " + t));
    assertTrue(e.getMessage().contains("'photo'"), e.getMessage());
    assertEquals(0, source.poolState().active(), source.poolState().toString());
    assertEquals(0, source.openQueries());
  }

  @Test
  void twoColumnsWithOneNameAreAnError() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> source.query("SELECT 1 AS a, 2 AS A" + fromDual()));
    assertTrue(e.getMessage().contains("'A'") || e.getMessage().contains("'a'"), e.getMessage());
  }

  /** What a SELECT without a table needs (MariaDB and PostgreSQL need nothing; H2 neither). */
  protected String fromDual() {
    return "";
  }

  @Test
  void closingMidwayReturnsTheConnectionAndTheNextQueryWorks() {
    try (JdbcSource one = JdbcSource.open(source.config().toBuilder().poolSize(1).build())) {
      for (int round = 0; round < 3; round++) {
        QueryStream rows = one.query(Query.of(generated(200_000, 10)).withBatchRows(1000));
        assertEquals(1000, rows.next().rowCount());
        assertEquals(1, one.poolState().active());
        rows.close();
        rows.close(); // idempotent
        assertEquals(0, one.poolState().active(), one.poolState().toString());
      }
      assertEquals(3L, one.query("SELECT 3 AS n" + fromDual()).readAll().getLong(0, "n"));
    }
  }

  @Test
  void aQueryThatRunsTooLongTimesOutAndReleasesTheConnection() {
    StorageException e = assertThrows(StorageException.class, () -> {
      try (QueryStream rows = source.query(Query.of(slowAfter50(200)).withBatchRows(100)
          .withTimeout(Duration.ofSeconds(1)))) {
        while (rows.hasNext()) {
          rows.next();
        }
      }
    });
    assertTrue(e.getMessage().contains("timed out") || e.getMessage().contains("cancel"), e.getMessage());
    assertEquals(0, source.openQueries());
    assertEquals(0, source.poolState().active());
  }

  @Test
  void cancelStopsAStreamingQueryFromAnotherThread() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (QueryStream rows = source.query(Query.of(slowAfter50(100)).withBatchRows(10))) {
      for (int i = 0; i < 5; i++) {
        assertEquals(10, rows.next().rowCount()); // the fast rows
      }
      Future<Long> rest = reader.submit(() -> {
        while (rows.hasNext()) {
          rows.next();
        }
        return rows.rowsRead();
      });
      Thread.sleep(300);
      rows.cancel();
      java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> rest.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof StorageException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().contains("cancelled"), e.getCause().getMessage());
    } finally {
      reader.shutdownNow();
    }
    assertEquals(0, source.poolState().active());
  }

  @Test
  void writesAFrameSourceInOneTransactionCreatingTheTable() {
    String t = table("written");
    Schema schema = Schema.of(Field.of("id", ColumnType.LONG).withNullable(false), Field.of("score", ColumnType.DOUBLE),
        Field.of("name", ColumnType.STRING), Field.of("ok", ColumnType.BOOLEAN), Field.of("seen", ColumnType.TIMESTAMP));
    List<Frame> batches = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<List<?>> rows = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        long id = b * 700L + i;
        rows.add(java.util.Arrays.asList(id, id % 7 == 0 ? null : id / 10.0, id % 5 == 0 ? null : "n" + (id % 13),
            id % 2 == 0, id % 11 == 0 ? null : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id)));
      }
      batches.add(Frame.fromRows(schema, rows));
    }
    long n = source.write(t, FrameSource.of(schema, batches.iterator()), WriteOptions.defaults().withCreateTable()
        .withBatchSize(500));
    assertEquals(2100, n);
    Frame back = source.query("SELECT id, score, name, ok, seen FROM " + t + " ORDER BY id").readAll();
    assertEquals(2100, back.rowCount());
    Frame expected = Frame.concat(batches);
    for (int r = 0; r < 2100; r += 97) {
      for (String c : schema.names()) {
        assertEquals(expected.get(r, c), back.get(r, c), "row " + r + " column " + c);
      }
    }
  }

  @Test
  void aFailedWriteWritesNothing() throws SQLException {
    String t = table("atomic");
    exec("CREATE TABLE " + t + " (id BIGINT NOT NULL PRIMARY KEY)");
    Schema schema = Schema.of(Field.of("id", ColumnType.LONG));
    List<List<?>> rows = new ArrayList<>();
    for (long i = 0; i < 1500; i++) {
      rows.add(List.of(i == 1200 ? 5L : i)); // a duplicate key in the third batch
    }
    StorageException e = assertThrows(StorageException.class,
        () -> source.write(t, FrameSource.of(schema, List.of(Frame.fromRows(schema, rows)).iterator()),
            WriteOptions.defaults().withBatchSize(500)));
    assertTrue(e.getMessage().contains(t) && e.getMessage().contains("nothing was written"), e.getMessage());
    assertEquals(0L, source.query("SELECT COUNT(*) AS n FROM " + t).readAll().getLong(0, "n"));
    assertEquals(0, source.poolState().active());
  }

  @Test
  void aReadOnlySourceRefusesWrites() {
    try (JdbcSource ro = JdbcSource.open(source.config().toBuilder().readOnly(true).build())) {
      Schema schema = Schema.of(Field.of("id", ColumnType.LONG));
      ValidationException e = assertThrows(ValidationException.class,
          () -> ro.write("whatever", FrameSource.of(schema, List.<Frame>of().iterator())));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
  }

  @Test
  void tagsConfiguredColumnsAsPii() throws SQLException {
    String t = table("people");
    exec("CREATE TABLE " + t + " (id BIGINT, email VARCHAR(80), city VARCHAR(20))",
        "INSERT INTO " + t + " VALUES (1, 'a@example.com', 'Oslo')");
    try (JdbcSource tagged = JdbcSource.open(source.config().toBuilder().pii(t, "email").build())) {
      Schema s = tagged.query("SELECT id, email, city FROM " + t).readAll().schema();
      assertTrue(s.field("email").isPii(), s.toString());
      assertFalse(s.field("city").isPii());
      assertFalse(s.field("id").isPii());
    }
    try (JdbcSource anyTable = JdbcSource.open(source.config().toBuilder().pii("*", "email").build())) {
      assertTrue(anyTable.query("SELECT email AS email FROM " + t).readAll().schema().field("email").isPii());
    }
  }

  @Test
  void aBadPasswordFailsOpenWithTheCauseButNotThePassword() {
    JdbcConfig bad = source.config().toBuilder().user("nosuchuser_mlops").password(Secret.literal("hunter2-secret"))
        .connectionTimeout(Duration.ofSeconds(2)).build();
    StorageException e = assertThrows(StorageException.class, () -> JdbcSource.open(bad));
    assertTrue(e.getMessage().contains("cannot connect") && e.getMessage().contains("pool"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertFalse(String.valueOf(e.getCause()).contains("hunter2"));
    assertFalse(bad.toString().contains("hunter2"), bad.toString());
    assertNull(e.getCause() == null ? "no cause" : null, "the driver's cause is chained");
  }

  @Test
  void snapshotsAQueryWithItsProvenanceAndAuditsTheRead() throws SQLException {
    String t = table("snap");
    exec("CREATE TABLE " + t + " (id BIGINT, name VARCHAR(20), email VARCHAR(40))",
        "INSERT INTO " + t + " VALUES (1, 'a', 'a@example.com'), (2, 'b', NULL), (3, NULL, 'c@example.com')");
    dev.mlops.core.MemoryBlobStore blobs = dev.mlops.core.MemoryBlobStore.create();
    AuditLog audit = AuditLog.builder().user("trainer").inBlobStore(blobs, "governance");
    DatasetStore datasets = DatasetStore.builder(blobs).auditLog(audit).build();
    try (JdbcSource governed = JdbcSource.open(source.config(), audit)) {
      Snapshot s = datasets.snapshot("accounts", governed,
          Query.of("SELECT id, name FROM " + t + " WHERE id > ? ORDER BY id", 1L), "churn training");
      assertEquals(2, s.rows());
      assertEquals(governed.name(), s.source().name());
      assertEquals(governed.product(), s.source().product());
      assertTrue(s.source().sql().contains("WHERE id > ?"));
      assertEquals(List.of(java.util.Map.of("type", "Long", "value", "1")), s.source().params());
      assertEquals("repeatable-read", s.source().consistency());
      assertEquals(JdbcTypes.POLICY, s.source().typePolicy());
      assertEquals(0, governed.poolState().active());
      Frame back = datasets.open(s.ref()).readAll();
      assertEquals(List.of(2L, 3L), List.of(back.getLong(0, "id"), back.getLong(1, "id")));
      assertTrue(back.isNull(1, "name"));
      Snapshot again = datasets.snapshot("copy", FrameSource.of(back, 1), "the same rows");
      assertEquals(s.id(), again.id(), "equal data, equal id, wherever it came from");
      ValidationException noPurpose = assertThrows(ValidationException.class,
          () -> governed.query("SELECT id FROM " + t));
      assertTrue(noPurpose.getMessage().contains("purpose"), noPurpose.getMessage());
      governed.query(Query.of("SELECT id FROM " + t).withPurpose("a look")).readAll();
    }
    List<AuditEntry> entries = audit.entries().toList();
    assertEquals(List.of(AuditAction.READ, AuditAction.SNAPSHOT, AuditAction.SNAPSHOT, AuditAction.READ),
        entries.stream().map(AuditEntry::action).toList(), "the governed read, its snapshot, the copy, the look");
    assertEquals(2, entries.get(0).rows());
    assertEquals(entries.get(0).queryHash(), entries.get(1).queryHash());
    assertEquals(3, entries.get(3).rows());
    assertTrue(audit.verify().isOk());
    try (JdbcSource tagged = JdbcSource.open(source.config().toBuilder().pii(t, "email").build())) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> datasets.snapshot("people", tagged, Query.of("SELECT id, email FROM " + t), "training"));
      assertTrue(e.getMessage().contains("[email]"), e.getMessage());
      assertEquals(0, tagged.poolState().active());
    }
  }

  @Test
  void closingASlowResultEarlyDoesNotReadTheRest() {
    // the rest would take 950 x 50 ms: a close that drains it (as MariaDB's driver does) runs into the limit
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (QueryStream rows = source.query(Query.of(slowAfter50(50)).withBatchRows(10))) {
        assertEquals(10, rows.next().rowCount());
      }
    });
    assertEquals(0, source.poolState().active());
    assertEquals(1L, source.query("SELECT 1 AS n" + fromDual()).readAll().getLong(0, "n"));
  }

  @Test
  void instantsRoundTripThroughColumnsWithAndWithoutZoneWhateverTheJvmZone() throws SQLException {
    String t = table("zones");
    exec("CREATE TABLE " + t + " (id BIGINT, ts " + timestampWithoutZoneDdl() + ")",
        "INSERT INTO " + t + " VALUES (1, TIMESTAMP '2026-06-01 12:00:00')");
    Instant noon = Instant.parse("2026-06-01T12:00:00Z");
    assertEquals(1, source.query("SELECT id FROM " + t + " WHERE ts = ?", noon).readAll().rowCount(),
        "an Instant parameter matches the UTC wall-clock value (JVM zone " + java.util.TimeZone.getDefault().getID() + ")");
    Schema schema = Schema.of(Field.of("id", ColumnType.LONG), Field.of("ts", ColumnType.TIMESTAMP));
    source.write(t, FrameSource.of(Frame.fromRows(schema, List.of(List.of(2L, Instant.parse("2026-01-15T23:30:00Z"))))));
    Frame back = source.query("SELECT id, ts FROM " + t + " ORDER BY id").readAll();
    assertEquals(noon, back.getInstant(0, "ts"));
    assertEquals(Instant.parse("2026-01-15T23:30:00Z"), back.getInstant(1, "ts"));
  }

  /** A timestamp column without a time zone. */
  protected String timestampWithoutZoneDdl() {
    return "TIMESTAMP";
  }

  @Test
  void aFailedWriteDropsTheTableItCreated() {
    String t = table("dropped");
    Schema schema = Schema.of(Field.of("id", ColumnType.LONG));
    java.util.Iterator<Frame> failing = new java.util.Iterator<>() {
      private int n;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Frame next() {
        if (n++ == 1) {
          throw new IllegalStateException("the source broke");
        }
        return Frame.fromRows(schema, List.of(List.of(1L)));
      }
    };
    assertThrows(IllegalStateException.class,
        () -> source.write(t, FrameSource.of(schema, failing), WriteOptions.defaults().withCreateTable()));
    assertThrows(StorageException.class, () -> source.query("SELECT * FROM " + t).readAll(), "table " + t + " is gone");
  }

  @Test
  void anAliasOrAFunctionDoesNotHidePii() throws SQLException {
    String t = table("hidden");
    exec("CREATE TABLE " + t + " (id BIGINT, email VARCHAR(80))", "INSERT INTO " + t + " VALUES (1, 'a@example.com')");
    try (JdbcSource tagged = JdbcSource.open(source.config().toBuilder().pii(t, "email").build())) {
      assertTrue(tagged.query("SELECT email AS contact FROM " + t).readAll().schema().field("contact").isPii());
      assertTrue(tagged.query("SELECT lower(email) AS email FROM " + t).readAll().schema().field("email").isPii());
      assertFalse(tagged.query("SELECT COUNT(*) AS n FROM " + t).readAll().schema().field("n").isPii());
    }
  }
}
