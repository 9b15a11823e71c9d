package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSignerTest {
  static final byte[] PAYLOAD = "{\"model\":\"churn\",\"version\":3}".getBytes(StandardCharsets.US_ASCII);
  /** PKCS#8 v1 prefix (RFC 8410 section 7): SEQUENCE, version 0, Ed25519 OID, OCTET STRING { OCTET STRING }. */
  static final String V1_PREFIX = "302e020100300506032b657004220420";

  @TempDir
  Path dir;

  @Test
  void signsAndVerifies() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    ModelSignature sig = signer.sign(PAYLOAD);
    assertEquals("ci-2026", sig.keyId());
    assertEquals("Ed25519", sig.algorithm());
    assertEquals(signer.publicKeySha256(), sig.publicKeySha256());
    assertEquals(64, sig.signatureBytes().length);
    assertTrue(TrustStore.empty().with("ci-2026", signer.publicKey()).verify(PAYLOAD, sig));
  }

  @Test
  void aOneBitChangeInThePayloadOrTheSignatureFailsVerification() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    TrustStore trust = TrustStore.empty().with("ci-2026", signer.publicKey());
    ModelSignature sig = signer.sign(PAYLOAD);
    for (int bit = 0; bit < PAYLOAD.length * 8; bit++) {
      byte[] tampered = PAYLOAD.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(trust.verify(tampered, sig), "bit " + bit);
    }
    byte[] raw = sig.signatureBytes();
    raw[17] ^= 4;
    assertFalse(trust.verify(PAYLOAD, ModelSignature.ed25519("ci-2026", sig.publicKeySha256(), raw)));
  }

  @Test
  void fingerprintIsTheSha256OfTheSubjectPublicKeyInfo() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    assertEquals(Sha256.of(signer.publicKey().getEncoded()), signer.publicKeySha256());
    assertNotEquals(signer.publicKeySha256(), ModelSigner.generate("ci-2026").publicKeySha256());
  }

  @Test
  void matchesTheRfc8032TestVectorsFromASeedOnlyKey() {
    // RFC 8032 section 7.1, TEST 1 and TEST 2: the public key is derived from the seed, and the signatures
    // are deterministic, so both must come out exactly.
    ModelSigner one = ModelSigner.fromPem("rfc-1", v1Pem("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertEquals("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        Hex.encode(one.publicKey().getEncoded()));
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        Hex.encode(one.sign(new byte[0]).signatureBytes()));
    ModelSigner two = ModelSigner.fromPem("rfc-2", v1Pem("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
    assertEquals("302a300506032b65700321003d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        Hex.encode(two.publicKey().getEncoded()));
    assertEquals("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        Hex.encode(two.sign(new byte[] {0x72}).signatureBytes()));
  }

  @Test
  void readsAKeyGeneratedByOpenssl() throws Exception {
    // keys/README.md: generated with openssl genpkey; the public key, fingerprint and signature are OpenSSL's.
    ModelSigner signer = ModelSigner.fromPemFile("ci-2026", resource("keys/openssl-ed25519.key"));
    assertEquals(Files.readString(resource("keys/openssl-ed25519.pub")), signer.publicKeyPem());
    assertEquals("95d268db0fe1d4740bd242a86e64c033f6c09984c5384134583258afa2a80457", signer.publicKeySha256());
    assertEquals(ModelSignatureTest.SIGNATURE, signer.sign(PAYLOAD).signature());
  }

  @Test
  void privateKeyPemIsPkcs8Version1AsOpensslWritesItAndReadsBack() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    String pem = signer.privateKeyPem();
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n") && pem.endsWith("-----END PRIVATE KEY-----\n"), pem);
    byte[] der = derOf(pem);
    assertEquals(48, der.length);
    assertEquals(V1_PREFIX, Hex.encode(Arrays.copyOf(der, 16)));
    ModelSigner back = ModelSigner.fromPem("ci-2026", pem);
    assertEquals(signer.publicKey(), back.publicKey());
    assertEquals(signer.sign(PAYLOAD), back.sign(PAYLOAD));
    assertEquals(pem, back.privateKeyPem());
  }

  @Test
  void readsVersion2KeysWithThePublicKeyAndAttributes() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    ModelSigner plain = ModelSigner.fromPem("ci-2026", pem("PRIVATE KEY", v2(signer, signer)));
    assertEquals(signer.publicKey(), plain.publicKey());
    // attributes [0] { SEQUENCE { OID 2.5.4.3, SET { UTF8String "test" } } } between the key and the public key
    byte[] v2 = v2(signer, signer);
    byte[] withAttributes = concat(Hex.decode("3062"), Arrays.copyOfRange(v2, 2, 48),
        Hex.decode("a00f300d0603550403310c0c0474657374"), Arrays.copyOfRange(v2, 48, v2.length));
    assertEquals(signer.publicKey(), ModelSigner.fromPem("ci-2026", pem("PRIVATE KEY", withAttributes)).publicKey());
  }

  @Test
  void rejectsAVersion2KeyWhosePublicKeyBelongsToAnotherKey() {
    byte[] mixed = v2(ModelSigner.generate("a"), ModelSigner.generate("b"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> ModelSigner.fromPem("ci-2026", pem("PRIVATE KEY", mixed)));
    assertEquals("the private key PEM of key 'ci-2026': its public key does not belong to its private key; the file"
        + " was assembled from two keys", e.getMessage());
  }

  @Test
  void writesAnOwnerOnlyPrivateKeyAndAPublicKeyThatReadBack() throws IOException {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    Path key = dir.resolve("ci-2026.key");
    Path pub = dir.resolve("trust").resolve("ci-2026.pub");
    Files.createDirectory(pub.getParent());
    signer.writePem(key, pub);
    assertEquals(signer.privateKeyPem(), Files.readString(key));
    assertEquals(signer.publicKeyPem(), Files.readString(pub));
    assertEquals(signer.publicKey(), ModelSigner.fromPemFile("ci-2026", key).publicKey());
    assertEquals(List.of("ci-2026"), List.copyOf(TrustStore.fromDirectory(pub.getParent()).keyIds()));
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  @Test
  void refusesToOverwriteAnExistingKeyFileAndWritesNothing() throws IOException {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    Path key = dir.resolve("ci.key");
    Path pub = dir.resolve("ci.pub");
    Files.writeString(pub, "old public key");
    ConflictException e = assertThrows(ConflictException.class, () -> signer.writePem(key, pub));
    assertTrue(e.getMessage().startsWith("refusing to overwrite the existing file " + pub + " with a public key"),
        e.getMessage());
    assertFalse(Files.exists(key), "no private key written when the public one cannot be");
    assertEquals("old public key", Files.readString(pub));

    Files.writeString(key, "old private key");
    Files.delete(pub);
    ConflictException p = assertThrows(ConflictException.class, () -> signer.writePem(key, pub));
    assertTrue(p.getMessage().contains(key + " with a private key"), p.getMessage());
    assertEquals("old private key", Files.readString(key));
    assertFalse(Files.exists(pub));
    assertThrows(ValidationException.class, () -> signer.writePem(pub, pub));
  }

  @Test
  void removesThePrivateKeyAgainWhenThePublicKeyCannotBeWritten() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    Path key = dir.resolve("ci.key");
    Path pub = dir.resolve("missing-dir").resolve("ci.pub");
    StorageException e = assertThrows(StorageException.class, () -> signer.writePem(key, pub));
    assertTrue(e.getMessage().contains(pub + ": its directory does not exist"), e.getMessage());
    assertFalse(Files.exists(key));
  }

  @Test
  void toStringShowsTheKeyIdAndFingerprintButNeverThePrivateKey() {
    ModelSigner signer = ModelSigner.generate("ci-2026");
    String s = signer.toString();
    assertEquals("ModelSigner[keyId=ci-2026, algorithm=Ed25519, publicKeySha256=" + signer.publicKeySha256() + "]", s);
    byte[] seed = Arrays.copyOfRange(derOf(signer.privateKeyPem()), 16, 48);
    assertFalse(s.contains(Hex.encode(seed)) || s.contains(Base64.getEncoder().encodeToString(seed)), s);
  }

  @Test
  void generatesFromTheGivenRandom() throws Exception {
    SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
    a.setSeed(42);
    SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
    b.setSeed(42);
    assertEquals(ModelSigner.generate("x", a).publicKey(), ModelSigner.generate("x", b).publicKey());
  }

  @Test
  void rejectsAnInvalidKeyId() {
    ValidationException e = assertThrows(ValidationException.class, () -> ModelSigner.generate("ci 2026"));
    assertTrue(e.getMessage().startsWith("signing key id is 'ci 2026'; expected"), e.getMessage());
  }

  @Test
  void rejectsAPublicKeyWhereThePrivateKeyIsExpected() {
    String publicPem = ModelSigner.generate("a").publicKeyPem();
    ValidationException e = assertThrows(ValidationException.class, () -> ModelSigner.fromPem("ci-2026", publicPem));
    assertEquals("the private key PEM of key 'ci-2026' holds a 'PUBLIC KEY' PEM block where a 'PRIVATE KEY' block"
        + " was expected; a public key cannot sign: give the private key file, the one starting with"
        + " '-----BEGIN PRIVATE KEY-----'", e.getMessage());
  }

  @Test
  void rejectsRsaAndEcPrivateKeysNamingTheAlgorithm() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    ValidationException r = assertThrows(ValidationException.class,
        () -> ModelSigner.fromPem("k", pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded())));
    assertTrue(r.getMessage().contains("holds an RSA private key (OID 1.2.840.113549.1.1.1); expected an Ed25519 key"),
        r.getMessage());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    ValidationException e = assertThrows(ValidationException.class,
        () -> ModelSigner.fromPem("k", pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded())));
    assertTrue(e.getMessage().contains("holds an EC (ECDSA) private key (OID 1.2.840.10045.2.1)"), e.getMessage());
    ValidationException x = assertThrows(ValidationException.class, () -> ModelSigner.fromPem("k",
        pem("PRIVATE KEY", KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate().getEncoded())));
    assertTrue(x.getMessage().contains("holds an X25519 private key"), x.getMessage());
  }

  @Test
  void rejectsOtherKeyFormatsWithAHint() {
    String body = "\nMC4CAQAwBQYDK2VwBCIEIMh5BJby8Jkyol3h+EbM8e+3fXcw6PJOJ6MaWM8Ms58s\n";
    assertMessage("holds a 'RSA PRIVATE KEY' PEM block where a 'PRIVATE KEY' block was expected: this is an RSA key",
        "-----BEGIN RSA PRIVATE KEY-----" + body + "-----END RSA PRIVATE KEY-----\n");
    assertMessage("encrypted private keys are not supported; decrypt it with `openssl pkey",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----" + body + "-----END ENCRYPTED PRIVATE KEY-----\n");
    assertMessage("OpenSSH's own key format is not supported",
        "-----BEGIN OPENSSH PRIVATE KEY-----" + body + "-----END OPENSSH PRIVATE KEY-----\n");
  }

  @Test
  void rejectsBrokenPemNamingTheProblem() {
    String good = ModelSigner.generate("a").privateKeyPem();
    assertMessage("has '-----BEGIN PRIVATE KEY-----' but no '-----END PRIVATE KEY-----' line; the PEM is truncated",
        good.substring(0, good.indexOf("-----END")));
    assertMessage("is not base64", good.replaceFirst("\n(.)", "\n*"));
    assertMessage("is malformed (63 characters, not a multiple of 4)", good.replaceFirst("\n(.)", "\n"));
    assertMessage("is malformed (Input byte array", good.replace("\nMC4C", "\nMC=C"));
    assertMessage("is empty", "  \n");
    assertMessage("is not PEM: it has no -----BEGIN ...----- line", "MC4CAQAwBQYDK2VwBCIEIMh5BJby8Jkyol3h");
    assertMessage("is not a valid key encoding", pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01}));
    byte[] trailing = concat(derOf(good), new byte[] {0});
    assertMessage("is not a valid key encoding", pem("PRIVATE KEY", trailing));
  }

  @Test
  void fromPemFileNamesTheFile() throws IOException {
    Path missing = dir.resolve("nope.key");
    NotFoundException n = assertThrows(NotFoundException.class, () -> ModelSigner.fromPemFile("ci", missing));
    assertTrue(n.getMessage().contains(missing.toString()), n.getMessage());
    Path pub = dir.resolve("ci.pub");
    Files.writeString(pub, ModelSigner.generate("ci").publicKeyPem());
    ValidationException e = assertThrows(ValidationException.class, () -> ModelSigner.fromPemFile("ci", pub));
    assertTrue(e.getMessage().startsWith("private key file " + pub + " holds a 'PUBLIC KEY' PEM block"), e.getMessage());
  }

  @Test
  void opensslReadsOurKeysAndVerifiesOurSignaturesAndWeReadItsKeys() throws Exception {
    assumeTrue(Openssl.available(), "openssl is not installed; the committed keys/ fixtures cover reading");
    ModelSigner signer = ModelSigner.generate("ci-2026");
    Path key = dir.resolve("ours.key");
    Path pub = dir.resolve("ours.pub");
    signer.writePem(key, pub);
    Openssl.run(dir, "pkey", "-in", "ours.key", "-pubout", "-out", "derived.pub");
    assertEquals(signer.publicKeyPem(), Files.readString(dir.resolve("derived.pub")));
    Files.write(dir.resolve("payload"), PAYLOAD);
    Files.write(dir.resolve("sig"), signer.sign(PAYLOAD).signatureBytes());
    Openssl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "ours.pub", "-rawin", "-in", "payload",
        "-sigfile", "sig");

    Openssl.run(dir, "genpkey", "-algorithm", "ed25519", "-out", "theirs.key");
    Openssl.run(dir, "pkey", "-in", "theirs.key", "-pubout", "-out", "theirs.pub");
    Openssl.run(dir, "pkeyutl", "-sign", "-rawin", "-inkey", "theirs.key", "-in", "payload", "-out", "theirs.sig");
    ModelSigner theirs = ModelSigner.fromPemFile("theirs", dir.resolve("theirs.key"));
    assertEquals(Files.readString(dir.resolve("theirs.pub")), theirs.publicKeyPem());
    assertArrayEquals(Files.readAllBytes(dir.resolve("theirs.sig")), theirs.sign(PAYLOAD).signatureBytes());
  }

  private static void assertMessage(String expected, String pem) {
    ValidationException e = assertThrows(ValidationException.class, () -> ModelSigner.fromPem("k", pem));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("the private key PEM of key 'k'"), e.getMessage());
  }

  /** PKCS#8 v2 (RFC 5958) with the private key of {@code secret} and the public key of {@code pub}. */
  static byte[] v2(ModelSigner secret, ModelSigner pub) {
    byte[] seed = Arrays.copyOfRange(derOf(secret.privateKeyPem()), 16, 48);
    byte[] spki = pub.publicKey().getEncoded();
    return concat(Hex.decode("3051020101300506032b657004220420"), seed, Hex.decode("812100"),
        Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  static String v1Pem(String seedHex) {
    return pem("PRIVATE KEY", Hex.decode(V1_PREFIX + seedHex));
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  static byte[] derOf(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(ModelSignerTest.class.getClassLoader().getResource(name).toURI());
  }

  /** The openssl command line, for cross-checks when it is installed. */
  static final class Openssl {
    private Openssl() {}

    static boolean available() {
      try {
        return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    static void run(Path dir, String... args) throws IOException, InterruptedException {
      List<String> command = new java.util.ArrayList<>(List.of("openssl"));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), command + " failed: " + output);
    }
  }
}
