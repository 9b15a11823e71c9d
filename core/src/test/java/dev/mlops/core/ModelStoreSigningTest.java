package dev.mlops.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing on publish and the signature policy on load, end to end through a {@link ModelStore}. */
class ModelStoreSigningTest {
  private final MemoryBlobStore blobs = MemoryBlobStore.create();
  private final ModelSigner ci = ModelSigner.generate("ci-2026");
  private final TrustStore trusted = TrustStore.empty().with("ci-2026", ci.publicKey());
  private final ModelStore signing = ModelStore.builder(blobs).user("ci").signer(ci).build();
  private final ModelStore strict = ModelStore.builder(blobs).user("service")
      .signaturePolicy(SignaturePolicy.require(trusted)).build();
  @TempDir Path dir;

  @AfterEach
  void close() {
    blobs.close();
  }

  private ModelVersion publish(ModelStore store, String text) {
    return store.publish("m").file("model.bin", text.getBytes(UTF_8))
        .metadata(ModelMetadata.builder().metric("auc", 0.9).build()).commit();
  }

  private static byte[] read(ModelStore store, ModelVersion v) {
    try (InputStream in = store.open(v, "model.bin")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSignedVersionLoadsUnderARequirePolicy() {
    ModelVersion v = publish(signing, "weights");
    assertTrue(v.isSigned());
    assertEquals("ci-2026", v.signatures().get(0).keyId());
    assertEquals(ci.publicKeySha256(), v.signatures().get(0).publicKeySha256());
    ModelVersion read = strict.get("m", 1);
    assertEquals(v, read);
    assertArrayEquals("weights".getBytes(UTF_8), read(strict, read));
    assertEquals("ok", strict.verify("m", 1).signature());
    strict.fetch(read, dir.resolve("out"));
  }

  @Test
  void anUnsignedVersionIsRefusedOnLoadUnderARequirePolicy() {
    ModelVersion v = publish(ModelStore.open(blobs), "weights");
    IntegrityException e = assertThrows(IntegrityException.class, () -> strict.open(v, "model.bin"));
    assertTrue(e.getMessage().contains("not signed"), e.getMessage());
    assertThrows(IntegrityException.class, () -> strict.fetch(v, dir.resolve("out")));
    assertFalse(strict.verify("m", 1).isOk());
    assertArrayEquals("weights".getBytes(UTF_8), read(ModelStore.open(blobs), v), "the default policy reads it");
  }

  @Test
  void aManifestEditedAfterSigningIsRefused() {
    publish(signing, "weights");
    String key = "models/m/versions/1.json";
    blobs.putBytes(key, new String(blobs.getBytes(key), UTF_8).replace("0.9", "0.99").getBytes(UTF_8));
    ModelVersion edited = strict.get("m", 1);
    assertEquals(0.99, edited.metadata().metrics().get("auc"));
    IntegrityException e = assertThrows(IntegrityException.class, () -> strict.open(edited, "model.bin"));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    assertTrue(strict.verify("m", 1).signature().contains("does not verify"));
  }

  @Test
  void aVersionSignedByAnUntrustedKeyIsRefused() {
    ModelStore other = ModelStore.builder(blobs).signer(ModelSigner.generate("laptop")).build();
    ModelVersion v = publish(other, "weights");
    IntegrityException e = assertThrows(IntegrityException.class, () -> strict.open(v, "model.bin"));
    assertTrue(e.getMessage().contains("laptop"), e.getMessage());
    ModelStore lenient = ModelStore.builder(blobs).signaturePolicy(SignaturePolicy.verifyIfSigned(trusted)).build();
    assertThrows(IntegrityException.class, () -> lenient.open(v, "model.bin"));
  }

  @Test
  void aSignerKeyRoundTripsThroughPemFiles() throws IOException {
    java.nio.file.Files.createDirectories(dir.resolve("keys"));
    ci.writePem(dir.resolve("ci.key"), dir.resolve("keys/ci-2026.pub"));
    ModelSigner reloaded = ModelSigner.fromPemFile("ci-2026", dir.resolve("ci.key"));
    ModelStore store = ModelStore.builder(blobs).signer(reloaded)
        .signaturePolicy(SignaturePolicy.require(TrustStore.fromDirectory(dir.resolve("keys")))).build();
    ModelVersion v = publish(store, "weights");
    assertArrayEquals("weights".getBytes(UTF_8), read(store, v));
  }

  @Test
  void importIntoAStrictStoreAcceptsSignedBundlesAndRefusesUnsignedOnesBeforeWriting() throws IOException {
    ModelVersion signed = publish(signing, "signed weights");
    Path good = dir.resolve("signed.zip");
    signing.exportBundle(signed, good);
    ModelVersion unsigned = publish(ModelStore.open(blobs), "unsigned weights");
    Path bad = dir.resolve("unsigned.zip");
    signing.exportBundle(unsigned, bad);
    try (MemoryBlobStore site = MemoryBlobStore.create()) {
      ModelStore offline = ModelStore.builder(site).signaturePolicy(SignaturePolicy.require(trusted)).build();
      assertThrows(IntegrityException.class, () -> offline.importBundle(bad));
      assertEquals(0, site.list("").count(), "nothing written for a refused bundle");
      ImportResult r = offline.importBundle(good);
      assertEquals(ImportResult.Outcome.IMPORTED, r.outcome());
      assertArrayEquals("signed weights".getBytes(UTF_8), read(offline, offline.get("m", 1)));
    }
  }
}
