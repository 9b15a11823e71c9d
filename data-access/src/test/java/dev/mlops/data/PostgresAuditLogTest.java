package dev.mlops.data;

import dev.mlops.core.testing.TestServers;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The audit log contract on the local PostgreSQL server (skipped without it, except in CI). */
class PostgresAuditLogTest extends DatabaseAuditLogContract {
  private static PGSimpleDataSource ds;

  @BeforeAll
  static void server() {
    TestServers.Server pg = TestServers.requirePostgres();
    ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://" + pg.address() + "/test");
    ds.setUser("postgres");
    ds.setSslMode("disable");
  }

  @Override
  DataSource dataSource() {
    return ds;
  }
}
