package dev.mlops.benchmarking;

import dev.mlops.core.FileBlobStore;
import dev.mlops.core.MlopsException;
import dev.mlops.core.Stability;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the regression gate, for CI jobs ({@code benchmarking/bin/mlops-bench} runs it):
 *
 * <pre>
 * mlops-bench compare CURRENT.json BASELINE.json [OPTIONS]   compare two reports
 * mlops-bench history record DIR REPORT.json [--baseline REASON]
 *                                                          store a report (and make it the baseline)
 * mlops-bench history list DIR NAME                        the stored reports and the baseline
 * mlops-bench history baseline DIR NAME SEQ REASON         make report SEQ the baseline
 * mlops-bench history compare DIR NAME [OPTIONS]           the latest report against the baseline
 * mlops-bench run SPEC.json [--out REPORT.json] [--history DIR [--record]] [OPTIONS]
 *                                                          run a benchmark spec ({@link BenchmarkSpec}), and
 *                                                          compare it with the baseline in DIR if there is one
 *
 * OPTIONS: --latency-threshold 0.1  --throughput-threshold 0.1  --accuracy-threshold 0.01 (metrics in [0, 1])
 *          --error-threshold 0.05 (relative, for log loss, RMSE, MAE, MAPE, R2)  --alpha 0.01
 *          --seed 42  --strict  --strict-tail (count a p99 regression whose median did not move)
 *          --format text|markdown|json  --markdown FILE (also append Markdown there, e.g. $GITHUB_STEP_SUMMARY)
 * </pre>
 *
 * <p>Exit status: 0 pass or improved (or inconclusive, without {@code --strict}), 1 regressed, 2 bad usage or
 * input (the message names the problem and the fix), 3 inconclusive with {@code --strict}. A history is a
 * {@link FileBlobStore} at DIR ({@link BenchmarkHistory} with an empty prefix).
 *
 * <pre>{@code
 * int status = BenchmarkCli.run(new String[] {"compare", "new.json", "old.json"}, System.out, System.err);
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class BenchmarkCli {
  /** Passed, improved, or inconclusive without --strict. */
  public static final int OK = 0;
  /** A check regressed. */
  public static final int REGRESSED = 1;
  /** Bad usage or input. */
  public static final int USAGE = 2;
  /** Inconclusive, with --strict. */
  public static final int INCONCLUSIVE = 3;

  static final String USAGE_TEXT = """
      usage:
        mlops-bench compare CURRENT.json BASELINE.json [OPTIONS]
        mlops-bench history record DIR REPORT.json [--baseline REASON]
        mlops-bench history list DIR NAME
        mlops-bench history baseline DIR NAME SEQ REASON
        mlops-bench history compare DIR NAME [OPTIONS]
        mlops-bench run SPEC.json [--out REPORT.json] [--history DIR [--record]] [OPTIONS]
      OPTIONS: --latency-threshold 0.1 --throughput-threshold 0.1 --accuracy-threshold 0.01
               --error-threshold 0.05 --alpha 0.01 --seed 42 --strict-tail --strict
               --format text|markdown|json --markdown FILE
      exit status: 0 pass/improved, 1 regressed, 2 usage or bad input, 3 inconclusive (with --strict)""";

  private BenchmarkCli() {}

  /** Runs {@link #run} on the console and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args);
      if (a.positional.isEmpty()) {
        throw new UsageException("no command given");
      }
      return switch (a.positional.get(0)) {
        case "compare" -> compare(a, out);
        case "history" -> history(a, out);
        case "run" -> runSpec(a, out, err);
        case "help", "--help", "-h" -> {
          out.println(USAGE_TEXT);
          yield OK;
        }
        default -> throw new UsageException("unknown command '" + a.positional.get(0)
            + "'; use compare, history or run");
      };
    } catch (UsageException e) {
      err.println("mlops-bench: " + e.getMessage());
      if (e.showUsage) {
        err.println(USAGE_TEXT);
      }
      return USAGE;
    } catch (MlopsException e) {
      err.println("mlops-bench: " + e.getMessage());
      return USAGE;
    }
  }

  private static int compare(Args a, PrintStream out) {
    a.expect(3, "compare CURRENT.json BASELINE.json");
    BenchmarkReport current = readReport(a.positional.get(1), "CURRENT.json");
    BenchmarkReport baseline = readReport(a.positional.get(2), "BASELINE.json");
    return verdict(Comparison.compare(current, baseline, a.options()), a, out);
  }

  private static int history(Args a, PrintStream out) {
    if (a.positional.size() < 2) {
      throw new UsageException("history needs a subcommand: record, list, baseline or compare");
    }
    String sub = a.positional.get(1);
    switch (sub) {
      case "record" -> a.expect(4, "history record DIR REPORT.json");
      case "list", "compare" -> a.expect(4, "history " + sub + " DIR NAME");
      case "baseline" -> a.expect(6, "history baseline DIR NAME SEQ REASON");
      default -> throw new UsageException("unknown history subcommand '" + sub
          + "'; use record, list, baseline or compare");
    }
    Path dir = Path.of(a.positional.get(2));
    if (!sub.equals("record") && !Files.isDirectory(dir)) {
      throw input("history folder " + dir + " does not exist; record a report first with"
          + " 'mlops-bench history record " + dir + " REPORT.json'");
    }
    try (FileBlobStore store = FileBlobStore.open(dir)) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "");
      switch (sub) {
        case "record" -> {
          BenchmarkReport r = readReport(a.positional.get(3), "REPORT.json");
          BenchmarkHistory.Entry e = h.record(r);
          out.println("recorded " + e.name() + " #" + e.sequence() + " as " + e.key());
          if (a.baselineReason != null) {
            h.setBaseline(e.name(), e.sequence(), a.baselineReason);
            out.println("baseline of " + e.name() + " is now #" + e.sequence() + " (" + a.baselineReason + ")");
          }
          return OK;
        }
        case "list" -> {
          String name = a.positional.get(3);
          List<Long> seqs = h.sequences(name);
          out.println(name + ": " + seqs.size() + " reports " + seqs);
          h.baselineHistory(name).forEach(ref -> out.println("baseline #" + ref.sequence() + " set by " + ref.by()
              + " at " + ref.at() + ": " + ref.reason()));
          return OK;
        }
        case "baseline" -> {
          String name = a.positional.get(3);
          long seq = parseLong(a.positional.get(4), "SEQ");
          BenchmarkHistory.BaselineRef ref = h.setBaseline(name, seq, a.positional.get(5));
          out.println("baseline of " + name + " is now #" + ref.sequence() + " (" + ref.reason() + ")");
          return OK;
        }
        default -> {
          String name = a.positional.get(3);
          BenchmarkHistory.Entry latest = h.latest(name).orElseThrow(() -> input("benchmark '" + name
              + "' has no reports in " + dir + "; record one with 'mlops-bench history record " + dir
              + " REPORT.json'"));
          BenchmarkHistory.Entry base = h.baseline(name).orElseThrow(() -> input("benchmark '" + name
              + "' has no baseline in " + dir + "; set one with 'mlops-bench history baseline " + dir + " " + name
              + " SEQ REASON' (reports: " + h.sequences(name) + ")"));
          out.println("comparing " + name + " #" + latest.sequence() + " with baseline #" + base.sequence());
          return verdict(Comparison.compare(latest.report(), base.report(), a.options()), a, out);
        }
      }
    }
  }

  private static int runSpec(Args a, PrintStream out, PrintStream err) {
    a.expect(2, "run SPEC.json");
    Path file = Path.of(a.positional.get(1));
    if (!Files.isRegularFile(file)) {
      throw input("benchmark spec " + file + " does not exist; pass a JSON spec (see BenchmarkSpec)");
    }
    BenchmarkSpec spec = BenchmarkSpec.read(file);
    Path base = file.toAbsolutePath().getParent();
    BenchmarkReport report;
    try {
      report = spec.run(base, Benchmark.BenchmarkListener.console(err));
    } catch (NoClassDefFoundError e) {
      throw input("'run' needs ONNX Runtime (com.microsoft.onnxruntime:onnxruntime) on the class path,"
          + " which is missing (" + e.getMessage() + "); add it, or run the benchmark from Java and pass the report"
          + " to 'compare'");
    }
    if (a.outFile != null) {
      write(Path.of(a.outFile), report.toJson());
      out.println("wrote " + a.outFile);
    }
    if (a.historyDir == null) {
      return OK;
    }
    try (FileBlobStore store = FileBlobStore.open(Path.of(a.historyDir))) {
      BenchmarkHistory h = BenchmarkHistory.open(store, "");
      var baseline = h.baseline(report.name());
      int status = OK;
      if (baseline.isPresent()) {
        out.println("comparing with baseline #" + baseline.get().sequence());
        status = verdict(Comparison.compare(report, baseline.get().report(), a.options()), a, out);
      } else {
        out.println("no baseline of " + report.name() + " in " + a.historyDir + "; nothing to compare with");
      }
      if (a.record) {
        BenchmarkHistory.Entry e = h.record(report);
        out.println("recorded " + e.name() + " #" + e.sequence());
      }
      return status;
    }
  }

  private static int verdict(Comparison c, Args a, PrintStream out) {
    out.print(switch (a.format) {
      case "markdown" -> c.toMarkdown();
      case "json" -> c.toJson() + "\n";
      default -> c.toString();
    });
    if (a.markdownFile != null) {
      Path md = Path.of(a.markdownFile);
      try {
        Files.writeString(md, c.toMarkdown(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw input("cannot write --markdown file " + md + ": " + e.getMessage());
      }
    }
    return switch (c.verdict()) {
      case REGRESSED -> REGRESSED;
      case INCONCLUSIVE -> a.strict ? INCONCLUSIVE : OK;
      default -> OK;
    };
  }

  private static BenchmarkReport readReport(String path, String what) {
    Path p = Path.of(path);
    String json;
    try {
      json = Files.readString(p);
    } catch (NoSuchFileException e) {
      throw input(what + " " + p + " does not exist; pass the path of a report written by"
          + " BenchmarkReport.toJson() or 'mlops-bench run --out'");
    } catch (IOException e) {
      throw input("cannot read " + what + " " + p + ": " + e);
    }
    try {
      return BenchmarkReport.fromJson(json);
    } catch (MlopsException e) {
      throw input(what + " " + p + " is not a readable benchmark report: " + e.getMessage());
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (IOException e) {
      throw input("cannot write " + p + ": " + e);
    }
  }

  static long parseLong(String s, String what) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new UsageException(what + " is '" + s + "'; it must be a whole number");
    }
  }

  /** A usage error: exit status 2 and the usage text. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean showUsage;

    UsageException(String message) {
      this(message, true);
    }

    UsageException(String message, boolean showUsage) {
      super(message);
      this.showUsage = showUsage;
    }
  }

  /** Bad input rather than bad syntax: the message alone. */
  static UsageException input(String message) {
    return new UsageException(message, false);
  }

  /** The parsed command line. */
  private static final class Args {
    final List<String> positional = new ArrayList<>();
    final CompareOptions.Builder options = CompareOptions.builder();
    boolean strict;
    boolean record;
    String format = "text";
    String markdownFile;
    String outFile;
    String historyDir;
    String baselineReason;

    static Args parse(String[] args) {
      Args a = new Args();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          a.positional.add(arg);
          continue;
        }
        switch (arg) {
          case "--strict" -> a.strict = true;
          case "--record" -> a.record = true;
          case "--strict-tail" -> a.options.strictTail(true);
          case "--help" -> a.positional.add(0, "help");
          default -> {
            if (i + 1 >= args.length) {
              throw new UsageException("option " + arg + " needs a value, e.g. " + arg + " " + example(arg));
            }
            String v = args[++i];
            switch (arg) {
              case "--latency-threshold" -> a.options.latencyThreshold(fraction(arg, v));
              case "--throughput-threshold" -> a.options.throughputThreshold(fraction(arg, v));
              case "--accuracy-threshold" -> a.options.accuracyThreshold(fraction(arg, v));
              case "--error-threshold" -> a.options.errorThreshold(fraction(arg, v));
              case "--alpha" -> a.options.alpha(fraction(arg, v));
              case "--seed" -> a.options.seed(parseLong(v, "--seed"));
              case "--format" -> {
                if (!List.of("text", "markdown", "json").contains(v)) {
                  throw new UsageException("--format is '" + v + "'; use text, markdown or json");
                }
                a.format = v;
              }
              case "--markdown" -> a.markdownFile = v;
              case "--out" -> a.outFile = v;
              case "--history" -> a.historyDir = v;
              case "--baseline" -> a.baselineReason = v;
              default -> throw new UsageException("unknown option " + arg);
            }
          }
        }
      }
      return a;
    }

    private static String example(String option) {
      return switch (option) {
        case "--alpha" -> "0.01";
        case "--accuracy-threshold" -> "0.01";
        case "--error-threshold" -> "0.05";
        case "--seed" -> "42";
        case "--format" -> "markdown";
        case "--latency-threshold", "--throughput-threshold" -> "0.1";
        default -> "VALUE";
      };
    }

    private static double fraction(String option, String v) {
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new UsageException(option + " is '" + v + "'; it must be a number such as " + example(option)
            + " (a fraction, not a percentage)");
      }
    }

    CompareOptions options() {
      return options.build();
    }

    void expect(int n, String form) {
      if (positional.size() != n) {
        throw new UsageException(String.format(Locale.ROOT, "'%s' takes %d arguments, got %d %s; usage: mlops-bench %s",
            positional.get(0) + (positional.get(0).equals("history") && positional.size() > 1 ? " "
                + positional.get(1) : ""), n - 1 - (positional.get(0).equals("history") ? 1 : 0),
            positional.size() - 1 - (positional.get(0).equals("history") ? 1 : 0),
            positional.subList(1, positional.size()), form));
      }
    }
  }
}
