package dev.mlops.perf;

import dev.mlops.core.Csv;
import dev.mlops.core.Frame;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The measurements behind {@code perf/run NAME ARGS...}: each prints exactly one JSON line on stdout, as the
 * last line; progress goes to stderr. Not published.
 *
 * <pre>{@code
 * perf/run csv-read /tmp/mlops-mixed-200000.csv
 * }</pre>
 *
 * <p>Stability: experimental.
 */
public final class PerfRun {
  private static final Map<String, Function<String[], String>> RUNS = Map.of("csv-read", PerfRun::csvRead);
  private static final String USAGE = "usage: perf/run NAME ARGS...\n"
      + "  csv-read FILE.csv   best-of-3 whole-file read into a typed Frame (after warm-up), peak heap";

  private PerfRun() {}

  /** Dispatches on the first argument; exit code 2 with a usage message for an unknown name. */
  public static void main(String[] args) {
    Function<String[], String> run = args.length == 0 ? null : RUNS.get(args[0]);
    if (run == null) {
      System.err.println((args.length == 0 ? "no run named" : "unknown run '" + args[0] + "'") + "; the runs are "
          + RUNS.keySet());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    System.out.println(run.apply(rest));
  }

  /**
   * csv-read FILE: warm-up reads, then the best of 3 timed reads. The heap figure is the sum over the heap
   * memory pools of their peak usage, reset just before the timed reads (so it includes garbage not yet
   * collected: an upper bound on what the reads needed, not live data).
   */
  static String csvRead(String[] args) {
    if (args.length != 1) {
      throw usage("csv-read takes one argument, the CSV file");
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      throw usage("csv-read: no file " + file.toAbsolutePath());
    }
    Frame f = null;
    for (int i = 0; i < 15; i++) {
      f = Csv.read(file);
    }
    System.err.println("warm-up done: " + f.rowCount() + " rows x " + f.columnCount() + " columns");
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      f = Csv.read(file);
      double s = (System.nanoTime() - t) / 1e9;
      System.err.printf(Locale.ROOT, "read %d: %.4f s%n", i + 1, s);
      best = Math.min(best, s);
    }
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    String version = Csv.class.getPackage().getImplementationVersion();
    return String.format(Locale.ROOT,
        "{\"impl\":\"mlops-commons %s csv\", \"rows\":%d, \"columns\":%d, \"read_s\":%.4f, \"heap_peak_mb\":%.1f}",
        version == null ? "0.1.0-SNAPSHOT" : version, f.rowCount(), f.columnCount(), best, peak / 1048576.0);
  }

  private static IllegalArgumentException usage(String message) {
    System.err.println(message);
    System.err.println(USAGE);
    System.exit(2);
    return new IllegalArgumentException(message);
  }
}
