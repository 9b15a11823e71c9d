package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.data.AuditAction;
import dev.mlops.data.AuditEntry;
import dev.mlops.data.AuditLog;
import dev.mlops.data.DatasetStore;
import dev.mlops.data.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir
  Path dir;

  @Test
  void snapshotsBothDatasetsAndReadsThemBackVerified() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    Demo demo = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
    List<Snapshot> snaps = demo.run(dir);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(List.of("iris-train@1", "breast-cancer-train@1"), snaps.stream().map(Snapshot::ref).toList());
    assertEquals(150, snaps.get(0).rows());
    assertEquals(569, snaps.get(1).rows());
    assertEquals(31, snaps.get(1).schema().size());
    assertEquals("warehouse", snaps.get(0).source().name());
    assertEquals("H2", snaps.get(0).source().product());
    assertEquals("repeatable-read", snaps.get(1).source().consistency());
    assertTrue(out.contains("iris: 150 rows x 5 columns"), out);
    assertTrue(out.contains("equal to the original: true"), out);
    assertTrue(out.contains("audit chain verified: true"), out);
    // Preprocessing: the pipeline names the snapshot it was fitted on, reloads to identical output, feeds a model.
    assertTrue(out.contains("the snapshot's content id") && out.contains("equals the snapshot's content id"), out);
    assertTrue(out.contains("identical output: true"), out);
    assertTrue(out.contains("equals the batch row bit for bit: true"), out);
    PreprocessingDemo.Result pre = demo.preprocessing;
    assertTrue(pre.testAccuracy() > 0.93, "held-out accuracy " + pre.testAccuracy());
    assertEquals(31, pre.fitted().outputNames().size(), "30 numeric features + area_growth, target dropped: "
        + pre.fitted().outputNames());
    for (String c : PreprocessingDemo.SHIFTED) {
      assertEquals(dev.mlops.preprocessing.DriftStatus.ALERT, pre.shifted().features().stream()
          .filter(f -> f.column().equals(c)).findFirst().orElseThrow().status(), c);
    }
    assertTrue(pre.shifted().shouldRetrain());
    assertEquals(dev.mlops.preprocessing.DriftStatus.OK, pre.unshifted().status(), pre.unshifted().toTable());
    assertEquals(dev.mlops.preprocessing.FittedPipeline.load(pre.saved()).toJson(), pre.fitted().toJson());
    // Benchmarking: three predictors on the same rows; Tribuo and ONNX Runtime agree; the tuned model is published.
    BenchmarkDemo.Result bench = demo.benchmark;
    assertEquals(List.of("tribuo-lr", "onnx-lr", "tribuo-forest"), bench.report().predictors().stream()
        .map(dev.mlops.benchmarking.BenchmarkReport.PredictorResult::name).toList());
    assertTrue(out.contains("predict the same class for every held-out row: true"), out);
    assertEquals(bench.report().predictor("tribuo-lr").metrics().get("accuracy").estimate(),
        bench.report().predictor("onnx-lr").metrics().get("accuracy").estimate());
    assertTrue(bench.report().predictor("tribuo-forest").metrics().get("accuracy").estimate() > 0.9);
    assertEquals(12, bench.study().trials().size());
    assertEquals("breast-cancer-lr-tuned@1", bench.tuned().ref());
    assertTrue(bench.tuned().metadata().parameters().containsKey("learning_rate"));
    // The gate compared the second run with the baseline; accuracy is deterministic, so those checks pass.
    assertTrue(bench.gate().checks().stream().filter(c -> c.kind() == dev.mlops.benchmarking.CompareOptions.Check.ACCURACY)
        .allMatch(c -> c.verdict() == dev.mlops.benchmarking.Comparison.Verdict.PASS), bench.gate().toString());
    assertTrue(out.contains("run 2 vs baseline run 1"), out);
    assertTrue(java.nio.file.Files.readString(dir.resolve("benchmarks/breast-cancer.html")).contains("<svg"));
    try (FileBlobStore store = FileBlobStore.open(dir.resolve("store"))) {
      DatasetStore datasets = DatasetStore.open(store);
      for (Snapshot sn : snaps) {
        assertEquals(sn, datasets.resolve(sn.id()));
        assertEquals(2, sn.files().size());
        for (Snapshot.SnapshotFile f : sn.files()) {
          BlobInfo data = store.stat(f.key()).orElseThrow();
          assertEquals(f.sha256(), data.sha256());
          assertTrue(f.key().contains(sn.id()), "snapshots are addressed by content: " + f.key());
        }
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), sn.createdAt());
        assertTrue(datasets.verify(sn.ref()).isOk());
      }
      AuditLog audit = AuditLog.inBlobStore(store, "governance");
      assertEquals(List.of(AuditAction.READ, AuditAction.SNAPSHOT, AuditAction.READ, AuditAction.SNAPSHOT),
          audit.entries().map(AuditEntry::action).toList());
      assertTrue(audit.verify().isOk());
      ModelStore models = ModelStore.open(store);
      ModelVersion prod = models.byAlias(ModelStoreDemo.MODEL, "production");
      assertEquals(1, prod.version());
      assertEquals(List.of(snaps.get(0).id()), prod.metadata().datasets(), "lineage to the iris snapshot");
      assertEquals("tribuo-protobuf@1", prod.metadata().codec());
      assertTrue(prod.metadata().metrics().get("accuracy") > 0.9, prod.metadata().metrics().toString());
      assertTrue(prod.metadata().parameters().get("trainer").contains("LogisticRegressionTrainer"));
      assertTrue(models.verify(ModelStoreDemo.MODEL, 1).isOk());
    }
    assertTrue(out.contains("at the site predicts"), out);
    try (FileBlobStore site = FileBlobStore.open(dir.resolve("offline-site"))) {
      ModelStore offline = ModelStore.builder(site).signaturePolicy(dev.mlops.core.SignaturePolicy.require(
          dev.mlops.core.TrustStore.fromDirectory(dir.resolve("keys")))).build();
      assertTrue(offline.verify(ModelStoreDemo.MODEL, 1).isOk());
      assertEquals("ok", offline.verify(ModelStoreDemo.MODEL, 1).signature());
    }
  }

  @Test
  void runsAsWrittenThroughTheDemoLauncher() throws Exception {
    ProjectFiles.Result r = ProjectFiles.run(List.of("./demo", dir.resolve("store").toString()), 180);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("Done."), r.output());
  }

  @Test
  void rerunningOnTheSameStoreGivesTheSameContentIds() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    List<Snapshot> first = new Demo(quiet, clock).run(dir);
    List<Snapshot> second = new Demo(quiet, clock).run(dir);
    assertEquals(first.stream().map(Snapshot::id).toList(), second.stream().map(Snapshot::id).toList(),
        "the same data gives the same ids");
    assertEquals(List.of("iris-train@2", "breast-cancer-train@2"), second.stream().map(Snapshot::ref).toList());
    assertEquals(first.get(0).files(), second.get(0).files(), "and is stored once");
  }
}
