package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.TestServers;
import org.junit.jupiter.api.Test;

/**
 * The database servers the JDBC tests use answer on their ports. In CI ({@code -Dmlops.requireServers=true})
 * a missing server fails here, with the command that starts it; elsewhere these tests are skipped.
 */
class LocalServersTest {
  @Test
  void postgresAnswersOnItsPort() {
    TestServers.Server pg = TestServers.requirePostgres();
    assertTrue(TestServers.answers(pg.host(), pg.port(), TestServers.CONNECT_TIMEOUT), pg.address());
  }

  @Test
  void mariaDbAnswersOnItsPort() {
    TestServers.Server maria = TestServers.requireMariaDb();
    assertTrue(TestServers.answers(maria.host(), maria.port(), TestServers.CONNECT_TIMEOUT), maria.address());
  }
}
