package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's JShell tour runs as written, and its two commands are the ones this project has. */
class ReadmeSnippetsTest {

  /** The ```jshell blocks of a Markdown text, in order. */
  static List<String> jshellBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.strip().equals("```jshell")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  @Test
  void readmeTourRunsThroughTheLauncher() throws Exception {
    Path root = ProjectFiles.root();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    List<String> blocks = jshellBlocks(readme);
    assertTrue(blocks.size() >= 2, "the README should hold its JShell tour in ```jshell blocks; found "
        + blocks.size());
    Path script = Files.createTempFile("readme-", ".jsh");
    try {
      Files.writeString(script, String.join("\n", blocks), StandardCharsets.UTF_8);
      ProjectFiles.Result r = ProjectFiles.run(List.of("./jshell", script.toString()), 180);
      assertEquals(0, r.exitCode(), () -> "the README's JShell tour failed:\n" + r.output());
    } finally {
      Files.deleteIfExists(script);
    }
  }

  @Test
  void readmeGivesTheDemoAndTestCommands() throws Exception {
    String readme = Files.readString(ProjectFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("\n./demo\n"), "README must give ./demo as the demo command");
    assertTrue(readme.contains("\nmvn -B verify\n"), "README must give mvn -B verify as the test command");
    String ci = Files.readString(ProjectFiles.root().resolve(".ci/run"), StandardCharsets.UTF_8);
    assertTrue(ci.contains("mvn -B verify -Dmlops.requireServers=true"),
        ".ci/run must run the README's test command with the server switch");
  }

  @Test
  void extractsBlocksInOrderAndIgnoresOtherFences() {
    String md = "text\n```jshell\nint a = 1;\n```\n```bash\nls\n```\n```jshell\na + 1\n```\n";
    assertEquals(List.of("int a = 1;\n", "a + 1\n"), jshellBlocks(md));
  }
}
