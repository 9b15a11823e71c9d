package dev.mlops.benchmarking;

import dev.mlops.core.Provenance;
import dev.mlops.core.Stability;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A fingerprint of the machine and JVM a measurement ran on, so that results from different fingerprints are
 * flagged rather than silently compared. Serialises to JSON through {@code dev.mlops.core.Json}.
 *
 * <pre>{@code
 * Environment env = Environment.current(Map.of("tribuo", "4.3.2"));
 * List<String> diffs = env.comparableTo(baselineEnv);   // empty: comparable
 * }</pre>
 *
 * @param jvmName the VM name ({@code java.vm.name})
 * @param jvmVendor the VM vendor
 * @param jvmVersion the runtime version ({@code java.runtime.version}, or {@code java.version})
 * @param jvmArguments the JVM's input arguments, as given
 * @param osName the operating system
 * @param osVersion its version
 * @param osArch the architecture
 * @param cpuModel the CPU model ({@code /proc/cpuinfo} "model name" on Linux), or "unknown"
 * @param availableProcessors the processors the JVM may use
 * @param maxHeapBytes the heap limit
 * @param libraries library versions: "mlops" and any frameworks passed in
 * @param nanoTimeGranularityNanos the smallest positive step between consecutive {@link System#nanoTime()}
 *     readings seen
 * @param nanoTimeCostNanos the mean cost of one {@link System#nanoTime()} call
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record Environment(String jvmName, String jvmVendor, String jvmVersion, List<String> jvmArguments,
    String osName, String osVersion, String osArch, String cpuModel, int availableProcessors, long maxHeapBytes,
    Map<String, String> libraries, long nanoTimeGranularityNanos, double nanoTimeCostNanos) {

  /** Copies the collections; nothing may be null. */
  public Environment {
    Objects.requireNonNull(jvmName, "jvmName");
    Objects.requireNonNull(jvmVendor, "jvmVendor");
    Objects.requireNonNull(jvmVersion, "jvmVersion");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(osArch, "osArch");
    Objects.requireNonNull(cpuModel, "cpuModel");
    jvmArguments = List.copyOf(jvmArguments);
    libraries = Map.copyOf(libraries);
  }

  /** This JVM and machine, with the mlops version only. Measures the clock (about 50 ms). */
  public static Environment current() {
    return current(Map.of());
  }

  /** This JVM and machine, with {@code frameworks} (name to version) added to the library versions. */
  public static Environment current(Map<String, String> frameworks) {
    Map<String, String> libs = new TreeMap<>(frameworks);
    libs.put("mlops", Provenance.currentLibraryVersion());
    Runtime rt = Runtime.getRuntime();
    long[] clock = measureNanoTime();
    return new Environment(System.getProperty("java.vm.name", "unknown"),
        System.getProperty("java.vm.vendor", "unknown"),
        System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown")),
        ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("os.name", "unknown"),
        System.getProperty("os.version", "unknown"), System.getProperty("os.arch", "unknown"), readCpuModel(),
        rt.availableProcessors(), rt.maxMemory(), libs, clock[0], clock[1] / (double) clock[2]);
  }

  /**
   * The differences to {@code other} that make timings incomparable, one readable line each ("cpuModel: 'A' vs
   * 'B'"): CPU model, processors, JVM name, vendor and version, OS name, version and architecture, and the JVM
   * flags ({@code -X...} arguments; {@code -D} properties and agents are recorded but not compared). Empty when
   * the two are comparable. Library versions and clock figures are not compared: a library version is often
   * what a comparison is about.
   */
  public List<String> comparableTo(Environment other) {
    Objects.requireNonNull(other, "other");
    List<String> out = new ArrayList<>();
    differ(out, "cpuModel", cpuModel, other.cpuModel);
    differ(out, "availableProcessors", availableProcessors, other.availableProcessors);
    differ(out, "jvmName", jvmName, other.jvmName);
    differ(out, "jvmVendor", jvmVendor, other.jvmVendor);
    differ(out, "jvmVersion", jvmVersion, other.jvmVersion);
    differ(out, "osName", osName, other.osName);
    differ(out, "osVersion", osVersion, other.osVersion);
    differ(out, "osArch", osArch, other.osArch);
    differ(out, "jvmFlags", flags(), other.flags());
    return out;
  }

  /** The JVM arguments that change how code runs: those starting with {@code -X}. */
  public List<String> flags() {
    return jvmArguments.stream().filter(a -> a.startsWith("-X")).sorted().toList();
  }

  private static void differ(List<String> out, String field, Object mine, Object theirs) {
    if (!mine.equals(theirs)) {
      out.add(field + ": '" + mine + "' vs '" + theirs + "'");
    }
  }

  /** {granularity, total ns of the cost loop, calls in it}. */
  static long[] measureNanoTime() {
    long granularity = Long.MAX_VALUE;
    for (int i = 0; i < 20_000; i++) {
      long t0 = System.nanoTime();
      long t1;
      do {
        t1 = System.nanoTime();
      } while (t1 == t0);
      granularity = Math.min(granularity, t1 - t0);
    }
    int calls = 1_000_000;
    long acc = 0;
    for (int round = 0; round < 2; round++) { // the first round warms the loop up
      acc = 0;
      long begin = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        acc += System.nanoTime();
      }
      long total = System.nanoTime() - begin;
      if (round == 1) {
        return new long[] {granularity, total, calls + (acc == 0 ? 1 : 0)};
      }
    }
    throw new AssertionError();
  }

  /** The CPU model on Linux ("model name", or "Hardware"/"CPU part" on some ARM kernels), else "unknown". */
  static String readCpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try {
        String fallback = null;
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
          int colon = line.indexOf(':');
          if (colon < 0) {
            continue;
          }
          String key = line.substring(0, colon).trim();
          String value = line.substring(colon + 1).trim();
          if (key.equals("model name") && !value.isEmpty()) {
            return value;
          }
          if (fallback == null && (key.equals("Hardware") || key.equals("CPU part")) && !value.isEmpty()) {
            fallback = value;
          }
        }
        if (fallback != null) {
          return fallback;
        }
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }
    String windows = System.getenv("PROCESSOR_IDENTIFIER");
    return windows == null || windows.isBlank() ? "unknown" : windows.trim();
  }
}
