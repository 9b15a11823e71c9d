package dev.mlops.benchmarking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One small benchmark report shared by the rendering tests, with names that need escaping. */
final class ReportFixture {
  static final String PIPE = "coin | pipe";
  static final String SCRIPT = "<script>alert(1)</script> & \"x\"";
  static final List<String> NAMES = List.of("good", PIPE, SCRIPT);
  private static BenchmarkReport report;

  private ReportFixture() {}

  /** Three classifiers (one with probabilities), single stream and offline at batch sizes 1 and 50. */
  static synchronized BenchmarkReport report() {
    if (report == null) {
      Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
      report = Benchmark.builder("render-test").data(BenchmarkTest.data())
          .predictor("good", BenchmarkTest::good)
          .predictor(PIPE, BenchmarkTest::coin)
          .predictor(SCRIPT, () -> Predictors.function("always-yes", List.of("no", "yes"), row -> 1))
          .scenarios(Scenario.singleStream(), Scenario.offline(1, 50)).runOptions(BenchmarkTest.QUICK)
          .bootstrap(200, 0.95).seed(5).clock(clock).build().run();
    }
    return report;
  }

  /** The charts the HTML page should hold: one per headline metric that some predictor defines, then one each. */
  static int expectedCharts(BenchmarkReport r) {
    long accuracy = ReportFacts.mainMetrics(r).stream().filter(m -> r.predictors().stream()
        .anyMatch(p -> p.metrics().containsKey(m) && !Double.isNaN(p.metrics().get(m).estimate()))).count();
    return (int) accuracy + 2; // latency (single stream) and throughput (offline)
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
