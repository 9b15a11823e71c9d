package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Json;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptionsAndEnvironmentTest {

  static void rejects(String expectedInMessage, Executable e) {
    ValidationException x = assertThrows(ValidationException.class, e);
    assertTrue(x.getMessage().contains(expectedInMessage), x.getMessage());
  }

  @Test
  void badRunOptionsAreClearErrors() {
    RunOptions d = RunOptions.defaults();
    rejects("warmupTolerance is 0.0", () -> d.withWarmupTolerance(0));
    rejects("warmupTolerance is 1.5", () -> d.withWarmupTolerance(1.5));
    rejects("minQueries is 0", () -> d.withMinQueries(0));
    rejects("minDuration is PT-1S", () -> d.withMinDuration(Duration.ofSeconds(-1)));
    rejects("latencyBound is PT0S", () -> d.withLatencyBound(Duration.ZERO));
    rejects("warmupWindow is PT0S", () -> d.withWarmupWindow(Duration.ZERO));
    rejects("maxWarmup is PT0.1S",
        () -> d.withWarmupWindow(Duration.ofSeconds(1)).withMaxWarmup(Duration.ofMillis(100)));
    assertEquals(Duration.ZERO, RunOptions.builder().noWarmup().build().maxWarmup());
    assertTrue(d.withLatencyBound(null).bound().isEmpty());
    assertEquals(7, d.withSeed(7).seed());
  }

  @Test
  void badScenariosAreClearErrors() {
    rejects("at least one batch size", () -> Scenario.offline());
    rejects("batch size is 0", () -> Scenario.offline(8, 0));
    rejects("repeat", () -> Scenario.offline(8, 8));
    rejects("targetQps is 0.0", () -> Scenario.server(0, 1));
    rejects("targetQps is NaN", () -> Scenario.server(Double.NaN, 1));
    rejects("threads is 0", () -> Scenario.server(100, 0));
  }

  @Test
  void runOptionsAndScenariosRoundTripThroughJson() {
    RunOptions o = RunOptions.defaults().withLatencyBound(Duration.ofMillis(5)).withSeed(3);
    assertEquals(o, Json.parse(Json.toCanonicalJson(o), RunOptions.class));
    for (Scenario s : List.of(Scenario.singleStream(), Scenario.offline(1, 64), Scenario.server(100.5, 3))) {
      assertEquals(s, Json.parse(Json.toCanonicalJson(s), Scenario.class));
    }
  }

  @Test
  void theEnvironmentFingerprintHasEveryField() {
    Environment e = Environment.current(Map.of("tribuo", "4.3.2"));
    assertFalse(e.jvmName().isBlank());
    assertFalse(e.jvmVendor().isBlank());
    assertEquals(Runtime.version().toString(), e.jvmVersion());
    assertFalse(e.osName().isBlank());
    assertFalse(e.osArch().isBlank());
    assertFalse(e.cpuModel().isBlank());
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertFalse(e.cpuModel().equals("unknown"), "a Linux /proc/cpuinfo names the CPU");
    }
    assertTrue(e.availableProcessors() >= 1);
    assertTrue(e.maxHeapBytes() > 0);
    assertEquals("4.3.2", e.libraries().get("tribuo"));
    assertTrue(e.libraries().containsKey("mlops"));
    assertTrue(e.nanoTimeGranularityNanos() >= 1 && e.nanoTimeGranularityNanos() < 1_000_000);
    assertTrue(e.nanoTimeCostNanos() > 0 && e.nanoTimeCostNanos() < 100_000);
    assertEquals(e, Json.parse(Json.toCanonicalJson(e), Environment.class));
  }

  @Test
  void comparableToFlagsTheDifferencesThatMatter() {
    Environment e = Environment.current();
    assertEquals(List.of(), e.comparableTo(e));
    Environment otherCpu = new Environment(e.jvmName(), e.jvmVendor(), e.jvmVersion(), e.jvmArguments(), e.osName(),
        e.osVersion(), e.osArch(), "Some Other CPU @ 1.0GHz", e.availableProcessors() + 2, e.maxHeapBytes(),
        Map.of("mlops", "9.9"), e.nanoTimeGranularityNanos() + 5, e.nanoTimeCostNanos() * 2);
    List<String> diffs = e.comparableTo(otherCpu);
    assertEquals(2, diffs.size(), diffs.toString());
    assertTrue(diffs.get(0).startsWith("cpuModel: "), diffs.toString());
    assertTrue(diffs.get(1).startsWith("availableProcessors: "), diffs.toString());
    Environment otherFlags = new Environment(e.jvmName(), e.jvmVendor(), "17.0.99", List.of("-Xmx1g",
        "-Dsome.path=/tmp/x"), e.osName(), e.osVersion(), e.osArch(), e.cpuModel(), e.availableProcessors(),
        e.maxHeapBytes(), e.libraries(), e.nanoTimeGranularityNanos(), e.nanoTimeCostNanos());
    List<String> more = e.comparableTo(otherFlags);
    assertTrue(more.stream().anyMatch(s -> s.startsWith("jvmVersion: ")), more.toString());
    assertTrue(more.stream().anyMatch(s -> s.startsWith("jvmFlags: ") && s.contains("-Xmx1g")), more.toString());
    assertEquals(List.of("-Xmx1g"), otherFlags.flags());
  }
}
