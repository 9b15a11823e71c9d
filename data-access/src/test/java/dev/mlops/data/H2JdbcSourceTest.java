package dev.mlops.data;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link JdbcSourceContract} on embedded H2 (in memory), with DATABASE_TO_LOWER so that unquoted names fold to lower
 * case as on PostgreSQL (writes quote names, keeping their case).
 */
class H2JdbcSourceTest extends JdbcSourceContract {
  static final String URL = "jdbc:h2:mem:jdbc_contract;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

  @Override
  protected JdbcConfig.Builder config(String name) {
    return JdbcConfig.builder(name).url(URL).user("sa");
  }

  @BeforeEach
  void functions() throws SQLException {
    // DETERMINISTIC: H2 computes the whole result up front for a query calling a function it must take to have
    // side effects, lazy execution or not
    exec("CREATE ALIAS IF NOT EXISTS MLOPS_SLEEP DETERMINISTIC FOR 'dev.mlops.data.H2Functions.sleepMillis'");
  }

  @Override
  protected String typedTableDdl(String t) {
    return "CREATE TABLE " + t + " (i INTEGER, b BIGINT, s SMALLINT, n NUMERIC(12,3), d DOUBLE PRECISION, r REAL, "
        + "v VARCHAR(50), x CLOB, f BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP, tz TIMESTAMP WITH TIME ZONE)";
  }

  @Override
  protected String unmappedTypeDdl() {
    return "VARBINARY(10)";
  }

  @Override
  protected String slowAfter50(int millis) {
    return "SELECT \"X\" AS g, CASE WHEN \"X\" > 50 THEN MLOPS_SLEEP(" + millis + ", \"X\") ELSE 0 END AS s FROM SYSTEM_RANGE(1, 1000)";
  }

  @Override
  protected String generated(int n, int width) {
    return "SELECT \"X\" AS g, REPEAT('x', " + width + ") AS pad FROM SYSTEM_RANGE(1, " + n + ")";
  }

  @org.junit.jupiter.api.Test
  void aUrlNoDriverAcceptsSaysWhichDriverToAdd() {
    dev.mlops.core.ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.mlops.core.ValidationException.class,
        () -> JdbcSource.open(JdbcConfig.builder("db2").url("jdbc:mysql://127.0.0.1:1/x").build()));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("com.mysql:mysql-connector-j"), e.getMessage());
  }
}
