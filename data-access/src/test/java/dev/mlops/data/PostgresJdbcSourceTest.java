package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Frame;
import dev.mlops.core.testing.TestServers;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JdbcSourceContract} on the local PostgreSQL, plus what only PostgreSQL has. */
class PostgresJdbcSourceTest extends JdbcSourceContract {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @BeforeAll
  static void server() {
    TestServers.requirePostgres();
  }

  @Override
  protected JdbcConfig.Builder config(String name) {
    return JdbcConfig.builder(name).url(URL).user("postgres");
  }

  @Override
  protected String typedTableDdl(String t) {
    return "CREATE TABLE " + t + " (i INTEGER, b BIGINT, s SMALLINT, n NUMERIC(12,3), d DOUBLE PRECISION, r REAL, "
        + "v VARCHAR(50), x TEXT, f BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP, tz TIMESTAMPTZ)";
  }

  @Override
  protected String unmappedTypeDdl() {
    return "BYTEA";
  }

  @Override
  protected String slowAfter50(int millis) {
    return "SELECT g, CASE WHEN g > 50 THEN pg_sleep(" + millis / 1000.0 + ")::text END AS s "
        + "FROM generate_series(1, 1000) g";
  }

  @Override
  protected String generated(int n, int width) {
    return "SELECT g::bigint AS g, repeat('x', " + width + ") AS pad FROM generate_series(1, " + n + ") g";
  }

  @Test
  void numericNanAndInfinitiesBecomeDoubles() throws SQLException {
    String t = table("specials");
    exec("CREATE TABLE " + t + " (k INT, n NUMERIC)",
        "INSERT INTO " + t + " VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, 1.25), (5, NULL)");
    Frame f = source.query("SELECT k, n FROM " + t + " ORDER BY k").readAll();
    assertTrue(Double.isNaN(f.getDouble(0, "n")));
    assertEquals(Double.POSITIVE_INFINITY, f.getDouble(1, "n"));
    assertEquals(Double.NEGATIVE_INFINITY, f.getDouble(2, "n"));
    assertEquals(1.25, f.getDouble(3, "n"));
    assertTrue(f.isNull(4, "n"));
  }

  @Test
  void uuidAndJsonAreText() {
    Frame f = source.query("SELECT CAST(? AS uuid) AS id, CAST('{\"a\": 1}' AS jsonb) AS doc",
        java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000")).readAll();
    assertEquals("123e4567-e89b-12d3-a456-426614174000", f.getString(0, "id"));
    assertEquals("{\"a\": 1}", f.getString(0, "doc"));
  }

  @Test
  void infinityIsAnErrorNamingTheColumnAndReleasesTheConnection() {
    dev.mlops.core.ValidationException e = assertThrows(dev.mlops.core.ValidationException.class,
        () -> source.query("SELECT DATE 'infinity' AS valid_to").readAll());
    assertTrue(e.getMessage().contains("'valid_to'"), e.getMessage());
    assertThrows(dev.mlops.core.ValidationException.class,
        () -> source.query("SELECT TIMESTAMPTZ '-infinity' AS since").readAll());
    assertEquals(0, source.poolState().active());
  }

  @Test
  void piiIsFollowedThroughDerivedTablesByBaseNames() throws SQLException {
    String t = table("derived");
    exec("CREATE TABLE " + t + " (id BIGINT, email VARCHAR(80))", "INSERT INTO " + t + " VALUES (1, 'a@example.com')");
    try (JdbcSource tagged = JdbcSource.open(source.config().toBuilder().pii(t, "email").build())) {
      assertTrue(tagged.query("SELECT e.email AS x FROM (SELECT email FROM " + t + ") e").readAll().schema()
          .field("x").isPii());
    }
  }
}
