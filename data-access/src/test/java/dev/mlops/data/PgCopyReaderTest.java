package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Frame;
import dev.mlops.core.StorageException;
import dev.mlops.core.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's binary COPY path gives exactly the Frames the ResultSet path gives (every type it decodes, nulls,
 * edge values, any batch and any split of the bytes), and behaves as a query stream must (close mid-way, cancel,
 * time limit, errors, read-only sources); everything else still goes through the ResultSet.
 */
class PgCopyReaderTest {
  private static final String URL = PostgresJdbcSourceTest.URL;
  /** Every type the COPY path decodes, and a key to order by. */
  private static final String EVERY_TYPE = "k INT, s2 SMALLINT, i4 INTEGER, i8 BIGINT, r4 REAL, d8 DOUBLE PRECISION, "
      + "n NUMERIC, n2 NUMERIC(12,3), t TEXT, v VARCHAR(20), c CHAR(5), f BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP, "
      + "tz TIMESTAMPTZ, u UUID";

  private JdbcSource source;
  private final List<String> tables = new ArrayList<>();

  @BeforeAll
  static void server() {
    TestServers.requirePostgres();
  }

  @BeforeEach
  void open() {
    source = JdbcSource.open(JdbcConfig.builder("copy-test").url(URL).user("postgres").poolSize(2).build());
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

  @Test
  void copyGivesTheSameFramesAsTheResultSetForEveryTypeAndNull() throws SQLException {
    String t = everyTypeTable();
    for (int batch : new int[] {1000, 1024, 10_000}) {
      List<Frame> copied = batches(Query.of("SELECT * FROM " + t + " ORDER BY k").withBatchRows(batch), true);
      List<Frame> read = batches(Query.of("SELECT * FROM " + t + " ORDER BY k").withBatchRows(batch), false);
      assertEquals(read.size(), copied.size(), "batches of " + batch);
      for (int i = 0; i < read.size(); i++) {
        assertEquals(read.get(i).schema(), copied.get(i).schema());
        assertEquals(read.get(i), copied.get(i), "batch " + i + " of " + batch + " rows");
      }
      assertEquals(2504, read.stream().mapToInt(Frame::rowCount).sum());
    }
  }

  @Test
  void edgeValuesGiveTheSameValueOrTheSameErrorBothWays() {
    String[] values = {
        "'NaN'::numeric", "'Infinity'::numeric", "'-Infinity'::numeric", "0::numeric", "(-0.0)::numeric",
        "123456789012345678901234567890.123456789::numeric", "1e-300::numeric", "-1e-400::numeric",
        "1e308::numeric * 10", "9007199254740993::numeric", "0.1::numeric", "'NaN'::float8", "'-0'::float8",
        "'Infinity'::float4", "'1.1'::float4", "'-32768'::int2", "'-9223372036854775808'::int8",
        "'infinity'::date", "'-infinity'::date", "'4713-01-01 BC'::date", "'5874897-12-31'::date",
        "'1582-10-10'::date", "'24:00:00'::time", "'23:59:59.999999'::time", "'infinity'::timestamp",
        "'-infinity'::timestamp", "'294276-12-31 23:59:59.999999'::timestamp", "'4713-01-01 00:00:00 BC'::timestamp",
        "'1969-12-31 23:59:59.999999'::timestamp", "'infinity'::timestamptz",
        "'2000-01-01 00:00:00.000001+14'::timestamptz",
        "''::text", "E'tab\\there'::text", "'ünïcødé ✓ 🎉'::text", "'ab'::char(4)", "NULL::uuid", "TRUE", "NULL::bool"};
    for (String v : values) {
      String sql = "SELECT " + v + " AS v, g FROM generate_series(1, 3) g";
      Object copied = frameOrError(Query.of(sql).withBatchRows(1000), true);
      Object read = frameOrError(Query.of(sql).withBatchRows(1000), false);
      assertEquals(read, copied, v);
    }
  }

  @Test
  void theDecoderReadsTheSameFramesFromAnySplitOfTheBytes() throws Exception {
    String t = everyTypeTable();
    String sql = "SELECT * FROM " + t + " ORDER BY k";
    List<Frame> expected = batches(Query.of(sql).withBatchRows(1000), false);
    byte[] bytes;
    try (Connection c = connect()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.unwrap(PGConnection.class).getCopyAPI().copyOut(PgCopyReader.copySql(sql), out);
      bytes = out.toByteArray();
      for (int chunk : new int[] {1, 3, 7, 64, 4096, bytes.length}) {
        PgBinaryColumn[] columns;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          columns = PgCopyReader.columns(ps.getMetaData(), 1000);
        }
        assertNotNull(columns);
        int[] at = {0};
        PgCopyReader reader = new PgCopyReader(() -> {
          if (at[0] == bytes.length) {
            return null;
          }
          int end = Math.min(bytes.length, at[0] + chunk);
          byte[] part = Arrays.copyOfRange(bytes, at[0], end);
          at[0] = end;
          return part;
        }, columns, null, null);
        for (Frame want : expected) {
          assertEquals(want.rowCount(), reader.read(1000, new AtomicBoolean()), "chunks of " + chunk);
          assertEquals(want, Frame.of(want.schema(), reader.finish(1000)), "chunks of " + chunk);
        }
        assertEquals(0, reader.read(1000, new AtomicBoolean()));
      }
    }
  }

  @Test
  void truncatedDataIsAnErrorNotAShortResult() throws Exception {
    String sql = "SELECT g, 'x' || g AS s FROM generate_series(1, 100) g";
    try (Connection c = connect()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.unwrap(PGConnection.class).getCopyAPI().copyOut(PgCopyReader.copySql(sql), out);
      byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 5);
      PgBinaryColumn[] columns;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        columns = PgCopyReader.columns(ps.getMetaData(), 1000);
      }
      boolean[] given = {false};
      PgCopyReader reader = new PgCopyReader(() -> {
        if (given[0]) {
          return null;
        }
        given[0] = true;
        return cut;
      }, columns, null, null);
      SQLException e = assertThrows(SQLException.class, () -> reader.read(1000, new AtomicBoolean()));
      assertTrue(e.getMessage().contains("ended inside"), e.getMessage());
    }
  }

  @Test
  void onlyQueriesItCanReadExactlyGoThroughCopy() throws SQLException {
    String t = table("fallback");
    exec("CREATE TABLE " + t + " (id INT, doc JSONB, raw BYTEA)",
        "INSERT INTO " + t + " VALUES (1, '{\"a\": 1}', NULL)");
    assertTrue(viaCopy(Query.of("SELECT id FROM " + t)));
    assertTrue(viaCopy(Query.of("  with x AS (SELECT id FROM " + t + ") SELECT * FROM x;  ")));
    assertTrue(viaCopy(Query.of("VALUES (1, 'a')")));
    assertTrue(viaCopy(Query.of("SELECT id FROM " + t + " -- a trailing comment")));
    assertFalse(viaCopy(Query.of("SELECT id FROM " + t + " WHERE id = ?", 1)), "parameters");
    assertFalse(viaCopy(Query.of("SELECT id FROM " + t).withBatchRows(999)), "small batches");
    assertFalse(viaCopy(Query.of("SELECT id, doc FROM " + t)), "jsonb is read as text by pgjdbc");
    assertFalse(viaCopy(Query.of("SHOW server_version")));
    try (JdbcSource simple = JdbcSource.open(source.config().toBuilder().property("preferQueryMode", "simple")
        .build()); QueryStream rows = simple.query(Query.of("SELECT id FROM " + t))) {
      assertFalse(rows.viaCopy(), "simple query mode, where describing a query would run it");
      assertEquals(1L, rows.readAll().getLong(0, "id"));
    }
    try (QueryStream rows = source.query(Query.of("SELECT id, doc FROM " + t))) {
      assertEquals("{\"a\": 1}", rows.readAll().getString(0, "doc"));
    }
    assertThrows(dev.mlops.core.ValidationException.class, () -> source.query("SELECT raw FROM " + t),
        "an unmapped type is still an error");
  }

  @Test
  void aCopyTheServerRefusesIsRolledBackAndLeftToTheResultSet() throws SQLException {
    String sql = "SELECT 1 / 0 AS x"; // described fine; planning folds the division and fails
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      PgBinaryColumn[] columns;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        columns = PgCopyReader.columns(ps.getMetaData(), 1000);
      }
      assertNotNull(columns);
      assertNull(PgCopyReader.start(c, sql, columns, 0));
      try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT 2")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1), "the failed COPY's transaction was rolled back");
      }
    }
    StorageException e = assertThrows(StorageException.class, () -> source.query(sql).readAll());
    assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
    assertEquals(0, source.poolState().active());
  }

  @Test
  void aReadOnlySourceCannotChangeDataThroughCopy() throws SQLException {
    String t = table("readonly");
    exec("CREATE TABLE " + t + " (id INT)", "INSERT INTO " + t + " VALUES (1), (2)");
    StorageException e = assertThrows(StorageException.class,
        () -> source.query("WITH gone AS (DELETE FROM " + t + " RETURNING id) SELECT id FROM gone").readAll());
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    assertEquals(2L, source.query("SELECT count(*) AS n FROM " + t).readAll().getLong(0, "n"));
  }

  @Test
  void closingMidwayEndsTheCopyAndTheConnectionServesTheNextQuery() {
    try (JdbcSource one = JdbcSource.open(source.config().toBuilder().poolSize(1).build())) {
      for (int round = 0; round < 3; round++) {
        QueryStream rows = one.query(Query.of("SELECT g, repeat('x', 50) AS pad FROM generate_series(1, 3000000) g")
            .withBatchRows(1000));
        assertTrue(rows.viaCopy());
        assertEquals(1000, rows.next().rowCount());
        rows.close();
        assertEquals(0, one.poolState().active(), one.poolState().toString());
      }
      assertEquals(3L, one.query("SELECT 3 AS n").readAll().getLong(0, "n"));
    }
  }

  @Test
  void cancelStopsACopyFromAnotherThread() throws Exception {
    String sql = "SELECT g, CASE WHEN g > 3000 THEN pg_sleep(0.01)::text END AS s FROM generate_series(1, 100000) g";
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (QueryStream rows = source.query(Query.of(sql).withBatchRows(1000))) {
      assertTrue(rows.viaCopy());
      assertEquals(1000, rows.next().rowCount());
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
    assertEquals(1L, source.query("SELECT 1 AS n").readAll().getLong(0, "n"));
  }

  @Test
  void theTimeLimitStopsACopy() {
    String sql = "SELECT g, pg_sleep(0.01)::text AS s FROM generate_series(1, 100000) g";
    StorageException e = assertThrows(StorageException.class, () -> {
      try (QueryStream rows = source.query(Query.of(sql).withBatchRows(1000).withTimeout(Duration.ofSeconds(1)))) {
        assertTrue(rows.viaCopy());
        while (rows.hasNext()) {
          rows.next();
        }
      }
    });
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    assertEquals(0, source.poolState().active());
    assertEquals(0, source.openQueries());
  }

  @Test
  void anErrorMidwayFailsTheReadAndReleasesTheConnection() {
    QueryStream rows = source.query(Query.of("SELECT 1 / (g - 5000) AS q FROM generate_series(1, 9000) g")
        .withBatchRows(1000));
    assertTrue(rows.viaCopy());
    StorageException e = assertThrows(StorageException.class, () -> {
      while (rows.hasNext()) {
        rows.next();
      }
    });
    assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
    assertTrue(rows.rowsRead() < 5000, "rows read " + rows.rowsRead());
    assertEquals(0, source.poolState().active());
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  /** A table of every decoded type: 4 hand-written rows (extremes, text oddities, all nulls) and 2,500 generated. */
  private String everyTypeTable() throws SQLException {
    String t = table("every_type");
    exec("CREATE TABLE " + t + " (" + EVERY_TYPE + ")",
        "INSERT INTO " + t + " VALUES (-3, -32768, -2147483648, -9223372036854775808, '-3.4e38', "
            + "'-1.7976931348623157e308', "
            + "'NaN', -999999999.999, '', '', '', FALSE, '4713-01-01 BC', '00:00', '4713-01-01 00:00 BC', "
            + "'1901-12-13 20:45:52+00', '00000000-0000-0000-0000-000000000000')",
        "INSERT INTO " + t + " VALUES (-2, 32767, 2147483647, 9223372036854775807, 'Infinity', '-0', 'Infinity', "
            + "0.001, 'ünïcødé ✓ 🎉', 'tab\tand\nnewline', 'ab', TRUE, '9999-12-31', '23:59:59.999999', "
            + "'9999-12-31 23:59:59.999999', '2262-04-11 23:47:16.854775+05:30', "
            + "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF')",
        "INSERT INTO " + t + " VALUES (-1, 0, 0, 0, '1.4e-45', '4.9e-324', '-Infinity', 0, 'x', 'x', 'x', NULL, "
            + "'1970-01-01', '12:00', '1970-01-01 00:00', '1970-01-01 00:00+00', NULL)",
        "INSERT INTO " + t + " (k) VALUES (0)",
        "INSERT INTO " + t + " SELECT g, (g % 300)::smallint, g * 7919, "
            + "g::bigint * 1000003 * (CASE WHEN g % 2 = 0 THEN 1 "
            + "ELSE -1 END), g / 7.0, CASE WHEN g % 17 = 0 THEN NULL ELSE g * 0.1 END, "
            + "CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 12345.6789)::numeric * power(10::numeric, g % 40 - 20) END, "
            + "g * 0.001, CASE WHEN g % 11 = 0 THEN NULL ELSE 'k' || (g % 37) END, 'v' || g, 'c' || (g % 5), "
            + "g % 3 = 0, "
            + "DATE '2020-01-01' + g, (g::bigint * 1000003 % 86400000000 || ' microseconds')::interval::time, "
            + "TIMESTAMP '2020-01-01' + g * INTERVAL '1 minute 0.000123 second', "
            + "TIMESTAMPTZ '2020-01-01 00:00+02' + g * INTERVAL '3 hours', md5(g::text)::uuid "
            + "FROM generate_series(1, 2500) g");
    return t;
  }

  private List<Frame> batches(Query q, boolean copy) {
    List<Frame> out = new ArrayList<>();
    try (QueryStream rows = source.query(q, copy)) {
      assertEquals(copy, rows.viaCopy(), "the path taken");
      rows.forEachRemaining(out::add);
    }
    return out;
  }

  /** The frame read, or the class and message of the error. */
  private Object frameOrError(Query q, boolean copy) {
    try (QueryStream rows = source.query(q, copy)) {
      assertEquals(copy, rows.viaCopy(), "the path taken");
      return rows.readAll();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private boolean viaCopy(Query q) {
    try (QueryStream rows = source.query(q)) {
      return rows.viaCopy();
    }
  }

  private String table(String stem) {
    String t = "pgcopy_" + stem + "_" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_" + tables.size();
    tables.add(t);
    return t;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, "postgres", null);
  }

  private static void exec(String... sql) throws SQLException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }
}
