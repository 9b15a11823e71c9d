package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every examples/jshell/*.jsh script runs through the ./jshell launcher without an error. */
class JShellScriptsTest {

  @TestFactory
  Stream<DynamicTest> everyScriptRunsThroughTheLauncher() throws IOException {
    Path dir = ProjectFiles.root().resolve("examples/jshell");
    List<Path> scripts;
    try (Stream<Path> files = Files.list(dir)) {
      scripts = files.filter(p -> p.toString().endsWith(".jsh"))
          .filter(p -> !p.getFileName().toString().equals("startup.jsh")).sorted().toList();
    }
    assertFalse(scripts.isEmpty(), "no scripts in " + dir);
    return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
      ProjectFiles.Result r = ProjectFiles.run(List.of("./jshell", script.toString()), 180);
      assertEquals(0, r.exitCode(), () -> script + " failed:\n" + r.output());
    }));
  }
}
