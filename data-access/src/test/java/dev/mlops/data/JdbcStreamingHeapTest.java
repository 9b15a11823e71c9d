package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves that queries stream: a child JVM with a 64 MiB heap reads a result of 600,000 distinct rows of 400 characters (about
 * 250 MB as Java strings, four times the heap) through {@link JdbcSource} and finishes; the same read with plain JDBC
 * as drivers do by default runs out of memory in the same heap, so the result really is too large to buffer (the
 * control: without it, a result that happened to fit would prove nothing). On H2, which produces a simple result
 * lazily by itself, the control keeps every value read instead.
 */
class JdbcStreamingHeapTest {
  private static final int ROWS = 600_000;
  private static final int WIDTH = 400;

  @Test
  void postgresStreams() {
    TestServers.requirePostgres();
    check(PostgresJdbcSourceTest.URL, "postgres",
        "SELECT g::bigint AS g, repeat('x', " + WIDTH + " - length(g::text)) || g AS pad FROM generate_series(1, "
            + ROWS + ") g");
  }

  @Test
  void mariaDbStreams() {
    TestServers.requireMariaDb();
    check(MariaDbJdbcSourceTest.URL, "root",
        "SELECT seq AS g, CONCAT(REPEAT('x', " + WIDTH + " - LENGTH(seq)), seq) AS pad FROM seq_1_to_" + ROWS);
  }

  @Test
  void h2Streams() {
    // H2 2.4 itself produces such a simple result lazily, so the control keeps the values instead
    check("jdbc:h2:mem:stream", "sa",
        "SELECT X AS g, REPEAT('x', " + WIDTH + " - LENGTH(CAST(X AS VARCHAR))) || X AS pad FROM SYSTEM_RANGE(1, "
            + ROWS + ")", "collect");
  }

  private static void check(String url, String user, String sql) {
    check(url, user, sql, "buffered");
  }

  private static void check(String url, String user, String sql, String control) {
    Result ours = run("ours", url, user, sql);
    assertEquals(0, ours.exit, ours.output);
    assertTrue(ours.output.contains("rows=" + ROWS + " chars=" + (long) ROWS * WIDTH + " "), ours.output);
    Result buffered = run(control, url, user, sql);
    assertNotEquals(0, buffered.exit, "the control read fitted in the heap, so the test proves nothing: "
        + buffered.output);
    assertTrue(buffered.output.contains("OutOfMemoryError"), buffered.output);
  }

  private record Result(int exit, String output) {}

  private static Result run(String mode, String url, String user, String sql) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"), StreamingChild.class.getName(), mode, url, user, sql));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("child (" + mode + ") did not end in 5 minutes");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot start " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
