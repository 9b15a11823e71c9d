package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.benchmarking.onnx.OnnxOptions;
import dev.mlops.benchmarking.tribuo.IrisModels;
import dev.mlops.benchmarking.tribuo.TribuoPredictor;
import dev.mlops.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ONNXExportable;

class BenchmarkCliTest {
  @TempDir static Path dir;
  static Path base;
  static Path slow;
  static Path worse;
  static Path good;
  static Path otherCpu;
  static Path otherData;

  @BeforeAll
  static void reports() throws IOException {
    BenchmarkReport b = GateFixtures.timed(GateFixtures.spinning("p", 20_000, 0));
    base = write("base.json", b);
    slow = write("slow.json", GateFixtures.timed(GateFixtures.spinning("p", 50_000, 0)));
    worse = write("worse.json", GateFixtures.untimed(GateFixtures.spinning("p", 0, 7)));
    good = write("good.json", GateFixtures.untimed(GateFixtures.spinning("p", 0, 0)));
    otherCpu = write("other-cpu.json", GateFixtures.onOtherCpu(b));
    otherData = write("other-data.json", GateFixtures.withDataSha(b, "cd".repeat(32)));
  }

  static Path write(String name, BenchmarkReport r) throws IOException {
    return Files.writeString(dir.resolve(name), r.toJson());
  }

  /** The exit status, stdout and stderr of one command. */
  record Run(int status, String out, String err) {}

  static Run cli(Object... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] a = java.util.Arrays.stream(args).map(Object::toString).toArray(String[]::new);
    int status = BenchmarkCli.run(a, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void compareExitsZeroWhenNothingChanged() {
    Run r = cli("compare", base, base);
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().startsWith("benchmark 'gate': PASS"), r.out());
  }

  @Test
  void compareExitsOneOnARegressionAndZeroOnAnImprovement() {
    Run r = cli("compare", slow, base, "--latency-threshold", "0.5");
    assertEquals(1, r.status(), r.toString());
    assertTrue(r.out().contains("REGRESSED    p single_stream p50:"), r.out());
    assertEquals(0, cli("compare", base, slow, "--latency-threshold", "0.5").status());
    Run acc = cli("compare", worse, base, "--format", "markdown");
    assertEquals(1, acc.status(), acc.toString());
    assertTrue(acc.out().contains("| REGRESSED | p | accuracy |"), acc.out());
    Run lenient = cli("compare", worse, base, "--accuracy-threshold", "0.5", "--error-threshold", "50", "--checks");
    assertEquals(2, lenient.status(), "--checks needs a value: " + lenient);
    Run above = cli("compare", worse, worse, "--accuracy-threshold", "0.5", "--error-threshold", "50");
    assertEquals(0, above.status(), above.toString());
    Run pass = cli("compare", worse, good, "--accuracy-threshold", "0.5",
        "--error-threshold", "50");
    assertEquals(0, pass.status(), "thresholds above the change: " + pass);
  }

  @Test
  void inconclusiveExitsZeroOrThreeWithStrict(@TempDir Path tmp) throws IOException {
    Run machines = cli("compare", otherCpu, base);
    assertEquals(0, machines.status(), machines.toString());
    assertTrue(machines.out().contains("INCONCLUSIVE") && machines.out().contains("different machines"),
        machines.out());
    assertEquals(3, cli("compare", otherCpu, base, "--strict").status());
    Path md = tmp.resolve("summary.md");
    Run data = cli("compare", otherData, base, "--strict", "--markdown", md);
    assertEquals(3, data.status(), data.toString());
    assertTrue(data.out().contains("the data differs"), data.out());
    assertTrue(Files.readString(md).contains("**INCONCLUSIVE**"));
    Run json = cli("compare", otherData, base, "--format", "json");
    assertEquals("INCONCLUSIVE", Json.parseTree(json.out(), "out").get("verdict").asText());
  }

  @Test
  void badArgumentsExitTwoNamingTheProblemAndTheFix() throws IOException {
    Run none = cli();
    assertEquals(2, none.status());
    assertTrue(none.err().contains("no command given") && none.err().contains("usage:"), none.err());
    Run unknown = cli("comapre", base, base);
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown command 'comapre'; use compare, history or run"), unknown.err());
    Run missing = cli("compare", dir.resolve("nope.json"), base);
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("CURRENT.json " + dir.resolve("nope.json") + " does not exist; pass the path"
        + " of a report"), missing.err());
    Run arity = cli("compare", base);
    assertEquals(2, arity.status());
    assertTrue(arity.err().contains("'compare' takes 2 arguments, got 1"), arity.err());
    Run alpha = cli("compare", base, base, "--alpha", "abc");
    assertEquals(2, alpha.status());
    assertTrue(alpha.err().contains("--alpha is 'abc'; it must be a number such as 0.01"), alpha.err());
    Run range = cli("compare", base, base, "--alpha", "0.7");
    assertEquals(2, range.status());
    assertTrue(range.err().contains("alpha is 0.7; it must be above 0 and below 0.5"), range.err());
    Run noValue = cli("compare", base, base, "--latency-threshold");
    assertEquals(2, noValue.status());
    assertTrue(noValue.err().contains("option --latency-threshold needs a value, e.g. --latency-threshold 0.1"),
        noValue.err());
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"format\": \"something-else\", \"version\": 1}");
    Run bad = cli("compare", garbage, base);
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("is not a readable benchmark report") && bad.err().contains("something-else"),
        bad.err());
    assertEquals(0, cli("help").status());
  }

  @Test
  void historyRecordsSetsTheBaselineAndComparesTheLatestWithIt(@TempDir Path store) {
    Run noReports = cli("history", "compare", store, "gate");
    assertEquals(2, noReports.status(), noReports.toString());
    assertTrue(noReports.err().contains("benchmark 'gate' has no reports in " + store + "; record one with"
        + " 'mlops-bench history record"), noReports.err());
    assertTrue(!noReports.err().contains("usage:"), "bad input, not bad syntax: " + noReports.err());
    Run noDir = cli("history", "compare", store.resolve("missing"), "gate");
    assertTrue(noDir.status() == 2 && noDir.err().contains("does not exist; record a report first"), noDir.err());
    Path fresh = store.resolve("fresh");
    assertEquals(0, cli("history", "record", fresh, base).status());
    Run noBaseline = cli("history", "compare", fresh, "gate");
    assertEquals(2, noBaseline.status());
    assertTrue(noBaseline.err().contains("has no baseline in " + fresh + "; set one with 'mlops-bench history"
        + " baseline " + fresh + " gate SEQ REASON' (reports: [1])"), noBaseline.err());
    Run first = cli("history", "record", store, base, "--baseline", "first run");
    assertEquals(0, first.status(), first.toString());
    assertTrue(first.out().contains("recorded gate #1") && first.out().contains("baseline of gate is now #1"),
        first.out());
    assertEquals(0, cli("history", "compare", store, "gate").status());
    assertEquals(0, cli("history", "record", store, slow).status());
    Run regressed = cli("history", "compare", store, "gate", "--latency-threshold", "0.5");
    assertEquals(1, regressed.status(), regressed.toString());
    assertTrue(regressed.out().startsWith("comparing gate #2 with baseline #1"), regressed.out());
    assertEquals(0, cli("history", "baseline", store, "gate", 2, "accept the slower parser").status());
    assertEquals(0, cli("history", "compare", store, "gate").status());
    Run list = cli("history", "list", store, "gate");
    assertTrue(list.out().contains("gate: 2 reports [1, 2]") && list.out().contains("accept the slower parser"),
        list.out());
    Run noSuch = cli("history", "baseline", store, "gate", 5, "typo");
    assertEquals(2, noSuch.status());
    assertTrue(noSuch.err().contains("no report 5") && noSuch.err().contains("[1, 2]"), noSuch.err());
    Run seq = cli("history", "baseline", store, "gate", "two", "typo");
    assertTrue(seq.status() == 2 && seq.err().contains("SEQ is 'two'; it must be a whole number"), seq.err());
    Run other = cli("history", "compare", store, "other");
    assertEquals(2, other.status());
    assertTrue(other.err().contains("benchmark 'other' has no reports"), other.err());
  }

  @Test
  void runBenchmarksAnOnnxSpecAndGatesOnTheStoredBaseline(@TempDir Path work) throws IOException {
    Path model = work.resolve("lr.onnx");
    ((ONNXExportable) IrisModels.LOGISTIC).saveONNXModel("dev.mlops.test", 1, model);
    Files.copy(Path.of(System.getProperty("user.dir")).resolve("src/test/resources/data/iris.csv"),
        work.resolve("iris.csv"));
    OnnxOptions onnx = OnnxOptions.classifier("onnx-lr", TribuoPredictor.outputOrder(IrisModels.LOGISTIC))
        .withFeatureNames(TribuoPredictor.classifier("t", IrisModels.LOGISTIC).featureNames());
    Map<String, Object> spec = Map.of("name", "iris", "data", "iris.csv", "target", "target",
        "predictors", List.of(Map.of("file", "lr.onnx", "onnx", onnx)),
        "scenarios", List.of(Map.of("type", "single_stream")),
        "runOptions", Map.of("minDuration", "PT0.05S", "maxWarmup", "PT0.1S", "warmupWindow", "PT0.02S",
            "minQueries", 200),
        "resamples", 100);
    Path specFile = Files.writeString(work.resolve("spec.json"), Json.toPrettyJson(spec));
    Path history = work.resolve("history");
    Path out = work.resolve("report.json");
    Run first = cli("run", specFile, "--out", out, "--history", history, "--record");
    assertEquals(0, first.status(), first.toString());
    assertTrue(first.out().contains("no baseline of iris") && first.out().contains("recorded iris #1"), first.out());
    BenchmarkReport report = BenchmarkReport.fromJson(Files.readString(out));
    assertTrue(report.predictor("onnx-lr").metrics().get("accuracy").estimate() > 0.9);
    assertEquals(0, cli("history", "baseline", history, "iris", 1, "first").status());
    Run second = cli("run", specFile, "--history", history, "--latency-threshold", "1.0");
    assertEquals(0, second.status(), second.toString());
    assertTrue(second.out().contains("comparing with baseline #1") && second.out().contains("PASS    "),
        second.out());
    Files.writeString(work.resolve("bad.json"), "{\"name\": \"iris\", \"data\": \"iris.csv\"}");
    Run bad = cli("run", work.resolve("bad.json"));
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("needs \"data\" (a CSV file) and \"target\""), bad.err());
  }
}
