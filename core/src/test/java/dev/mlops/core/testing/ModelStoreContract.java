package dev.mlops.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.AliasChange;
import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.ConflictException;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.ModelFile;
import dev.mlops.core.ModelMetadata;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Tombstone;
import dev.mlops.core.ValidationException;
import dev.mlops.core.VersionPage;
import dev.mlops.core.VersionQuery;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour of a {@link ModelStore} over any {@link BlobStore}: extend it and implement {@link #newBlobStore()};
 * it runs unchanged against memory, file and S3 stores. Concurrency is in {@link ModelStoreConcurrencyContract}, gc
 * racing publishers in {@link ModelStoreGcContract}.
 *
 * <pre>{@code
 * class S3ModelStoreTest extends ModelStoreContract {
 *   protected BlobStore newBlobStore() { return S3BlobStore.builder()...build(); }
 * }
 * }</pre>
 *
 * <p>Stability: experimental (test support, in mlops-core's test-jar).
 */
public abstract class ModelStoreContract {
  /** The blob store under the model store, fresh and empty for each test. */
  protected BlobStore blobs;
  /** The model store under test. */
  protected ModelStore store;

  /** A new, empty blob store. Called before each test; the test closes it. */
  protected abstract BlobStore newBlobStore();

  /** A fresh directory for fetched files. */
  @TempDir
  protected Path fetchDir;

  /** Opens {@link #store} over a new blob store. */
  @BeforeEach
  protected void openStore() {
    blobs = newBlobStore();
    store = ModelStore.builder(blobs).user("tester").build();
  }

  /** Closes the blob store. */
  @AfterEach
  protected void closeStore() {
    blobs.close();
  }

  /** Publishes one small file with metadata. */
  protected ModelVersion publish(String name, String content, ModelMetadata meta) {
    return store.publish(name).file("model.bin", content.getBytes(UTF_8)).metadata(meta).commit();
  }

  /** Reads a whole file of a version. */
  protected byte[] read(ModelVersion v, String path) {
    try (InputStream in = store.open(v, path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void publishesAndReadsBackFilesAndMetadata() {
    ModelMetadata meta = ModelMetadata.builder().framework("tribuo", "4.3.2").param("epochs", "10")
        .metric("accuracy", 0.953).tag("team", "risk").description("first").creator("alice")
        .dataset("snap-1").pipeline("pipelines/churn@2").codeCommit("9f1e2d4").license("Apache-2.0")
        .intendedUse("rank accounts").limitations("EU only").build();
    ModelVersion v = store.publish("churn")
        .file("model.bin", "weights".getBytes(UTF_8))
        .file("vocab/tokens.txt", new ByteArrayInputStream("a\nb\n".getBytes(UTF_8)))
        .metadata(meta).commit();
    assertEquals(1, v.version());
    assertEquals("churn@1", v.ref());
    assertEquals(List.of("model.bin", "vocab/tokens.txt"), v.files().stream().map(ModelFile::path).toList());
    assertEquals(7, v.files().get(0).size());
    assertEquals(BlobTesting.sha256("weights".getBytes(UTF_8)), v.files().get(0).sha256());
    assertEquals("tester", v.manifest().publishedBy());
    ModelVersion back = store.get("churn", 1);
    assertEquals(v, back);
    assertEquals(meta, back.metadata());
    assertArrayEquals("a\nb\n".getBytes(UTF_8), read(back, "vocab/tokens.txt"));
    assertEquals(List.of("churn"), store.models());
  }

  @Test
  void numbersVersionsFromOneWithoutGaps() {
    for (int i = 1; i <= 5; i++) {
      assertEquals(i, publish("m", "v" + i, ModelMetadata.EMPTY).version());
    }
    assertEquals(5, store.latest("m").version());
    assertEquals(5, store.resolve("m").version());
    assertEquals(3, store.resolve("m@3").version());
    assertEquals(List.of(1, 2, 3, 4, 5), store.versions("m").stream().map(ModelVersion::version).toList());
  }

  @Test
  void storesIdenticalFilesOnce() {
    publish("a", "same bytes", ModelMetadata.EMPTY);
    publish("b", "same bytes", ModelMetadata.EMPTY);
    publish("a", "same bytes", ModelMetadata.EMPTY);
    assertEquals(1, blobs.list("blobs/").count());
    assertEquals(0, blobs.list("staging/").count());
    assertEquals(0, blobs.list("leases/").count());
  }

  @Test
  void missingVersionOrModelNamesWhatExists() {
    publish("churn", "x", ModelMetadata.EMPTY);
    NotFoundException v = assertThrows(NotFoundException.class, () -> store.get("churn", 4));
    assertTrue(v.getMessage().contains("versions are 1 to 1"), v.getMessage());
    NotFoundException m = assertThrows(NotFoundException.class, () -> store.get("fraud", 1));
    assertTrue(m.getMessage().contains("'fraud' does not exist") && m.getMessage().contains("churn"), m.getMessage());
    assertThrows(NotFoundException.class, () -> store.latest("fraud"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a/b", "", ".hidden", "x..y", "name.", "sp ace", "a\u0000b"})
  void rejectsBadModelNames(String name) {
    ValidationException e = assertThrows(ValidationException.class, () -> store.publish(name));
    assertTrue(e.getMessage().contains("model name"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "/abs", "a//b", "a/./b", "a\\b", "dir/", "a b", "x/../y"})
  void rejectsFilePathsThatCouldEscape(String path) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> store.publish("m").file(path, new byte[] {1}));
    assertTrue(e.getMessage().contains("file path"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Production", "1st", "latest", "../prod", "prod/x", ""})
  void rejectsBadAliases(String alias) {
    publish("m", "x", ModelMetadata.EMPTY);
    assertThrows(ValidationException.class, () -> store.setAlias("m", alias, 1, "test"));
  }

  @Test
  void rejectsEmptyOrDuplicatePublications() {
    assertThrows(ValidationException.class, () -> store.publish("m").commit());
    assertThrows(ValidationException.class, () -> store.publish("m").file("a", new byte[1]).file("a", new byte[2]));
    assertFalse(store.models().contains("m"));
  }

  @Test
  void aliasesMoveAtomicallyWithHistoryAndRollBack() {
    publish("m", "1", ModelMetadata.EMPTY);
    publish("m", "2", ModelMetadata.EMPTY);
    AliasChange first = store.setAlias("m", "production", 1, "first release");
    assertNull(first.from());
    assertEquals(1, store.byAlias("m", "production").version());
    store.setAlias("m", "production", 2, "better AUC");
    store.setAlias("m", "staging", 2, "try");
    assertEquals(2, store.resolve("m@production").version());
    AliasChange back = store.setAlias("m", "production", 1, "rollback: latency");
    assertEquals(2, back.from());
    assertEquals(1, back.to());
    assertEquals(Map.of("production", 1, "staging", 2), store.aliases("m"));
    List<AliasChange> history = store.aliasHistory("m", "production");
    assertEquals(List.of(1L, 2L, 3L), history.stream().map(AliasChange::sequence).toList());
    assertEquals("better AUC", history.get(1).reason());
    assertEquals("tester", history.get(2).by());
    store.removeAlias("m", "staging", "done");
    assertFalse(store.aliases("m").containsKey("staging"));
    assertThrows(NotFoundException.class, () -> store.byAlias("m", "staging"));
    assertEquals(2, store.aliasHistory("m", "staging").size());
  }

  @Test
  void aliasMustPointAtALiveVersion() {
    publish("m", "1", ModelMetadata.EMPTY);
    assertThrows(NotFoundException.class, () -> store.setAlias("m", "production", 7, "typo"));
    NotFoundException e = assertThrows(NotFoundException.class, () -> store.byAlias("m", "nope"));
    assertTrue(e.getMessage().contains("no alias 'nope'"), e.getMessage());
  }

  @Test
  void deletingLeavesATombstoneAndNeverReusesTheNumber() {
    publish("m", "1", ModelMetadata.EMPTY);
    publish("m", "2", ModelMetadata.EMPTY);
    store.setAlias("m", "production", 2, "go");
    ConflictException busy = assertThrows(ConflictException.class, () -> store.delete("m", 2, "bad"));
    assertTrue(busy.getMessage().contains("production"), busy.getMessage());
    store.setAlias("m", "production", 1, "rollback");
    Tombstone t = store.delete("m", 2, "leaked test data");
    assertEquals("tester", t.deletedBy());
    NotFoundException gone = assertThrows(NotFoundException.class, () -> store.get("m", 2));
    assertTrue(gone.getMessage().contains("deleted") && gone.getMessage().contains("leaked test data"));
    assertEquals(1, store.latest("m").version());
    assertEquals(3, publish("m", "3", ModelMetadata.EMPTY).version());
    assertEquals(t, store.delete("m", 2, "again"));
    assertThrows(NotFoundException.class, () -> store.setAlias("m", "staging", 2, "x"));
  }

  @Test
  void tagsAndDescriptionChangeWithoutTouchingTheManifest() {
    ModelVersion v = publish("m", "1", ModelMetadata.builder().tag("stage", "dev").tag("team", "a").build());
    ModelVersion u = store.updateTags("m", 1, Map.of("stage", "prod", "owner", "bob"), Set.of("team"));
    assertEquals(Map.of("stage", "prod", "owner", "bob"), u.tags());
    ModelVersion d = store.updateDescription("m", 1, "promoted");
    assertEquals("promoted", store.get("m", 1).description());
    assertEquals(u.tags(), d.tags());
    assertEquals(v.manifestSha256(), store.get("m", 1).manifestSha256());
    assertEquals(Map.of("stage", "dev", "team", "a"), store.get("m", 1).metadata().tags());
    assertArrayEquals("1".getBytes(UTF_8), read(store.get("m", 1), "model.bin"));
  }

  @Test
  void listsVersionsFilteredOrderedAndPaginated() {
    double[] acc = {0.7, 0.9, 0.8, 0.95, 0.6};
    for (int i = 0; i < acc.length; i++) {
      publish("m", "v" + i, ModelMetadata.builder().metric("accuracy", acc[i]).tag("even", i % 2 == 0 ? "y" : "n")
          .build());
    }
    store.delete("m", 3, "bad");
    VersionPage first = store.versions("m", VersionQuery.all().withPageSize(2));
    assertEquals(List.of(1, 2), first.items().stream().map(ModelVersion::version).toList());
    VersionPage second = store.versions("m", VersionQuery.all().withPageSize(2).withPageToken(first.nextPageToken()));
    assertEquals(List.of(4, 5), second.items().stream().map(ModelVersion::version).toList());
    assertTrue(second.isLast());
    assertEquals(List.of(4, 2, 1), versions(VersionQuery.all().withMetricAtLeast("accuracy", 0.65)
        .orderByMetric("accuracy", true)));
    assertEquals(List.of(5, 1), versions(VersionQuery.all().withTag("even", "y").orderBy(VersionQuery.Order.VERSION_DESC)));
    assertEquals(List.of(5), versions(VersionQuery.all().withMetricAtMost("accuracy", 0.65)));
    Instant after = store.get("m", 4).manifest().publishedAt();
    assertEquals(List.of(4, 5), versions(VersionQuery.all().publishedAfter(after)));
    VersionPage top = store.versions("m", VersionQuery.all().orderByMetric("accuracy", true).withPageSize(3));
    assertEquals(List.of(4, 2, 1), top.items().stream().map(ModelVersion::version).toList());
    VersionPage rest = store.versions("m", VersionQuery.all().orderByMetric("accuracy", true).withPageSize(3)
        .withPageToken(top.nextPageToken()));
    assertEquals(List.of(5), rest.items().stream().map(ModelVersion::version).toList());
    assertThrows(ValidationException.class, () -> store.versions("m", VersionQuery.all().withPageToken("garbage")));
  }

  private List<Integer> versions(VersionQuery q) {
    return store.versions("m", q).items().stream().map(ModelVersion::version).toList();
  }

  @Test
  void detectsACorruptedBlobOnReadAndVerify() {
    ModelVersion v = publish("m", "original weights", ModelMetadata.EMPTY);
    String sha = v.files().get(0).sha256();
    BlobInfo bad = blobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, "tampered weights".getBytes(UTF_8));
    IntegrityException e = assertThrows(IntegrityException.class, () -> read(v, "model.bin"));
    assertTrue(e.getMessage().contains("model.bin") && e.getMessage().contains(sha)
        && e.getMessage().contains(bad.sha256()), e.getMessage());
    var report = store.verify("m", 1);
    assertFalse(report.isOk());
    assertThrows(IntegrityException.class, report::throwIfFailed);
    assertTrue(store.verify("m", 1).problems().get(0).contains("model.bin"));
  }

  @Test
  void fetchWritesEveryFileOfAVersionAndIsIdempotent() throws IOException {
    byte[] big = new byte[3 * 1024 * 1024 + 17]; // several chunks of the copy, and a part
    new java.util.SplittableRandom(3).nextBytes(big);
    ModelVersion v = store.publish("m").file("model.bin", big)
        .file("vocab/tokens.txt", "a\nb\n".getBytes(UTF_8)).file("empty", new byte[0]).commit();
    assertEquals(BlobTesting.sha256(big), v.manifest().file("model.bin").sha256());
    Path out = fetchDir.resolve("out");
    assertEquals(out, store.fetch(v, out));
    assertArrayEquals(big, Files.readAllBytes(out.resolve("model.bin")));
    assertEquals("a\nb\n", Files.readString(out.resolve("vocab/tokens.txt")));
    assertEquals(0, Files.size(out.resolve("empty")));
    store.fetch(v, out); // the same content is there: nothing to do
    assertEquals(List.of("empty", "model.bin", "vocab", "vocab/tokens.txt"), listTree(out));
  }

  @Test
  void fetchRefusesToOverwriteOtherContent() throws IOException {
    ModelVersion v = publish("m", "weights", ModelMetadata.EMPTY);
    Path out = Files.createDirectories(fetchDir.resolve("out"));
    Files.writeString(out.resolve("model.bin"), "mine");
    ConflictException e = assertThrows(ConflictException.class, () -> store.fetch(v, out));
    assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
    assertEquals("mine", Files.readString(out.resolve("model.bin")));
  }

  @Test
  void fetchOfACorruptedBlobWritesNothing() throws IOException {
    byte[] big = new byte[1024 * 1024 + 5];
    new java.util.SplittableRandom(4).nextBytes(big);
    ModelVersion v = store.publish("m").file("model.bin", big).commit();
    String sha = v.files().get(0).sha256();
    big[big.length / 2] ^= 1;
    BlobInfo bad = blobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, big);
    Path out = fetchDir.resolve("out");
    IntegrityException e = assertThrows(IntegrityException.class, () -> store.fetch(v, out));
    assertTrue(e.getMessage().contains("model.bin") && e.getMessage().contains(sha)
        && e.getMessage().contains(bad.sha256()), e.getMessage());
    assertEquals(List.of(), listTree(out), "neither the file nor a temp file is left");
  }

  private static List<String> listTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Test
  void detectsAMissingBlob() {
    ModelVersion v = publish("m", "weights", ModelMetadata.EMPTY);
    String sha = v.files().get(0).sha256();
    blobs.delete("blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
    IntegrityException e = assertThrows(IntegrityException.class, () -> read(v, "model.bin"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void verifiesAnIntactVersion() {
    publish("m", "weights", ModelMetadata.EMPTY);
    var report = store.verify("m", 1).throwIfFailed();
    assertEquals(1, report.filesChecked());
    assertEquals(7, report.bytesChecked());
  }

  @Test
  void detectsAManifestReplacedAfterItWasRead() {
    ModelVersion v = publish("m", "weights", ModelMetadata.builder().metric("auc", 0.9).build());
    String key = "models/m/versions/1.json";
    String edited = new String(blobs.getBytes(key), UTF_8).replace("0.9", "0.99");
    assertNotEquals(new String(blobs.getBytes(key), UTF_8), edited);
    blobs.putBytes(key, edited.getBytes(UTF_8));
    assertThrows(IntegrityException.class, () -> store.open(v, "model.bin"));
    assertEquals(0.99, store.get("m", 1).metadata().metrics().get("auc"));
  }

  @Test
  void detectsAManifestCopiedToAnotherVersion() {
    publish("m", "1", ModelMetadata.EMPTY);
    publish("m", "2", ModelMetadata.EMPTY);
    blobs.putBytes("models/m/versions/2.json", blobs.getBytes("models/m/versions/1.json"));
    IntegrityException e = assertThrows(IntegrityException.class, () -> store.get("m", 2));
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void aCorruptRecordIsAnIntegrityError() {
    publish("m", "1", ModelMetadata.EMPTY);
    blobs.putBytes("models/m/versions/1.json", "{not json".getBytes(UTF_8));
    assertThrows(IntegrityException.class, () -> store.get("m", 1));
  }

  @Test
  void openRejectsAFileNotInTheManifest() {
    ModelVersion v = publish("m", "1", ModelMetadata.EMPTY);
    NotFoundException e = assertThrows(NotFoundException.class, () -> store.open(v, "other.bin"));
    assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
  }

  @Test
  void aFailingSourceLeavesNoVersion() {
    InputStream failing = new InputStream() {
      private int n;

      @Override
      public int read() throws IOException {
        if (++n > 1000) {
          throw new IOException("disk gone");
        }
        return 1;
      }
    };
    assertThrows(RuntimeException.class, () -> store.publish("m").file("a.bin", new byte[] {1})
        .file("b.bin", failing).commit());
    assertThrows(NotFoundException.class, () -> store.latest("m"));
    assertEquals(0, blobs.list("staging/").count());
    assertEquals(0, blobs.list("leases/").count());
    assertEquals(1, publish("m", "ok", ModelMetadata.EMPTY).version());
  }

  @Test
  void gcRemovesOnlyUnreferencedBlobsPastTheGracePeriod() {
    ModelStore eager = ModelStore.builder(blobs).user("tester").gcGrace(Duration.ZERO).build();
    ModelVersion keep = publish("m", "keep", ModelMetadata.EMPTY);
    publish("m", "drop", ModelMetadata.EMPTY);
    store.delete("m", 2, "drop");
    blobs.putBytes("staging/dead-lease/0", new byte[] {1, 2});
    assertEquals(0, store.gc().blobsDeleted(), "the default one-hour grace keeps young blobs");
    var report = eager.gc();
    assertEquals(1, report.blobsDeleted());
    assertEquals(4, report.bytesFreed());
    assertEquals(1, report.blobsKept());
    assertEquals(1, report.stagingDeleted());
    assertArrayEquals("keep".getBytes(UTF_8), read(keep, "model.bin"));
    assertEquals(1, blobs.list("blobs/").count());
  }
}
