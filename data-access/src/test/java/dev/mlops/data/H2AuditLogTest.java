package dev.mlops.data;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The audit log contract on an embedded, in-memory H2 database. */
class H2AuditLogTest extends DatabaseAuditLogContract {
  private static final JdbcDataSource DS = new JdbcDataSource();

  static {
    DS.setURL("jdbc:h2:mem:audit_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  DataSource dataSource() {
    return DS;
  }
}
