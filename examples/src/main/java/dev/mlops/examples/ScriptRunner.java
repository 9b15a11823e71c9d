package dev.mlops.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs JShell scripts non-interactively, the way {@code ./jshell script.jsh} does: the same start-up
 * imports as the interactive launcher, every snippet echoed with its value, and a non-zero exit on the first
 * snippet that does not compile or throws. The interactive {@code jshell} tool would print such an error and
 * carry on with exit code 0, which is why scripts run through this class in the test suite.
 *
 * <pre>
 * java -cp CLASSPATH dev.mlops.examples.ScriptRunner --startup examples/jshell/startup.jsh examples/jshell/frames.jsh
 * </pre>
 * Each file given with {@code --startup FILE} (the option may be repeated) is evaluated silently, in a fresh
 * JShell, before each script; the other arguments are the scripts, run one after another.
 */
public final class ScriptRunner {
  private final PrintStream out;

  ScriptRunner(PrintStream out) {
    this.out = out;
  }

  /** Usage: {@code ScriptRunner [--startup FILE]... SCRIPT.jsh...}; exits 1 on the first failing snippet. */
  public static void main(String[] args) throws IOException {
    List<Path> startup = new ArrayList<>();
    List<Path> scripts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--startup") && i + 1 < args.length) {
        startup.add(Path.of(args[++i]));
      } else {
        scripts.add(Path.of(args[i]));
      }
    }
    if (scripts.isEmpty()) {
      System.err.println("usage: ScriptRunner [--startup FILE]... SCRIPT.jsh...");
      System.exit(2);
    }
    ScriptRunner runner = new ScriptRunner(System.out);
    for (Path script : scripts) {
      String failure = runner.run(startup, script);
      if (failure != null) {
        System.err.println(failure);
        System.exit(1);
      }
    }
  }

  /**
   * Runs {@code script} in a fresh JShell after evaluating {@code startup} quietly.
   *
   * @return {@code null} on success, else a description of the failing snippet
   */
  String run(List<Path> startup, Path script) throws IOException {
    try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      for (Path s : startup) {
        String failure = eval(shell, s, read(s), false);
        if (failure != null) {
          return failure;
        }
      }
      return eval(shell, script, read(script), true);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * Feeds the script line by line, as the interactive tool does: a buffer is evaluated once it forms complete
   * snippets, so an expression at the end of a line needs no semicolon, and a line starting with '/' between
   * snippets is a JShell command (only {@code /exit} is accepted in scripts).
   */
  private String eval(JShell shell, Path file, String source, boolean echo) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String[] lines = source.split("\n", -1);
    StringBuilder buffer = new StringBuilder();
    int bufferStart = 1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (buffer.toString().isBlank()) {
        bufferStart = i + 1;
        String lead = line.stripLeading();
        if (lead.length() > 1 && lead.charAt(0) == '/' && Character.isLetter(lead.charAt(1))) {
          String command = lead.strip();
          if (command.equals("/exit") || command.startsWith("/exit ")) {
            return null;
          }
          return file + ":" + (i + 1) + ": JShell command '" + command + "' is not supported in scripts";
        }
      }
      buffer.append(line).append('\n');
      String pending = buffer.toString();
      while (!pending.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
        if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
          pending = "";
          break;
        }
        if (!info.completeness().isComplete()) {
          break;
        }
        String failure = evalSnippet(shell, info.source(), file, bufferStart, echo);
        if (failure != null) {
          return failure;
        }
        pending = info.remaining();
      }
      buffer.setLength(0);
      buffer.append(pending);
    }
    if (!buffer.toString().isBlank()) {
      return file + ":" + bufferStart + ": incomplete snippet at end of script:\n" + buffer.toString().strip();
    }
    return null;
  }

  private String evalSnippet(JShell shell, String snippet, Path file, int line, boolean echo) {
    if (echo) {
      out.println("jshell> " + stripComments(snippet).replace("\n", "\n   ...> "));
    }
    for (SnippetEvent event : shell.eval(snippet)) {
      String failure = check(shell, event, file, line);
      if (failure != null) {
        return failure;
      }
      if (echo && event.causeSnippet() == null && event.value() != null) {
        String name = switch (event.snippet().kind()) {
          case VAR -> ((jdk.jshell.VarSnippet) event.snippet()).name();
          case EXPRESSION -> ((jdk.jshell.ExpressionSnippet) event.snippet()).name();
          default -> null;
        };
        if (name != null) {
          String value = event.value();
          out.println(name + " ==>" + (value.contains("\n") ? "\n" : " ") + value);
        }
      }
    }
    out.flush();
    return null;
  }

  private static String stripComments(String snippet) {
    StringBuilder s = new StringBuilder();
    for (String l : snippet.strip().split("\n")) {
      if (!l.strip().startsWith("//")) {
        s.append(s.length() == 0 ? "" : "\n").append(l);
      }
    }
    return s.toString();
  }

  private static String check(JShell shell, SnippetEvent event, Path file, int line) {
    if (event.status() == Snippet.Status.REJECTED) {
      StringBuilder s = new StringBuilder(file + ":" + line + ": snippet does not compile:\n"
          + event.snippet().source().strip());
      shell.diagnostics(event.snippet()).forEach((Diag d) ->
          s.append("\n  ").append(d.getMessage(java.util.Locale.ROOT)));
      return s.toString();
    }
    if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED
        || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
      return file + ":" + line + ": snippet refers to something undefined: "
          + shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) event.snippet()).toList();
    }
    if (event.exception() != null) {
      Throwable e = event.exception();
      String type = e instanceof EvalException ee ? ee.getExceptionClassName()
          : e instanceof UnresolvedReferenceException ? "unresolved reference" : e.getClass().getName();
      StringBuilder s = new StringBuilder(file + ":" + line + ": snippet threw " + type + ": " + e.getMessage()
          + "\n" + event.snippet().source().strip());
      for (StackTraceElement el : e.getStackTrace()) {
        s.append("\n  at ").append(el);
      }
      return s.toString();
    }
    return null;
  }
}
