package dev.mlops.core;

import static dev.mlops.core.ModelSignerTest.PAYLOAD;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturePolicyTest {
  static final String WHAT = "model 'churn' version 3";
  static final ModelSigner CI = ModelSigner.generate("ci-2026");
  static final ModelSigner RELEASE = ModelSigner.generate("release");
  static final ModelSigner OTHER = ModelSigner.generate("other-key");
  static final TrustStore TRUST = TrustStore.empty().with("ci-2026", CI.publicKey());
  static final byte[] TAMPERED = "{\"model\":\"churn\",\"version\":4}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void requireRejectsAnUnsignedVersion() {
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SignaturePolicy.require(TRUST).check(PAYLOAD, List.of(), WHAT));
    assertEquals("model 'churn' version 3 is not signed, and the signature policy requires a signature from one of"
        + " [ci-2026]; publish it with a ModelSigner or load it with SignaturePolicy.verifyIfSigned(...)",
        e.getMessage());
  }

  @Test
  void verifyIfSignedAcceptsAnUnsignedVersion() {
    assertDoesNotThrow(() -> SignaturePolicy.verifyIfSigned(TRUST).check(PAYLOAD, List.of(), WHAT));
    assertDoesNotThrow(() -> SignaturePolicy.verifyIfSigned(TrustStore.empty()).check(PAYLOAD, List.of(), WHAT));
  }

  @Test
  void bothAcceptAGoodSignatureByATrustedKey() {
    List<ModelSignature> signed = List.of(CI.sign(PAYLOAD));
    assertDoesNotThrow(() -> SignaturePolicy.require(TRUST).check(PAYLOAD, signed, WHAT));
    assertDoesNotThrow(() -> SignaturePolicy.verifyIfSigned(TRUST).check(PAYLOAD, signed, WHAT));
  }

  @Test
  void bothRejectAChangedPayload() {
    List<ModelSignature> signed = List.of(CI.sign(PAYLOAD));
    for (SignaturePolicy policy : List.of(SignaturePolicy.require(TRUST), SignaturePolicy.verifyIfSigned(TRUST))) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> policy.check(TAMPERED, signed, WHAT));
      assertEquals("signature of model 'churn' version 3 by key 'ci-2026' does not verify: the manifest was changed"
          + " after signing, or the signature is not from that key", e.getMessage());
    }
  }

  @Test
  void bothRejectAVersionSignedOnlyByUntrustedKeys() {
    List<ModelSignature> signed = List.of(OTHER.sign(PAYLOAD));
    for (SignaturePolicy policy : List.of(SignaturePolicy.require(TRUST), SignaturePolicy.verifyIfSigned(TRUST))) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> policy.check(PAYLOAD, signed, WHAT));
      assertEquals("model 'churn' version 3 is signed only by keys not in the trust store: [other-key]; add the key"
          + " to the TrustStore if you trust it", e.getMessage());
    }
  }

  @Test
  void aGoodTrustedSignatureDoesNotExcuseABadOne() {
    TrustStore both = TRUST.with("release", RELEASE.publicKey());
    List<ModelSignature> signatures = List.of(CI.sign(PAYLOAD), RELEASE.sign(TAMPERED));
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SignaturePolicy.require(both).check(PAYLOAD, signatures, WHAT));
    assertTrue(e.getMessage().startsWith("signature of model 'churn' version 3 by key 'release' does not verify"),
        e.getMessage());
    assertThrows(IntegrityException.class,
        () -> SignaturePolicy.verifyIfSigned(both).check(PAYLOAD, List.of(RELEASE.sign(TAMPERED), CI.sign(PAYLOAD)),
            WHAT));
  }

  @Test
  void anUntrustedSignatureNextToAGoodTrustedOneIsIgnored() {
    List<ModelSignature> signatures = List.of(OTHER.sign(TAMPERED), CI.sign(PAYLOAD));
    assertDoesNotThrow(() -> SignaturePolicy.require(TRUST).check(PAYLOAD, signatures, WHAT));
    assertDoesNotThrow(() -> SignaturePolicy.verifyIfSigned(TRUST).check(PAYLOAD, signatures, WHAT));
  }

  @Test
  void rejectsASignatureByAnotherKeyUnderATrustedKeyId() {
    ModelSigner impostor = ModelSigner.generate("ci-2026");
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SignaturePolicy.require(TRUST).check(PAYLOAD, List.of(impostor.sign(PAYLOAD)), WHAT));
    assertEquals("signature of model 'churn' version 3 by key 'ci-2026' was made with a different key than the one"
        + " trusted under that id: its public key SHA-256 is " + impostor.publicKeySha256() + " but the trust store"
        + " has " + CI.publicKeySha256() + "; someone else signed under that key id, or the key was replaced: if you"
        + " trust the new key, add it to the TrustStore under a new key id", e.getMessage());
  }

  @Test
  void rejectsASignatureClaimingTheTrustedFingerprintButMadeByAnotherKey() {
    ModelSignature forged = ModelSignature.ed25519("ci-2026", CI.publicKeySha256(),
        ModelSigner.generate("ci-2026").sign(PAYLOAD).signatureBytes());
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SignaturePolicy.verifyIfSigned(TRUST).check(PAYLOAD, List.of(forged), WHAT));
    assertTrue(e.getMessage().contains("by key 'ci-2026' does not verify"), e.getMessage());
  }

  @Test
  void noneIgnoresSignaturesEntirely() {
    SignaturePolicy none = SignaturePolicy.none();
    assertDoesNotThrow(() -> none.check(PAYLOAD, List.of(), WHAT));
    assertDoesNotThrow(() -> none.check(TAMPERED, List.of(CI.sign(PAYLOAD), OTHER.sign(PAYLOAD)), WHAT));
    assertEquals(SignaturePolicy.Mode.NONE, none.mode());
    assertEquals(TrustStore.empty(), none.trustStore());
  }

  @Test
  void requireNeedsATrustedKey() {
    ValidationException e = assertThrows(ValidationException.class, () -> SignaturePolicy.require(TrustStore.empty()));
    assertTrue(e.getMessage().startsWith("signature policy REQUIRE needs at least one trusted key"), e.getMessage());
    ValidationException n = assertThrows(ValidationException.class,
        () -> new SignaturePolicy(SignaturePolicy.Mode.NONE, TRUST));
    assertTrue(n.getMessage().startsWith("signature policy NONE ignores signatures, so it takes no trusted keys"),
        n.getMessage());
  }

  @Test
  void isAValue() {
    assertEquals(SignaturePolicy.require(TRUST), SignaturePolicy.require(TrustStore.empty().with("ci-2026",
        CI.publicKeyPem())));
    assertEquals(SignaturePolicy.Mode.VERIFY_IF_SIGNED, SignaturePolicy.verifyIfSigned(TRUST).mode());
    assertTrue(SignaturePolicy.require(TRUST).toString().contains("mode=REQUIRE"), SignaturePolicy.require(TRUST)
        .toString());
  }
}
