package dev.mlops.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestServersTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A local port nothing listens on: bound, then released. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static TestServers.Server server(int port) {
    return new TestServers.Server("FakeDB", "127.0.0.1", port, "fakedb --start");
  }

  @Test
  void returnsTheServerWhenItAnswersWhateverTheSwitch() throws IOException {
    // Held open but never accepting: the kernel completes connections into the backlog, which is all a
    // port check needs; the backlog is large enough for every check below.
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      TestServers.Server s = server(open.getLocalPort());
      assertSame(s, TestServers.require(s, true, TIMEOUT));
      assertSame(s, TestServers.require(s, false, TIMEOUT));
      assertTrue(TestServers.answers("127.0.0.1", open.getLocalPort(), TIMEOUT));
    }
  }

  @Test
  void failsNamingServerAddressAndCommandWhenRequired() throws IOException {
    TestServers.Server s = server(closedPort());
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> TestServers.require(s, true, TIMEOUT));
    assertMessageNames(e.getMessage(), s);
    assertTrue(e.getMessage().contains("mlops.requireServers=true"), e.getMessage());
  }

  @Test
  void skipsNamingServerAddressAndCommandWhenNotRequired() throws IOException {
    TestServers.Server s = server(closedPort());
    TestAbortedException e = assertThrows(TestAbortedException.class, () -> TestServers.require(s, false, TIMEOUT));
    assertMessageNames(e.getMessage(), s);
    assertTrue(e.getMessage().contains("-Dmlops.requireServers=true"), e.getMessage());
  }

  @Test
  void knowsTheLocalServersAndHowToStartThem() {
    assertEquals("127.0.0.1:5432", TestServers.POSTGRES.address());
    assertTrue(TestServers.POSTGRES.startCommand().startsWith("pg_ctlcluster"));
    assertEquals("127.0.0.1:3306", TestServers.MARIADB.address());
    assertTrue(TestServers.MARIADB.startCommand().contains("/usr/sbin/mariadbd"));
  }

  @Test
  void parsesTheSwitchStrictly() {
    assertFalse(TestServers.parseRequired(null));
    assertFalse(TestServers.parseRequired(""));
    assertFalse(TestServers.parseRequired("false"));
    assertTrue(TestServers.parseRequired("true"));
    assertTrue(TestServers.parseRequired(" TRUE "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestServers.parseRequired("yes"));
    assertTrue(e.getMessage().contains("mlops.requireServers") && e.getMessage().contains("'yes'"), e.getMessage());
  }

  private static void assertMessageNames(String message, TestServers.Server s) {
    assertTrue(message.contains("FakeDB"), message);
    assertTrue(message.contains(s.address()), message);
    assertTrue(message.contains("fakedb --start"), message);
  }
}
