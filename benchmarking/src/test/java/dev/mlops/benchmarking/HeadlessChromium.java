package dev.mlops.benchmarking;

import dev.mlops.core.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, run headless for one page at a time. {@link #require()} follows core's {@link TestServers}:
 * when the browser is missing the test is skipped, unless {@code -Dmlops.requireServers=true} (CI), where it fails.
 * The flags keep it off the network (this machine's network is closed; see the machine notes).
 */
final class HeadlessChromium {
  /** Where Debian's package puts it; {@code -Dmlops.chromium=/path} overrides. */
  static final String DEFAULT_PATH = "/usr/bin/chromium";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** The browser, or a skip (a failure when {@value TestServers#REQUIRE_PROPERTY} is true) saying how to install it. */
  static HeadlessChromium require() {
    Path exe = Path.of(System.getProperty("mlops.chromium", DEFAULT_PATH));
    if (Files.isExecutable(exe)) {
      return new HeadlessChromium(exe);
    }
    String message = "Chromium is not installed at " + exe + "; install it with: apt-get install -y chromium";
    if (required(System.getProperty(TestServers.REQUIRE_PROPERTY))) {
      return Assertions.fail(message + " [" + TestServers.REQUIRE_PROPERTY + "=true, so this test fails instead of "
          + "skipping]");
    }
    Assumptions.abort(message + " [skipped; set -D" + TestServers.REQUIRE_PROPERTY + "=true to fail instead]");
    throw new AssertionError("unreachable: Assumptions.abort always throws");
  }

  /** The same reading of the switch as {@link TestServers}: true or false, unset is false, anything else an error. */
  static boolean required(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException("system property " + TestServers.REQUIRE_PROPERTY + " is '"
          + value + "'; expected true or false");
    };
  }

  /** The DOM of {@code page} after loading, serialised ({@code --dump-dom}). */
  String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("dom.html");
    run(work, out, "--dump-dom", page.toUri().toString());
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** Renders {@code page} in a {@code width x height} window into {@code png}. */
  void screenshot(Path page, Path png, int width, int height, Path work) throws IOException, InterruptedException {
    run(work, work.resolve("screenshot.out"), "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height, "--hide-scrollbars", page.toUri().toString());
  }

  private void run(Path work, Path stdout, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "profile");
    List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path stderr = work.resolve("chromium-" + System.nanoTime() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      Assertions.fail("chromium did not finish within " + TIMEOUT + ": " + cmd + "\n" + tail(stderr));
    }
    if (p.exitValue() != 0) {
      Assertions.fail("chromium exited with " + p.exitValue() + ": " + cmd + "\n" + tail(stderr));
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
