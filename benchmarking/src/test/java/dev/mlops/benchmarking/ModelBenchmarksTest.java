package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.MemoryBlobStore;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Sha256;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelBenchmarksTest {
  private final BenchmarkReport report = ReportFixture.report();
  private MemoryBlobStore blobs;
  private ModelStore store;

  @BeforeEach
  void publish() {
    blobs = MemoryBlobStore.create();
    store = ModelStore.open(blobs);
    store.publish("churn").file("model.bin", "weights".getBytes(StandardCharsets.UTF_8)).commit();
  }

  private String key(String sha) {
    return "benchmarks/churn/1/" + sha + ".json";
  }

  private List<String> storedReports() {
    return blobs.list("benchmarks/").map(BlobInfo::key).toList();
  }

  @Test
  void attachStoresTheReportByItsHashAndTagsTheVersion() {
    ModelVersion v = report.attachTo(store, "churn", 1);
    String sha = report.sha256();
    assertEquals(List.of(key(sha)), storedReports());
    assertEquals(sha, v.tags().get("benchmark.render-test.report"));
    BenchmarkReport.PredictorResult good = report.predictor("good");
    assertEquals(Double.toString(good.metrics().get("accuracy").estimate()),
        v.tags().get("benchmark.render-test.good.accuracy"));
    assertEquals(Double.toString(good.metrics().get("log_loss").estimate()),
        v.tags().get("benchmark.render-test.good.log_loss"));
    PerformanceResult single = good.performance(Scenario.SingleStream.class);
    assertEquals(Double.toString(single.latency().p50() / 1000.0),
        v.tags().get("benchmark.render-test.good.single_stream.p50_us"));
    assertEquals(Double.toString(single.latency().p99() / 1000.0),
        v.tags().get("benchmark.render-test.good.single_stream.p99_us"));
    String pipe = "benchmark.render-test.coin___pipe-" + Sha256.ofUtf8(ReportFixture.PIPE).substring(0, 8) + ".";
    assertTrue(v.tags().containsKey(pipe + "accuracy"), v.tags().toString());
    assertFalse(v.tags().containsKey(pipe + "roc_auc"), "an undefined metric is not tagged");
    assertTrue(v.tags().keySet().stream().allMatch(k -> k.startsWith("benchmark.render-test.")
        && k.matches("[A-Za-z0-9._-]+")), "every key is tag-safe: " + v.tags().keySet());
    assertEquals(v.tags(), store.get("churn", 1).tags(), "the store keeps the tags");
  }

  @Test
  void reportsAreReadBackAndVerified() {
    ModelBenchmarks.attach(store, "churn", 1, report);
    List<BenchmarkReport> back = ModelBenchmarks.reports(store, "churn", 1);
    assertEquals(1, back.size());
    assertEquals(report.toJson(), back.get(0).toJson());
    store.publish("other").file("m", new byte[] {1}).commit();
    assertEquals(List.of(), ModelBenchmarks.reports(store, "other", 1), "a version without reports has none");
  }

  @Test
  void attachingTheSameReportAgainChangesNothing() {
    ModelVersion first = ModelBenchmarks.attach(store, "churn", 1, report);
    ModelVersion second = ModelBenchmarks.attach(store, "churn", 1, report);
    assertEquals(first.tags(), second.tags());
    assertEquals(1, storedReports().size());
  }

  @Test
  void aNewerReportOfTheSameNameReplacesItsTags() {
    ModelBenchmarks.attach(store, "churn", 1, report);
    BenchmarkReport onlyGood = new BenchmarkReport(report.format(), report.version(), report.name(),
        report.createdAt(), report.library(), report.environment(), report.data(), List.of(report.predictor("good")),
        List.of());
    ModelVersion v = ModelBenchmarks.attach(store, "churn", 1, onlyGood);
    assertEquals(onlyGood.sha256(), v.tags().get("benchmark.render-test.report"));
    assertTrue(v.tags().keySet().stream().noneMatch(k -> k.contains("coin")), "tags of a dropped predictor go: "
        + v.tags().keySet());
    assertTrue(v.tags().containsKey("benchmark.render-test.good.accuracy"));
    assertEquals(List.of(onlyGood.toJson()), ModelBenchmarks.reports(store, "churn", 1).stream()
        .map(BenchmarkReport::toJson).toList());
  }

  @Test
  void aChangedReportIsAnIntegrityError() {
    ModelBenchmarks.attach(store, "churn", 1, report);
    String key = key(report.sha256());
    blobs.put(key, new ByteArrayInputStream(report.toJson().replace("render-test", "render-tesT")
        .getBytes(StandardCharsets.UTF_8)));
    IntegrityException e = assertThrows(IntegrityException.class, () -> ModelBenchmarks.reports(store, "churn", 1));
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void aMissingReportIsNotFoundWithTheFix() {
    ModelBenchmarks.attach(store, "churn", 1, report);
    blobs.delete(key(report.sha256()));
    NotFoundException e = assertThrows(NotFoundException.class, () -> ModelBenchmarks.reports(store, "churn", 1));
    assertTrue(e.getMessage().contains("attach the report again"), e.getMessage());
  }

  @Test
  void anUnknownVersionIsNotFoundAndNothingIsStored() {
    assertThrows(NotFoundException.class, () -> ModelBenchmarks.attach(store, "churn", 2, report));
    assertThrows(NotFoundException.class, () -> ModelBenchmarks.attach(store, "nope", 1, report));
    assertEquals(List.of(), storedReports());
  }

  @Test
  void namesAreMadeTagSafeWithoutCollisions() {
    assertEquals("tribuo-lr_2", ModelBenchmarks.safe("tribuo-lr_2"));
    assertEquals("lr__v2_-" + Sha256.ofUtf8("lr (v2)").substring(0, 8), ModelBenchmarks.safe("lr (v2)"));
    assertFalse(ModelBenchmarks.safe("a b").equals(ModelBenchmarks.safe("a_b")));
    assertFalse(ModelBenchmarks.safe("a.b").contains("."), "a dot would split the key");
    String longName = "x".repeat(200);
    assertEquals(59, ModelBenchmarks.safe(longName).length());
  }
}
