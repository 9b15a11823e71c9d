package dev.mlops.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finds the project root and runs its launcher scripts as a user would, without building (we are inside one). */
final class ProjectFiles {
  private ProjectFiles() {}

  static Path root() {
    String configured = System.getProperty("mlops.projectRoot");
    if (configured != null && Files.isExecutable(Path.of(configured, "jshell"))) {
      return Path.of(configured);
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve(".ci/run"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the project root (a directory with .ci/run) above "
          + System.getProperty("user.dir"));
    }
    return dir;
  }

  record Result(int exitCode, String output) {}

  /** Runs {@code command} in the project root with MLOPS_SKIP_BUILD=1; output is stdout and stderr merged. */
  static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("MLOPS_SKIP_BUILD", "1");
    Path log = Files.createTempFile("mlops-launcher-", ".log");
    try {
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; output:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
