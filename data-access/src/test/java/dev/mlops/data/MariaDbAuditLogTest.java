package dev.mlops.data;

import dev.mlops.core.testing.TestServers;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.mariadb.jdbc.MariaDbDataSource;

/** The audit log contract on the local MariaDB server (skipped without it, except in CI). */
class MariaDbAuditLogTest extends DatabaseAuditLogContract {
  private static MariaDbDataSource ds;

  @BeforeAll
  static void server() throws SQLException {
    TestServers.Server maria = TestServers.requireMariaDb();
    ds = new MariaDbDataSource("jdbc:mariadb://" + maria.address() + "/test");
    ds.setUser("root");
    ds.setPassword("");
  }

  @Override
  DataSource dataSource() {
    return ds;
  }
}
