package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSignatureTest {
  static final String FINGERPRINT = "95d268db0fe1d4740bd242a86e64c033f6c09984c5384134583258afa2a80457";
  static final String SIGNATURE =
      "kpOc/4PzxmJTyjvmf/QjqJ2614kbY6oj3zJ8fgNf8v79UQ05Dq/nCTxmRpktbPQBsm1Lpz/tidi667cPJdgGDA==";

  static ModelSignature valid() {
    return new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, SIGNATURE);
  }

  @Test
  void roundTripsThroughCanonicalJson() {
    ModelSignature sig = valid();
    String json = Json.toCanonicalJson(sig);
    assertEquals("{\"algorithm\":\"Ed25519\",\"keyId\":\"ci-2026\",\"publicKeySha256\":\"" + FINGERPRINT
        + "\",\"signature\":\"" + SIGNATURE + "\"}", json);
    assertEquals(sig, Json.parse(json, ModelSignature.class, "src"));
  }

  @Test
  void roundTripsASignatureMadeBySigning() {
    ModelSignature sig = ModelSigner.generate("alice@example.org").sign(new byte[] {1, 2, 3});
    assertEquals(sig, Json.parse(Json.toCanonicalJson(sig), ModelSignature.class, "src"));
  }

  @Test
  void ed25519FactoryEncodesTheSignatureBytes() {
    byte[] raw = Base64.getDecoder().decode(SIGNATURE);
    assertEquals(valid(), ModelSignature.ed25519("ci-2026", FINGERPRINT, raw));
    assertArrayEquals(raw, valid().signatureBytes());
  }

  @Test
  void signatureBytesIsAFreshCopy() {
    ModelSignature sig = valid();
    byte[] first = sig.signatureBytes();
    first[0] ^= 1;
    assertNotSame(first, sig.signatureBytes());
    assertArrayEquals(Base64.getDecoder().decode(SIGNATURE), sig.signatureBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-leading-dash", ".hidden", "has space", "a/b", "../up", "tab\tkey",
      "ünïcode"})
  void rejectsInvalidKeyIds(String keyId) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature(keyId, "Ed25519", FINGERPRINT, SIGNATURE));
    assertTrue(e.getMessage().startsWith("signature key id is '" + keyId + "'; expected 1 to 128 letters"),
        e.getMessage());
  }

  @Test
  void rejectsAMissingOrOverlongKeyId() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature(null, "Ed25519", FINGERPRINT, SIGNATURE));
    assertTrue(e.getMessage().startsWith("signature key id is missing"), e.getMessage());
    assertThrows(ValidationException.class, () -> new ModelSignature("k".repeat(129), "Ed25519", FINGERPRINT,
        SIGNATURE));
    assertEquals(128, new ModelSignature("k".repeat(128), "Ed25519", FINGERPRINT, SIGNATURE).keyId().length());
  }

  @Test
  void rejectsAnUnknownAlgorithmNamingIt() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "RSA", FINGERPRINT, SIGNATURE));
    assertEquals("signature by key 'ci-2026' uses algorithm 'RSA'; expected 'Ed25519', the only algorithm this"
        + " version of MLOps Commons signs and verifies", e.getMessage());
    // The name is exact: the JCA would accept "ED25519", the stored format does not.
    assertThrows(ValidationException.class, () -> new ModelSignature("ci-2026", "ED25519", FINGERPRINT, SIGNATURE));
    ValidationException missing = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", null, FINGERPRINT, SIGNATURE));
    assertTrue(missing.getMessage().contains("has no algorithm"), missing.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "95d268db", "95D268DB0FE1D4740BD242A86E64C033F6C09984C5384134583258AFA2A80457",
      "95d268db0fe1d4740bd242a86e64c033f6c09984c5384134583258afa2a8045z"})
  void rejectsAFingerprintThatIsNotALowerCaseSha256(String fingerprint) {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "Ed25519", fingerprint, SIGNATURE));
    assertEquals("the SHA-256 of the public key of signature key 'ci-2026' is '" + fingerprint
        + "'; expected 64 lower-case hex characters", e.getMessage());
  }

  @Test
  void rejectsASignatureThatIsNotBase64() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, "not base64!"));
    assertTrue(e.getMessage().startsWith("signature by key 'ci-2026' is not valid base64"), e.getMessage());
    ValidationException missing = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, null));
    assertTrue(missing.getMessage().contains("has no signature value"), missing.getMessage());
  }

  @Test
  void rejectsASignatureOfTheWrongLength() {
    String short63 = Base64.getEncoder().encodeToString(new byte[63]);
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, short63));
    assertEquals("signature by key 'ci-2026' is 63 bytes; an Ed25519 signature is 64 bytes", e.getMessage());
  }

  @Test
  void rejectsNonCanonicalBase64() {
    String unpadded = SIGNATURE.substring(0, SIGNATURE.length() - 2);
    ValidationException e = assertThrows(ValidationException.class,
        () -> new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, unpadded));
    assertTrue(e.getMessage().contains("not in canonical base64"), e.getMessage());
    String urlSafe = Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(SIGNATURE));
    assertThrows(ValidationException.class, () -> new ModelSignature("ci-2026", "Ed25519", FINGERPRINT, urlSafe));
  }

  @Test
  void parsingReportsABadFieldAsAValidationExceptionNamingTheSource() {
    String json = Json.toCanonicalJson(valid()).replace("\"Ed25519\"", "\"Ed448\"");
    ValidationException e = assertThrows(ValidationException.class,
        () -> Json.parse(json, ModelSignature.class, "models/churn/versions/3.json"));
    assertTrue(e.getMessage().startsWith("cannot read models/churn/versions/3.json as ModelSignature"),
        e.getMessage());
    assertTrue(e.getMessage().contains("uses algorithm 'Ed448'"), e.getMessage());
  }

  @Test
  void parsingRejectsUnknownAndMissingFields() {
    String extra = Json.toCanonicalJson(valid()).replace("{", "{\"comment\":\"x\",");
    ValidationException unknown = assertThrows(ValidationException.class,
        () -> Json.parse(extra, ModelSignature.class, "sig.json"));
    assertTrue(unknown.getMessage().contains("comment"), unknown.getMessage());
    String noSignature = "{\"algorithm\":\"Ed25519\",\"keyId\":\"ci-2026\",\"publicKeySha256\":\"" + FINGERPRINT
        + "\"}";
    ValidationException missing = assertThrows(ValidationException.class,
        () -> Json.parse(noSignature, ModelSignature.class, "sig.json"));
    assertTrue(missing.getMessage().contains("has no signature value"), missing.getMessage());
  }

  @Test
  void toStringShowsAllFields() {
    String s = valid().toString();
    assertTrue(s.contains("keyId=ci-2026") && s.contains(FINGERPRINT) && s.contains(SIGNATURE), s);
  }
}
