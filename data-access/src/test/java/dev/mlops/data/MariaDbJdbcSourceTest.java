package dev.mlops.data;

import dev.mlops.core.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** {@link JdbcSourceContract} on the local MariaDB. */
class MariaDbJdbcSourceTest extends JdbcSourceContract {
  static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

  @BeforeAll
  static void server() {
    TestServers.requireMariaDb();
  }

  @Override
  protected JdbcConfig.Builder config(String name) {
    return JdbcConfig.builder(name).url(URL).user("root");
  }

  @Override
  protected List<String> sessionSetup() {
    return List.of("SET time_zone = '+00:00'");
  }

  @Override
  protected String typedTableDdl(String t) {
    return "CREATE TABLE " + t + " (i INTEGER, b BIGINT, s SMALLINT, n NUMERIC(12,3), d DOUBLE, r REAL, "
        + "v VARCHAR(50), x TEXT, f BOOLEAN, dt DATE, tm TIME, ts DATETIME(6), tz TIMESTAMP(6) NULL)";
  }

  @Override
  protected String timestampTzLiteral() {
    return "'2026-02-03 10:00:00'"; // a TIMESTAMP column, written in a UTC session
  }

  @Override
  protected String unmappedTypeDdl() {
    return "BLOB";
  }

  @Override
  protected String slowAfter50(int millis) {
    // wide rows: the server sends a network buffer (16 KiB) at a time, so narrow slow rows would arrive in one lump
    return "SELECT seq AS g, IF(seq > 50, SLEEP(" + millis / 1000.0 + "), 0) AS s, REPEAT('x', 8000) AS pad "
        + "FROM seq_1_to_1000";
  }

  @Override
  protected String generated(int n, int width) {
    return "SELECT seq AS g, REPEAT('x', " + width + ") AS pad FROM seq_1_to_" + n;
  }

  @Override
  protected String timestampWithoutZoneDdl() {
    return "DATETIME(6)";
  }
}
