package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
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
    List<Demo.SnapshotManifest> manifests =
        new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock).run(dir);
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(List.of("iris", "breast_cancer"), manifests.stream().map(Demo.SnapshotManifest::dataset).toList());
    assertEquals(150, manifests.get(0).rows());
    assertEquals(569, manifests.get(1).rows());
    assertEquals(31, manifests.get(1).columns().size());
    assertTrue(out.contains("iris: 150 rows x 5 columns"), out);
    assertTrue(out.contains("equal to the original: true"), out);
    try (FileBlobStore store = FileBlobStore.open(dir.resolve("store"))) {
      for (Demo.SnapshotManifest m : manifests) {
        BlobInfo data = store.stat(m.dataKey()).orElseThrow();
        assertEquals(m.dataSha256(), data.sha256());
        assertEquals(m.dataSize(), data.size());
        assertTrue(m.dataKey().contains(data.sha256()), "snapshots are addressed by content: " + m.dataKey());
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), m.provenance().createdAt());
      }
      assertEquals(4, store.list("datasets/").count());
      ModelStore models = ModelStore.open(store);
      ModelVersion prod = models.byAlias(ModelStoreDemo.MODEL, "production");
      assertEquals(1, prod.version());
      assertEquals(List.of(manifests.get(0).dataSha256()), prod.metadata().datasets(), "lineage to the iris snapshot");
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
  void rerunningOnTheSameStoreIsIdempotent() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    List<Demo.SnapshotManifest> first = new Demo(quiet, clock).run(dir);
    List<Demo.SnapshotManifest> second = new Demo(quiet, clock).run(dir);
    assertEquals(first.stream().map(Demo.SnapshotManifest::dataKey).toList(),
        second.stream().map(Demo.SnapshotManifest::dataKey).toList(), "the same data gives the same keys");
  }
}
