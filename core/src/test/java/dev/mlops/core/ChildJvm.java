package dev.mlops.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class of the test class path, for tests of what threads cannot show (processes
 * racing, a process killed). Its output (stdout and stderr together) is read by a thread of its own, so waiting
 * for a line has a deadline and a failure shows everything the child printed.
 */
final class ChildJvm implements AutoCloseable {
  private static final String EOF = "\u0000eof";
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer printed = new StringBuffer();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          printed.append(line).append('\n');
          lines.add(line);
        }
      } catch (IOException e) {
        printed.append("(reading the output failed: ").append(e).append(")\n");
      } finally {
        lines.add(EOF);
      }
    }, "child-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code main} with {@code args} in a JVM with a small heap and only warnings logged. */
  static ChildJvm start(Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
        main.getName()));
    cmd.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new AssertionError("cannot start " + cmd, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** The next line starting with {@code prefix} (other lines are skipped); fails after {@code limit}. */
  String expect(String prefix, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (true) {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("child " + pid() + " printed no line starting with '" + prefix + "' within "
              + limit + "; it printed:\n" + printed);
        }
        if (line.equals(EOF)) {
          lines.add(EOF);
          throw new AssertionError("child " + pid() + " ended without a line starting with '" + prefix + "'"
              + exit() + "; it printed:\n" + printed);
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Lines starting with {@code prefix} printed so far (all of them once the child was killed or ended). */
  List<String> printed(String prefix) {
    return printed.toString().lines().filter(l -> l.startsWith(prefix)).toList();
  }

  /** Waits for the child to exit by itself, failing unless it exits with 0 within {@code limit}. */
  void awaitSuccess(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("child " + pid() + " still runs after " + limit + "; it printed:\n" + printed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("child " + pid() + " failed" + exit() + "; it printed:\n" + printed);
    }
    try {
      reader.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Kills the child (SIGKILL on Linux) and waits for it to be gone and its output to be read to the end. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("child " + pid() + " survived being killed");
      }
      reader.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String exit() {
    return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
