package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model bundles and mirrors between two stores over the same kind of {@link BlobStore}; extended for file and
 * memory stores. The target's writes are recorded, so "nothing is written" is checked, not assumed.
 */
abstract class ModelBundleTest {
  static final String WEIGHTS = "weights of version two, unique in the bundle";
  @TempDir Path dir;
  BlobStore sourceBlobs;
  WriteCountingBlobStore targetBlobs;
  ModelStore source;
  ModelStore target;
  private int files;

  /** A new, empty blob store; {@code name} tells two stores of one test apart. */
  abstract BlobStore newBlobStore(String name);

  @BeforeEach
  void openStores() {
    sourceBlobs = newBlobStore("source");
    targetBlobs = new WriteCountingBlobStore(newBlobStore("target"));
    source = ModelStore.builder(sourceBlobs).user("alice").build();
    target = ModelStore.builder(targetBlobs).user("edge").build();
  }

  @AfterEach
  void closeStores() {
    sourceBlobs.close();
    targetBlobs.close();
  }

  /** m@1, m@2 (three files, two with the same bytes, tags updated after publishing), m@3. */
  ModelVersion publishThree() {
    source.publish("m").file("model.bin", "one".getBytes(UTF_8)).commit();
    source.publish("m").file("model.bin", WEIGHTS.getBytes(UTF_8)).file("copy/model.bin", WEIGHTS.getBytes(UTF_8))
        .file("labels.txt", "no\nyes\n".getBytes(UTF_8)).file("empty.txt", new byte[0])
        .metadata(ModelMetadata.builder().framework("tribuo", "4.3.2").metric("auc", 0.25).param("epochs", "10")
            .tag("stage", "dev").description("second").build())
        .commit();
    source.updateTags("m", 2, Map.of("stage", "prod", "owner", "bob"), Set.of());
    source.updateDescription("m", 2, "promoted");
    source.publish("m").file("model.bin", "three".getBytes(UTF_8)).commit();
    return source.get("m", 2);
  }

  ModelVersion publish(ModelStore store, String name, String content) {
    return store.publish(name).file("model.bin", content.getBytes(UTF_8)).commit();
  }

  Path export(ModelVersion v) {
    Path file = dir.resolve("bundles/" + v.name() + "-" + v.version() + "-" + (files++) + ".mlbundle");
    source.exportBundle(v, file);
    return file;
  }

  Path file(byte[] bytes) throws IOException {
    Path file = dir.resolve("bundles/crafted-" + (files++) + ".mlbundle");
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static byte[] read(ModelStore store, ModelVersion v, String path) {
    try (InputStream in = store.open(v, path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void roundTripKeepsNumberManifestFilesTagsAndVerifies() throws IOException {
    ModelVersion v = publishThree();
    ImportResult r = target.importBundle(export(v));
    assertEquals(ImportResult.Outcome.IMPORTED, r.outcome());
    assertEquals(v, r.version(), "same manifest, digest, signatures, current tags and description");
    assertEquals(v, target.get("m", 2));
    assertEquals(Map.of("stage", "prod", "owner", "bob"), target.get("m", 2).tags());
    assertEquals("promoted", target.get("m", 2).description());
    assertEquals(3, r.blobsWritten());
    assertEquals(WEIGHTS.length() + 7, r.bytesWritten());
    assertEquals(List.of(1), r.skippedVersions());
    assertArrayEquals(sourceBlobs.getBytes("models/m/versions/2.json"), targetBlobs.getBytes("models/m/versions/2.json"),
        "the record is carried byte for byte");
    assertTrue(target.verify("m", 2).isOk());
    assertArrayEquals(WEIGHTS.getBytes(UTF_8), read(target, r.version(), "copy/model.bin"));
    assertArrayEquals("no\nyes\n".getBytes(UTF_8), read(target, r.version(), "labels.txt"));
    assertArrayEquals(new byte[0], read(target, r.version(), "empty.txt"));
    assertEquals(List.of("m"), target.models());
    assertEquals(2, target.latest("m").version());
    assertEquals(List.of(2), target.versions("m").stream().map(ModelVersion::version).toList());
    NotFoundException gap = assertThrows(NotFoundException.class, () -> target.get("m", 1));
    assertTrue(gap.getMessage().contains("not imported") && gap.getMessage().contains("version 2"), gap.getMessage());
    assertEquals(0, targetBlobs.list("staging/").count());
    assertEquals(0, targetBlobs.list("leases/").count());
  }

  @Test
  void aReExportFromTheTargetIsTheSameBundle() throws IOException {
    Path first = export(publishThree());
    ImportResult r = target.importBundle(first);
    Path again = dir.resolve("again.mlbundle");
    target.exportBundle(r.version(), again);
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(again));
  }

  @Test
  void exportIsByteForByteDeterministicInAnyTimeZone() throws IOException {
    ModelVersion v = publishThree();
    byte[] one = Files.readAllBytes(export(v));
    byte[] two = Files.readAllBytes(export(v));
    assertArrayEquals(one, two);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    source.exportBundle(v, out);
    assertArrayEquals(one, out.toByteArray(), "the stream and the file are the same bundle");
    TimeZone saved = TimeZone.getDefault();
    for (String zone : List.of("Pacific/Kiritimati", "America/St_Johns", "UTC")) {
      try {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertArrayEquals(one, Files.readAllBytes(export(v)), "exported with default time zone " + zone);
      } finally {
        TimeZone.setDefault(saved);
      }
    }
  }

  @Test
  void bundleHoldsHeaderRecordAndBlobsInOrderStoredWithoutExtras() throws IOException {
    ModelVersion v = publishThree();
    Path file = export(v);
    List<String> names = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        names.add(e.getName());
        assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
        assertNull(e.getExtra(), e.getName());
        assertNull(e.getComment(), e.getName());
        assertEquals(BundleWriter.entryTime(v.manifest().publishedAt()), e.getTimeLocal(), e.getName());
        byte[] bytes = zip.readAllBytes();
        if (e.getName().equals("record.json")) {
          assertArrayEquals(sourceBlobs.getBytes("models/m/versions/2.json"), bytes);
        } else if (e.getName().equals("bundle.json")) {
          BundleHeader h = Json.parse(bytes, BundleHeader.class, "bundle.json");
          assertEquals("mlops-model-bundle@1", h.format());
          assertEquals("m", h.name());
          assertEquals(2, h.version());
          assertEquals(v.manifestSha256(), h.manifestSha256());
          assertEquals(v.files(), h.files());
          assertEquals(v.manifest().totalSize(), h.totalBytes());
          assertEquals(Provenance.currentLibraryVersion(), h.libraryVersion());
          assertEquals(v.tags(), h.annotation().tags());
        } else {
          assertEquals(Sha256.of(bytes), e.getName().substring("blobs/sha256/".length()));
        }
      }
    }
    List<String> blobs = v.files().stream().map(f -> "blobs/sha256/" + f.sha256()).distinct().sorted().toList();
    List<String> expected = new ArrayList<>(List.of("bundle.json", "record.json"));
    expected.addAll(blobs);
    assertEquals(expected, names);
  }

  @Test
  void exportByAliasOrNumber() throws IOException {
    publishThree();
    source.setAlias("m", "production", 2, "go");
    Path a = dir.resolve("a.mlbundle");
    Path b = dir.resolve("b.mlbundle");
    assertEquals(2, source.exportBundle("m", "production", a).version());
    assertEquals(2, source.exportBundle("m", "2", b).version());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertEquals(3, source.exportBundle("m", "latest", b).version());
  }

  @Test
  void exportOfAVersionWithAMissingBlobFailsAndLeavesNoFile() throws IOException {
    ModelVersion v = publishThree();
    String sha = v.manifest().file("labels.txt").sha256();
    sourceBlobs.delete("blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
    Path file = dir.resolve("out/m.mlbundle");
    IntegrityException e = assertThrows(IntegrityException.class, () -> source.exportBundle(v, file));
    assertTrue(e.getMessage().contains("labels.txt") && e.getMessage().contains("missing"), e.getMessage());
    try (Stream<Path> left = Files.list(dir.resolve("out"))) {
      assertEquals(List.of(), left.toList(), "no bundle and no temporary file");
    }
  }

  @Test
  void exportOfACorruptedBlobFails() {
    ModelVersion v = publishThree();
    String sha = v.manifest().file("labels.txt").sha256();
    sourceBlobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, "no\nYES\n".getBytes(UTF_8));
    IntegrityException e = assertThrows(IntegrityException.class, () -> source.exportBundle(v, dir.resolve("x")));
    assertTrue(e.getMessage().contains("labels.txt") && e.getMessage().contains(sha), e.getMessage());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void reImportingTheSameBundleWritesNothing() throws IOException {
    Path file = export(publishThree());
    target.importBundle(file);
    int before = targetBlobs.writes().size();
    ImportResult again = target.importBundle(file);
    assertEquals(ImportResult.Outcome.ALREADY_PRESENT, again.outcome());
    assertEquals(0, again.blobsWritten());
    try (InputStream in = Files.newInputStream(file)) {
      assertEquals(ImportResult.Outcome.ALREADY_PRESENT, target.importBundle(in).outcome());
    }
    assertEquals(before, targetBlobs.writes().size(), "writes after the first import: " + targetBlobs.writes()
        .subList(before, targetBlobs.writes().size()));
  }

  @Test
  void importOfAMissingFileOrADirectoryIsRefused() {
    assertThrows(NotFoundException.class, () -> target.importBundle(dir.resolve("nowhere.mlbundle")));
    ValidationException e = assertThrows(ValidationException.class, () -> target.importBundle(dir));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void importFromAStreamLeavesItOpenAndCleansUp() throws IOException {
    Path file = export(publishThree());
    byte[] bytes = Files.readAllBytes(file);
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    ImportResult r = target.importBundle(in);
    assertEquals(ImportResult.Outcome.IMPORTED, r.outcome());
    assertFalse(closed[0]);
    assertTrue(target.verify("m", 2).isOk());
    assertEquals(0, targetBlobs.list("staging/").count());
    assertEquals(0, targetBlobs.list("leases/").count());
  }

  @Test
  void anotherManifestUnderTheSameNumberIsAConflictNamingBothDigests() throws IOException {
    ModelVersion theirs = publish(source, "m", "theirs");
    ModelVersion ours = publish(target, "m", "ours");
    Path file = export(theirs);
    int before = targetBlobs.writes().size();
    ConflictException e = assertThrows(ConflictException.class, () -> target.importBundle(file));
    assertTrue(e.getMessage().contains(theirs.manifestSha256()) && e.getMessage().contains(ours.manifestSha256()),
        e.getMessage());
    try (InputStream in = Files.newInputStream(file)) {
      assertThrows(ConflictException.class, () -> target.importBundle(in));
    }
    assertEquals(before, targetBlobs.writes().size());
    assertEquals(ours, target.get("m", 1));
  }

  @Test
  void aVersionDeletedInTheTargetCannotBeImportedAgain() throws IOException {
    ModelVersion v = publish(source, "m", "x");
    Path file = export(v);
    target.importBundle(file);
    target.delete("m", 1, "recalled");
    ConflictException e = assertThrows(ConflictException.class, () -> target.importBundle(file));
    assertTrue(e.getMessage().contains("deleted") && e.getMessage().contains(v.manifestSha256()), e.getMessage());
  }

  @Test
  void importingAheadMarksGapsThatLaterImportsFillAndPublishesContinueAfter() throws IOException {
    for (int i = 1; i <= 5; i++) {
      publish(source, "m", "source " + i);
    }
    publish(target, "m", "local 1");
    publish(target, "m", "local 2");
    ImportResult five = target.importBundle(export(source.get("m", 5)));
    assertEquals(List.of(3, 4), five.skippedVersions());
    assertEquals(5, target.latest("m").version());
    assertEquals(List.of(1, 2, 5), target.versions("m").stream().map(ModelVersion::version).toList());
    assertEquals(6, publish(target, "m", "local 6").version(), "publishes continue after the highest number");
    ImportResult three = target.importBundle(export(source.get("m", 3)));
    assertEquals(ImportResult.Outcome.IMPORTED, three.outcome());
    assertEquals(List.of(), three.skippedVersions());
    assertEquals(source.get("m", 3), target.get("m", 3));
    assertTrue(target.verify("m", 3).isOk());
    assertEquals(ImportResult.Outcome.ALREADY_PRESENT, target.importBundle(export(source.get("m", 3))).outcome());
    assertEquals(List.of(1, 2, 3, 5, 6), target.versions("m").stream().map(ModelVersion::version).toList());
    assertEquals(6, target.latest("m").version());
    NotFoundException four = assertThrows(NotFoundException.class, () -> target.get("m", 4));
    assertTrue(four.getMessage().contains("not imported"), four.getMessage());
    assertThrows(NotFoundException.class, () -> target.delete("m", 4, "nothing there"));
    assertThrows(NotFoundException.class, () -> target.setAlias("m", "production", 4, "nothing there"));

    targetBlobs.delete("models/m/versions.head.json"); // a lost hint: readers probe from 1, through the gaps
    assertEquals(6, target.latest("m").version());
    assertEquals(7, publish(target, "m", "local 7").version());

    target.delete("m", 3, "recalled");
    assertThrows(ConflictException.class, () -> target.importBundle(export(source.get("m", 3))));
    ModelStore eager = ModelStore.builder(targetBlobs).gcGrace(Duration.ZERO).build();
    eager.gc();
    assertTrue(target.verify("m", 5).isOk());
    assertTrue(target.verify("m", 1).isOk());
  }

  @Test
  void importingFarAheadIsRefusedPastTheGapLimit() throws IOException {
    for (int i = 1; i <= 4; i++) {
      publish(source, "m", "v" + i);
    }
    ModelStore strict = ModelStore.builder(targetBlobs).bundleLimits(BundleLimits.defaults().withMaxVersionGap(2))
        .build();
    Path file = export(source.get("m", 4));
    ValidationException e = assertThrows(ValidationException.class, () -> strict.importBundle(file));
    assertTrue(e.getMessage().contains("maxVersionGap") && e.getMessage().contains("1 to 3"), e.getMessage());
    assertEquals(List.of(), targetBlobs.writes());
    strict.importBundle(export(source.get("m", 1)));
    assertEquals(List.of(2, 3), strict.importBundle(file).skippedVersions());
  }

  // ------------------------------------------------------------------------------------------ tampered bundles

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.mlops.core.ModelBundleTampers#tampers")
  void aTamperedBundleIsRejectedBeforeAnythingIsWritten(ModelBundleTampers.Tamper t) throws IOException {
    ModelVersion v = publishThree();
    Path good = export(v);
    var f = new ModelBundleTampers.Fixture(Files.readAllBytes(good), TestZip.read(good), v);
    byte[] bad = t.damage().apply(f);
    Path file = file(bad);
    MlopsException e = assertThrows(t.type(), () -> target.importBundle(file));
    assertTrue(e.getMessage().contains(t.fragment()), e.getMessage());
    assertEquals(List.of(), targetBlobs.writes(), "an import from a file writes nothing before all of it verified");
    MlopsException fromStream = assertThrows(t.type(), () -> target.importBundle(new ByteArrayInputStream(bad)));
    assertTrue(fromStream.getMessage().contains(t.fragment()), fromStream.getMessage());
    assertEquals(List.of(), targetBlobs.list("").map(BlobInfo::key).toList(), "staged blobs and leases are removed");
    assertEquals(ImportResult.Outcome.IMPORTED, target.importBundle(good).outcome(), "the good bundle still imports");
  }

  // ------------------------------------------------------------------------------------------------ mirror

  @Test
  void mirrorCopiesWhatTheFilterAcceptsIncrementallyAndFollowsAliases() {
    for (int i = 1; i <= 4; i++) {
      source.publish("m").file("model.bin", ("m" + i).getBytes(UTF_8))
          .metadata(ModelMetadata.builder().tag("approved", i % 2 == 0 ? "yes" : "no").build()).commit();
    }
    publish(source, "other", "o1");
    source.setAlias("m", "production", 4, "best AUC");
    source.setAlias("m", "staging", 3, "try");
    var approved = (java.util.function.Predicate<ModelVersion>) v -> "yes".equals(v.tags().get("approved"));

    MirrorReport first = ModelStore.mirror(source, target, approved, Set.of("production", "staging"));
    assertEquals(List.of("m@2", "m@4"), first.copied());
    assertEquals(List.of(), first.skipped());
    assertTrue(first.isOk(), first.failed().toString());
    assertEquals(4, first.bytesCopied());
    assertEquals(source.get("m", 4), target.get("m", 4));
    assertEquals(Map.of("production", 4), target.aliases("m"), "staging points at m@3, which was not mirrored");
    assertTrue(first.aliasesMoved().get(0).reason().contains("best AUC"), first.aliasesMoved().toString());
    assertEquals(List.of(2, 4), target.versions("m").stream().map(ModelVersion::version).toList());

    MirrorReport second = ModelStore.mirror(source, target, approved, Set.of("production"));
    assertEquals(List.of(), second.copied());
    assertEquals(List.of("m@2", "m@4"), second.skipped());
    assertEquals(List.of(), second.aliasesMoved());

    source.updateTags("m", 3, Map.of("approved", "yes"), Set.of());
    MirrorReport third = ModelStore.mirror(source, target, approved);
    assertEquals(List.of("m@3"), third.copied(), "a version approved later fills its gap");
    assertEquals(Map.of("approved", "yes"), target.get("m", 3).tags());
    assertTrue(target.verify("m", 3).isOk());
    assertEquals(List.of("m", "other"), ModelStore.mirror(source, target, v -> true).copied().stream()
        .map(r -> r.substring(0, r.indexOf('@'))).distinct().toList());
  }

  @Test
  void mirrorReportsAConflictAndGoesOn() {
    publish(source, "a", "source a");
    publish(source, "b", "source b");
    ModelVersion ours = publish(target, "a", "target a");
    MirrorReport r = ModelStore.mirror(source, target, v -> true);
    assertEquals(List.of("b@1"), r.copied());
    assertEquals(1, r.failed().size());
    assertEquals("a@1", r.failed().get(0).ref());
    assertTrue(r.failed().get(0).reason().contains(ours.manifestSha256()), r.failed().get(0).reason());
    MlopsException e = assertThrows(MlopsException.class, r::throwIfFailed);
    assertTrue(e.getMessage().contains("a@1"), e.getMessage());
  }

  @Test
  void mirrorVerifiesWhatItCopies() {
    ModelVersion v = publish(source, "m", "original");
    String sha = v.files().get(0).sha256();
    sourceBlobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, "tampered".getBytes(UTF_8));
    MirrorReport r = ModelStore.mirror(source, target, x -> true);
    assertEquals(List.of(), r.copied());
    assertTrue(r.failed().get(0).reason().contains(sha), r.failed().toString());
    assertEquals(List.of(), targetBlobs.list("").map(BlobInfo::key).toList());
  }
}
