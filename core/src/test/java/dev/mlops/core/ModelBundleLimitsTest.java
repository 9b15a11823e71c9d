package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits an import enforces on hostile bundles: zip bombs, oversized versions, too many entries. The bombs hold
 * a gibibyte of zeros deflated to about a megabyte; the import must stop long before it has read them.
 */
class ModelBundleLimitsTest {
  static final long GIB = 1L << 30;
  static final String FAKE = Sha256.ofUtf8("what the bomb claims to be");
  static TestZip.Entry zeros;

  @TempDir Path dir;
  WriteCountingBlobStore blobs;

  @BeforeAll
  static void deflateAGibibyteOfZeros() {
    zeros = TestZip.Entry.deflatedZeros("blobs/sha256/" + FAKE, GIB);
  }

  @BeforeEach
  void openStore() {
    blobs = new WriteCountingBlobStore(MemoryBlobStore.create());
  }

  ModelStore store(BundleLimits limits) {
    return ModelStore.builder(blobs).user("edge").bundleLimits(limits).build();
  }

  /** A bundle whose manifest lists one file {@code zeros.bin} of {@code declared} bytes, and the bomb entry. */
  static byte[] bomb(long declared) {
    return bomb(declared, zeros);
  }

  static byte[] bomb(long declared, TestZip.Entry zeros) {
    ModelManifest m = new ModelManifest(ModelManifest.FORMAT, "bomb", 1, List.of(new ModelFile("zeros.bin", declared,
        FAKE)), ModelMetadata.EMPTY, Instant.parse("2026-11-27T10:00:00Z"), "mallory", "0.1.0");
    byte[] record = VersionRecord.of(m, List.of()).toBytes();
    String digest = VersionRecord.read(record, "record").manifestSha256();
    BundleHeader h = new BundleHeader(BundleHeader.FORMAT, "bomb", 1, digest, m.files(), declared, "0.1.0", null);
    return TestZip.write(List.of(TestZip.Entry.stored("bundle.json", Json.toPrettyJson(h).getBytes(UTF_8)),
        TestZip.Entry.stored("record.json", record), zeros));
  }

  Path file(byte[] bytes) throws Exception {
    return Files.write(dir.resolve("b" + System.nanoTime() + ".mlbundle"), bytes);
  }

  @Test
  void cutsOffAnEntryThatExpandsMoreThanTheRatioLimit() throws Exception {
    byte[] bomb = bomb(GIB);
    assertTrue(bomb.length < 4 << 20, "the bomb is " + bomb.length + " bytes");
    ModelStore store = store(BundleLimits.defaults());
    ValidationException e = assertThrows(ValidationException.class, () -> store.importBundle(file(bomb)));
    assertTrue(e.getMessage().contains("zip bomb") && e.getMessage().contains("maxCompressionRatio"), e.getMessage());
    Matcher m = Pattern.compile("expanded to (\\d+) bytes").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    assertTrue(Long.parseLong(m.group(1)) < 4 << 20, "stopped after " + m.group(1) + " bytes");
    assertEquals(List.of(), blobs.writes());
    assertThrows(ValidationException.class, () -> store.importBundle(new ByteArrayInputStream(bomb)));
    assertEquals(List.of(), blobs.list("").toList());
    TestZip.Entry lying = new TestZip.Entry(zeros.name(), zeros.method(), zeros.stored(), zeros.crc(), 100);
    ValidationException small = assertThrows(ValidationException.class,
        () -> store.importBundle(file(bomb(GIB, lying))));
    assertTrue(small.getMessage().contains("zip bomb"), "a ZIP header that declares 100 bytes: " + small.getMessage());
  }

  @Test
  void cutsOffAnEntryThatExpandsPastTheSizeItsManifestLists() throws Exception {
    byte[] bomb = bomb(100);
    ModelStore store = store(BundleLimits.defaults().withMaxCompressionRatio(1e12));
    IntegrityException e = assertThrows(IntegrityException.class, () -> store.importBundle(file(bomb)));
    assertTrue(e.getMessage().contains("more than the 100 bytes the manifest lists"), e.getMessage());
    assertEquals(List.of(), blobs.writes());
  }

  @Test
  void refusesAVersionLargerThanTheTotalLimitBeforeReadingItsFiles() throws Exception {
    ModelStore store = store(BundleLimits.defaults().withMaxCompressionRatio(1e12).withMaxTotalBytes(GIB / 2));
    ValidationException e = assertThrows(ValidationException.class, () -> store.importBundle(file(bomb(GIB))));
    assertTrue(e.getMessage().contains("more than " + GIB / 2) && e.getMessage().contains("maxTotalBytes"),
        e.getMessage());
    assertEquals(List.of(), blobs.writes());
  }

  @Test
  void countsTheBytesEntriesReallyHoldAgainstTheTotalLimit() throws Exception {
    ModelStore store = store(BundleLimits.defaults().withMaxTotalBytes(200));
    ValidationException e = assertThrows(ValidationException.class, () -> store.importBundle(file(bomb(100))));
    assertTrue(e.getMessage().contains("expands to more than 200 bytes") && e.getMessage().contains("bundle.json"),
        e.getMessage());
  }

  @Test
  void refusesMoreEntriesThanTheLimit() throws Exception {
    ModelStore source = ModelStore.open(MemoryBlobStore.create());
    ModelVersion v = source.publish("m").file("a", new byte[] {1}).file("b", new byte[] {2}).commit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    source.exportBundle(v, out);
    ValidationException few = assertThrows(ValidationException.class,
        () -> store(BundleLimits.defaults().withMaxEntries(3)).importBundle(file(out.toByteArray())));
    assertTrue(few.getMessage().contains("2 distinct files") && few.getMessage().contains("maxEntries"),
        few.getMessage());
    List<TestZip.Entry> entries = new ArrayList<>(TestZip.read(file(out.toByteArray())));
    for (int i = 0; i < 3; i++) {
      entries.add(TestZip.Entry.stored("junk" + i, new byte[0]));
    }
    ValidationException many = assertThrows(ValidationException.class,
        () -> store(BundleLimits.defaults().withMaxEntries(4)).importBundle(file(TestZip.write(entries))));
    assertTrue(many.getMessage().contains("more than 4 entries"), many.getMessage());
    assertEquals(List.of(), blobs.writes());
  }

  @Test
  void acceptsCompressedEntriesOfGenuineBundles() throws Exception {
    ModelStore source = ModelStore.open(MemoryBlobStore.create());
    ModelVersion v = source.publish("m").file("sparse.bin", new byte[512 << 10]).file("b", "text ".repeat(1000)
        .getBytes(UTF_8)).commit();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    source.exportBundle(v, out);
    List<TestZip.Entry> deflated = TestZip.read(file(out.toByteArray())).stream()
        .map(e -> TestZip.Entry.deflated(e.name(), e.data())).toList();
    ImportResult r = store(BundleLimits.defaults()).importBundle(file(TestZip.write(deflated)));
    assertEquals(ImportResult.Outcome.IMPORTED, r.outcome());
    assertEquals(v, r.version());
  }

  @Test
  void limitsAreValidated() {
    assertThrows(ValidationException.class, () -> BundleLimits.defaults().withMaxTotalBytes(0));
    assertThrows(ValidationException.class, () -> BundleLimits.defaults().withMaxEntries(2));
    assertThrows(ValidationException.class, () -> BundleLimits.defaults().withMaxCompressionRatio(0.5));
    assertThrows(ValidationException.class, () -> BundleLimits.defaults().withMaxCompressionRatio(Double.NaN));
    assertThrows(ValidationException.class, () -> BundleLimits.defaults().withMaxVersionGap(-1));
    assertEquals(64L << 30, BundleLimits.defaults().maxTotalBytes());
  }
}
