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
  private static final Map<String, Function<String[], String>> RUNS = Map.of("csv-read", PerfRun::csvRead,
      "gen-mixed", PerfRun::genMixed, "model-store", ModelStorePerf::run, "jdbc-read", JdbcReadPerf::read, "jdbc-raw",
      JdbcReadPerf::raw, "preprocessing-mixed", PreprocessingPerf::run, "harness-overhead",
      HarnessOverheadPerf::run);
  private static final String USAGE = "usage: perf/run NAME ARGS...\n"
      + "  csv-read FILE.csv        best-of-3 whole-file read into a typed Frame (after warm-up), peak heap\n"
      + "  gen-mixed ROWS FILE.csv  writes the mixed workload (8 numeric, 4 categorical columns, a label; seeded)\n"
      + "  model-store [DIR] [MIB]  publish/fetch of a 1 GiB artifact vs Files.copy, heap, alias look-up latency\n"
      + "  jdbc-read URL TABLE [BATCH_ROWS]  best-of-3 SELECT * through JdbcSource into Frames, peak heap\n"
      + "  jdbc-raw URL TABLE [FETCH_SIZE]   the same rows by the driver's fastest plain ResultSet loop\n"
      + "  preprocessing-mixed FILE.csv  load, fit and transform of the shared mixed pipeline (vs sklearn_mixed.py)\n"
      + "  harness-overhead [SECONDS]  the benchmark harness's own cost per call (no-op predictor), and its p50 vs JMH";

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
    return String.format(Locale.ROOT,
        "{\"impl\":\"mlops-commons %s csv\", \"rows\":%d, \"columns\":%d, \"read_s\":%.4f, \"heap_peak_mb\":%.1f}",
        dev.mlops.core.Provenance.currentLibraryVersion(), f.rowCount(), f.columnCount(), best, peak / 1048576.0);
  }

  /**
   * gen-mixed ROWS FILE: the mixed tabular workload of {@code mixed_workload.py}, generated in Java so that a
   * fresh clone needs no Python: x0..x7 ~ N(10 i, i + 1) with about 5% missing, written with 6 significant
   * digits in the shortest form ({@code %.6g} as Python prints it), c0..c3 as {@code k<N>} with cardinality 3,
   * 10, 30 and 100, and label = 1 when x0 &gt; 0 (a missing x0 counts as 0). Seeded (42): the same ROWS give the
   * same file, but not the same bytes as numpy's generator.
   */
  static String genMixed(String[] args) {
    if (args.length != 2) {
      throw usage("gen-mixed takes two arguments, the number of rows and the output file");
    }
    int rows;
    try {
      rows = Integer.parseInt(args[0]);
    } catch (NumberFormatException e) {
      throw usage("gen-mixed: ROWS is '" + args[0] + "'; expected a whole number");
    }
    Path out = Path.of(args[1]);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    int[] cardinality = {3, 10, 30, 100};
    StringBuilder line = new StringBuilder(128);
    try (java.io.Writer w = Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
      w.write("x0,x1,x2,x3,x4,x5,x6,x7,c0,c1,c2,c3,label\n");
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        boolean positive = false;
        for (int i = 0; i < 8; i++) {
          double x = 10.0 * i + (i + 1) * gaussian(rnd);
          if (rnd.nextDouble() < 0.05) {
            line.append(',');
            continue;
          }
          if (i == 0) {
            positive = x > 0;
          }
          line.append(g6(x)).append(',');
        }
        for (int c : cardinality) {
          line.append('k').append(rnd.nextInt(c)).append(',');
        }
        line.append(positive ? '1' : '0').append('\n');
        w.append(line);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not write " + out.toAbsolutePath(), e);
    }
    try {
      return String.format(Locale.ROOT, "{\"file\":\"%s\", \"rows\":%d, \"bytes\":%d}", out.toAbsolutePath(), rows,
          Files.size(out));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A standard normal value (Box-Muller; one of the pair is dropped, which keeps the stream simple). */
  private static double gaussian(java.util.SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  /** {@code x} to 6 significant digits, trailing zeros dropped, as Python's {@code f"{x:.6g}"} writes it. */
  static String g6(double x) {
    if (x == 0) {
      return 1 / x < 0 ? "-0" : "0";
    }
    java.math.BigDecimal v = new java.math.BigDecimal(x).round(new java.math.MathContext(6,
        java.math.RoundingMode.HALF_EVEN));
    int exp = v.precision() - v.scale() - 1; // the decimal exponent of the first digit
    if (exp < -4 || exp >= 6) {
      java.math.BigDecimal mantissa = v.movePointLeft(exp).stripTrailingZeros();
      String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
      return m + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    v = v.stripTrailingZeros();
    return v.scale() <= 0 ? v.toBigInteger().toString() : v.toPlainString();
  }

  static IllegalArgumentException usage(String message) {
    System.err.println(message);
    System.err.println(USAGE);
    System.exit(2);
    return new IllegalArgumentException(message);
  }
}
