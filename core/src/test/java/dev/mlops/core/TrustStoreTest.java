package dev.mlops.core;

import static dev.mlops.core.ModelSignerTest.PAYLOAD;
import static dev.mlops.core.ModelSignerTest.pem;
import static dev.mlops.core.ModelSignerTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {
  static final ModelSigner CI = ModelSigner.generate("ci-2026");
  static final ModelSigner ALICE = ModelSigner.generate("alice");

  @TempDir
  Path dir;

  @Test
  void verifiesASignatureByATrustedKey() {
    TrustStore trust = TrustStore.empty().with("ci-2026", CI.publicKey());
    assertTrue(trust.verify(PAYLOAD, CI.sign(PAYLOAD)));
    assertEquals(Optional.of(CI.publicKey()), trust.key("ci-2026"));
    assertEquals(Optional.of(CI.publicKeySha256()), trust.publicKeySha256("ci-2026"));
    assertEquals(Optional.empty(), trust.key("alice"));
  }

  @Test
  void doesNotVerifyAnUnknownKeyId() {
    TrustStore trust = TrustStore.empty().with("ci-2026", CI.publicKey());
    assertFalse(trust.verify(PAYLOAD, ALICE.sign(PAYLOAD)));
    assertFalse(TrustStore.empty().verify(PAYLOAD, CI.sign(PAYLOAD)));
  }

  @Test
  void doesNotVerifyAnotherKeyUsingATrustedKeyId() {
    TrustStore trust = TrustStore.empty().with("ci-2026", CI.publicKey());
    ModelSigner impostor = ModelSigner.generate("ci-2026");
    ModelSignature forged = impostor.sign(PAYLOAD);
    assertEquals("ci-2026", forged.keyId());
    assertFalse(trust.verify(PAYLOAD, forged), "the fingerprint is the impostor's");
    // Claiming the trusted fingerprint does not help: the signature does not verify with the trusted key.
    ModelSignature claimed = ModelSignature.ed25519("ci-2026", CI.publicKeySha256(), forged.signatureBytes());
    assertFalse(trust.verify(PAYLOAD, claimed));
  }

  @Test
  void verifiesASignatureMadeByOpenssl() throws Exception {
    TrustStore trust = TrustStore.empty().with("ci-2026", Files.readString(resource("keys/openssl-ed25519.pub")));
    ModelSignature sig = new ModelSignature("ci-2026", "Ed25519", ModelSignatureTest.FINGERPRINT,
        ModelSignatureTest.SIGNATURE);
    assertTrue(trust.verify(PAYLOAD, sig));
    assertFalse(trust.verify("{\"model\":\"churn\",\"version\":4}".getBytes(StandardCharsets.US_ASCII),
        sig));
  }

  @Test
  void readsATrustDirectoryByFileName() throws IOException {
    Files.writeString(dir.resolve("ci-2026.pub"), CI.publicKeyPem());
    Files.writeString(dir.resolve("alice.pem"), ALICE.publicKeyPem());
    Files.writeString(dir.resolve("README.md"), "one <keyId>.pub per trusted key");
    Files.writeString(dir.resolve(".hidden.pub"), "not a key");
    Files.createDirectory(dir.resolve("old.pub"));
    TrustStore trust = TrustStore.fromDirectory(dir);
    assertEquals(List.of("alice", "ci-2026"), List.copyOf(trust.keyIds()));
    assertTrue(trust.verify(PAYLOAD, CI.sign(PAYLOAD)));
    assertTrue(trust.verify(PAYLOAD, ALICE.sign(PAYLOAD)));
    assertEquals(TrustStore.of(Map.of("ci-2026", CI.publicKey(), "alice", ALICE.publicKey())), trust);
  }

  @Test
  void anEmptyTrustDirectoryTrustsNothing() {
    assertEquals(TrustStore.empty(), TrustStore.fromDirectory(dir));
  }

  @Test
  void aBadFileInTheTrustDirectoryIsAnErrorNamingIt() throws IOException {
    Path key = dir.resolve("ci-2026.pem");
    Files.writeString(key, CI.privateKeyPem());
    ValidationException e = assertThrows(ValidationException.class, () -> TrustStore.fromDirectory(dir));
    assertTrue(e.getMessage().startsWith("public key file " + key + " holds a 'PRIVATE KEY' PEM block where a"
        + " 'PUBLIC KEY' block was expected; never hand out or install a private key"), e.getMessage());
    assertFalse(e.getMessage().contains(CI.privateKeyPem().split("\n")[1]), "never echoes the key");

    Files.writeString(key, "garbage");
    ValidationException g = assertThrows(ValidationException.class, () -> TrustStore.fromDirectory(dir));
    assertTrue(g.getMessage().startsWith("public key file " + key + " is not PEM"), g.getMessage());
  }

  @Test
  void aTrustFileNameThatIsNotAKeyIdIsAnError() throws IOException {
    Path bad = dir.resolve("ci 2026.pub");
    Files.writeString(bad, CI.publicKeyPem());
    ValidationException e = assertThrows(ValidationException.class, () -> TrustStore.fromDirectory(dir));
    assertTrue(e.getMessage().startsWith("the key id given by the file name of " + bad + " is 'ci 2026'"),
        e.getMessage());
  }

  @Test
  void twoTrustFilesForOneKeyIdMustHoldTheSameKey() throws IOException {
    Files.writeString(dir.resolve("ci.pub"), CI.publicKeyPem());
    Files.writeString(dir.resolve("ci.pem"), CI.publicKeyPem());
    assertEquals(List.of("ci"), List.copyOf(TrustStore.fromDirectory(dir).keyIds()));
    Files.writeString(dir.resolve("ci.pub"), ALICE.publicKeyPem());
    ValidationException e = assertThrows(ValidationException.class, () -> TrustStore.fromDirectory(dir));
    assertTrue(e.getMessage().startsWith("key id 'ci' names two different keys"), e.getMessage());
    assertTrue(e.getMessage().contains("the second from " + dir.resolve("ci.pub")), e.getMessage());
  }

  @Test
  void aMissingTrustDirectoryIsNotFound() {
    Path missing = dir.resolve("nope");
    NotFoundException e = assertThrows(NotFoundException.class, () -> TrustStore.fromDirectory(missing));
    assertTrue(e.getMessage().startsWith("trust store directory " + missing + " does not exist"), e.getMessage());
  }

  @Test
  void isImmutable() {
    TrustStore empty = TrustStore.empty();
    TrustStore one = empty.with("ci-2026", CI.publicKey());
    TrustStore two = one.with("alice", ALICE.publicKey());
    assertTrue(empty.keyIds().isEmpty());
    assertEquals(List.of("ci-2026"), List.copyOf(one.keyIds()));
    assertEquals(List.of("alice", "ci-2026"), List.copyOf(two.keyIds()));
    assertThrows(UnsupportedOperationException.class, () -> two.keyIds().remove("alice"));
  }

  @Test
  void oneKeyIdNamesOneKey() {
    TrustStore one = TrustStore.empty().with("ci-2026", CI.publicKey());
    assertSame(one, one.with("ci-2026", CI.publicKeyPem()), "the same key again changes nothing");
    ValidationException e = assertThrows(ValidationException.class, () -> one.with("ci-2026", ALICE.publicKey()));
    assertEquals("key id 'ci-2026' names two different keys (sha256 " + CI.publicKeySha256() + " and "
        + ALICE.publicKeySha256() + "); one key id names one key: give a new or rotated key its own id",
        e.getMessage());
  }

  @Test
  void rejectsKeysThatAreNotEd25519() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    PublicKey rsaKey = rsa.generateKeyPair().getPublic();
    ValidationException e = assertThrows(ValidationException.class, () -> TrustStore.of(Map.of("legacy", rsaKey)));
    assertTrue(e.getMessage().startsWith("the key for key id 'legacy' holds an RSA public key (OID"
        + " 1.2.840.113549.1.1.1); expected an Ed25519 key"), e.getMessage());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem = pem("PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded());
    ValidationException p = assertThrows(ValidationException.class, () -> TrustStore.readPublicPem(ecPem));
    assertTrue(p.getMessage().startsWith("the public key PEM holds an EC (ECDSA) public key (OID 1.2.840.10045.2.1)"),
        p.getMessage());
    PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
    ValidationException d = assertThrows(ValidationException.class,
        () -> TrustStore.empty().with("new", ed448));
    assertTrue(d.getMessage().contains("holds an Ed448 public key"), d.getMessage());
  }

  @Test
  void readPublicPemReadsOpensslOutputAndRejectsOtherBlocks() throws Exception {
    PublicKey key = TrustStore.readPublicPem(Files.readString(resource("keys/openssl-ed25519.pub")));
    assertEquals(ModelSignatureTest.FINGERPRINT, Sha256.of(key.getEncoded()));
    assertEquals(CI.publicKey(), TrustStore.readPublicPem("exported by CI\r\n" + CI.publicKeyPem().replace("\n",
        "\r\n") + "\r\ntrailing notes"));
    ValidationException cert = assertThrows(ValidationException.class,
        () -> TrustStore.readPublicPem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
    assertTrue(cert.getMessage().endsWith("extract its public key with `openssl x509 -in cert.pem -pubkey -noout`"),
        cert.getMessage());
    String two = CI.publicKeyPem() + ALICE.publicKeyPem();
    ValidationException both = assertThrows(ValidationException.class, () -> TrustStore.readPublicPem(two));
    assertEquals("the public key PEM holds 2 PEM blocks [PUBLIC KEY, PUBLIC KEY]; expected exactly one PUBLIC KEY"
        + " block", both.getMessage());
  }

  @Test
  void rejectsAPublicKeyOfTheWrongLengthOrWithTrailingBytes() {
    byte[] spki = CI.publicKey().getEncoded();
    byte[] shortKey = Arrays.copyOf(spki, spki.length - 1);
    shortKey[1]--;
    shortKey[10]--;
    ValidationException s = assertThrows(ValidationException.class,
        () -> TrustStore.readPublicPem(pem("PUBLIC KEY", shortKey)));
    assertEquals("the public key PEM holds an Ed25519 public key of 31 bytes; expected 32", s.getMessage());
    byte[] longer = ModelSignerTest.concat(spki, new byte[] {5});
    ValidationException l = assertThrows(ValidationException.class,
        () -> TrustStore.readPublicPem(pem("PUBLIC KEY", longer)));
    assertTrue(l.getMessage().contains("1 unexpected bytes after the end"), l.getMessage());
  }

  @Test
  void equalityToStringAndFingerprints() {
    TrustStore a = TrustStore.empty().with("ci-2026", CI.publicKey()).with("alice", ALICE.publicKey());
    TrustStore b = TrustStore.of(Map.of("alice", ALICE.publicKey(), "ci-2026",
        TrustStore.readPublicPem(CI.publicKeyPem())));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, TrustStore.empty().with("ci-2026", ALICE.publicKey()).with("alice", CI.publicKey()));
    assertEquals("TrustStore[alice (sha256 " + ALICE.publicKeySha256().substring(0, 12) + "...), ci-2026 (sha256 "
        + CI.publicKeySha256().substring(0, 12) + "...)]", a.toString());
  }
}
