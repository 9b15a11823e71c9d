package dev.mlops.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The switch between "skip" and "fail" for tests that need a real database server. A test calls
 * {@link #requirePostgres()} or {@link #requireMariaDb()} first; if the server does not answer on its TCP
 * port, the test is skipped (a developer without the server still gets a green build), unless the system
 * property {@value #REQUIRE_PROPERTY} is {@code true}, as it is in CI ({@code .ci/run} passes
 * {@code -Dmlops.requireServers=true}; the root pom hands it to surefire), where the test fails. Either
 * way the message names the server, the address and the command that starts it.
 *
 * <p>Both servers hold a database {@code test} that tests use: PostgreSQL as user {@code postgres} with trust
 * authentication (no password), MariaDB as user {@code root} with an empty password.
 *
 * <pre>{@code
 * @BeforeAll
 * static void server() {
 *   TestServers.Server pg = TestServers.requirePostgres();
 *   url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/test"; // user postgres, no password
 * }
 * }</pre>
 *
 * <p>Ships in core's test-jar. Stability: experimental (test support).
 */
public final class TestServers {
  /** The system property that turns an unreachable server from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "mlops.requireServers";

  /** How long a server has to accept a TCP connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** The local PostgreSQL server the JDBC tests use: database {@code test}, user {@code postgres}, trust auth. */
  public static final Server POSTGRES = new Server("PostgreSQL", "127.0.0.1", 5432,
      "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");

  /** The local MariaDB server the JDBC tests use: database {@code test}, user {@code root}, empty password. */
  public static final Server MARIADB = new Server("MariaDB", "127.0.0.1", 3306,
      "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

  private TestServers() {}

  /**
   * A server a test needs.
   *
   * @param name what it is, e.g. "PostgreSQL"
   * @param host the address it listens on
   * @param port its TCP port
   * @param startCommand the shell command that starts it on the dev and CI machines
   */
  public record Server(String name, String host, int port, String startCommand) {
    /** Checks the fields. */
    public Server {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(startCommand, "startCommand");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port of " + name + " is " + port + "; expected 1 to 65535");
      }
    }

    /** {@code host:port}. */
    public String address() {
      return host + ":" + port;
    }
  }

  /** Requires the local PostgreSQL server ({@link #POSTGRES}); returns it. */
  public static Server requirePostgres() {
    return require(POSTGRES);
  }

  /** Requires the local MariaDB server ({@link #MARIADB}); returns it. */
  public static Server requireMariaDb() {
    return require(MARIADB);
  }

  /** Requires any server by name and address. */
  public static Server require(String name, String host, int port) {
    return require(new Server(name, host, port, "start " + name + " so that it listens on " + host + ":" + port));
  }

  /** Requires {@code server}, failing or skipping as {@value #REQUIRE_PROPERTY} says. */
  public static Server require(Server server) {
    return require(server, serversRequired(), CONNECT_TIMEOUT);
  }

  /**
   * The decision itself, with the switch passed in: returns {@code server} if it answers within
   * {@code timeout}; otherwise fails the test (an {@code AssertionFailedError}) when {@code required},
   * or aborts it (a {@code TestAbortedException}, reported as skipped) when not.
   */
  public static Server require(Server server, boolean required, Duration timeout) {
    if (answers(server.host(), server.port(), timeout)) {
      return server;
    }
    String message = server.name() + " is not answering on " + server.address() + " (waited " + timeout.toMillis()
        + " ms); start it with: " + server.startCommand();
    if (required) {
      return Assertions.fail(message + " [" + REQUIRE_PROPERTY + "=true, so this test fails instead of skipping]");
    }
    Assumptions.abort(message + " [skipped; set -D" + REQUIRE_PROPERTY + "=true to fail instead]");
    throw new AssertionError("unreachable: Assumptions.abort always throws");
  }

  /** Whether something accepts TCP connections on {@code host:port} within {@code timeout}. */
  public static boolean answers(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(Math.max(1, timeout.toMillis())));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads {@value #REQUIRE_PROPERTY}: {@code true} or {@code false} (either case; unset or empty is
   * {@code false}); anything else is a configuration mistake and fails loudly.
   */
  static boolean serversRequired() {
    return parseRequired(System.getProperty(REQUIRE_PROPERTY));
  }

  static boolean parseRequired(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException("system property " + REQUIRE_PROPERTY + " is '" + value
          + "'; expected true or false");
    };
  }
}
