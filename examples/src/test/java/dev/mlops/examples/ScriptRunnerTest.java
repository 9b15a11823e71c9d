package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ScriptRunner runner = new ScriptRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String run(String script) throws Exception {
    Path startup = dir.resolve("startup.jsh");
    Files.writeString(startup, "import java.util.*;\n");
    Path file = dir.resolve("script.jsh");
    Files.writeString(file, script);
    return runner.run(List.of(startup), file);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsSnippetsAndEchoesValues() throws Exception {
    assertNull(run("List<Integer> xs = List.of(1, 2, 3);\nxs.size()\nint twice(int x) {\n  return 2 * x;\n}\n"
        + "twice(21)\n"));
    assertTrue(output().contains("xs ==> [1, 2, 3]"), output());
    assertTrue(output().contains("==> 42"), output());
  }

  @Test
  void failsOnASnippetThatThrowsNamingFileAndLine() throws Exception {
    String failure = run("int a = 1;\n\nObject o = null;\no.toString();\nint never = 2;\n");
    assertTrue(failure != null && failure.contains("script.jsh:4") && failure.contains("NullPointerException"),
        String.valueOf(failure));
    assertTrue(!output().contains("never"), "evaluation must stop at the first failure");
  }

  @Test
  void failsOnASnippetThatDoesNotCompile() throws Exception {
    String failure = run("int a = \"text\";\n");
    assertTrue(failure != null && failure.contains("does not compile") && failure.contains("script.jsh:1"),
        String.valueOf(failure));
  }

  @Test
  void exitStopsTheScriptAndOtherCommandsAreRejected() throws Exception {
    assertNull(run("int a = 1;\n/exit\nthrow new RuntimeException();\n"));
    String failure = run("/vars\n");
    assertTrue(failure != null && failure.contains("'/vars' is not supported"), String.valueOf(failure));
  }

  @Test
  void reportsAnUnfinishedSnippet() throws Exception {
    String failure = run("int f() {\n  return 1;\n");
    assertTrue(failure != null && failure.contains("incomplete snippet"), String.valueOf(failure));
  }
}
