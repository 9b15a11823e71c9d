package dev.mlops.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a load treats signatures: ignore them, check them when present, or require one from a trusted key.
 * The model store calls {@link #check} with a version's canonical manifest bytes and its signatures before
 * it hands out anything.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.fromDirectory(Path.of("trusted-keys"));
 * SignaturePolicy policy = SignaturePolicy.require(trust);
 * policy.check(manifestBytes, signatures, "model 'churn' version 3");   // IntegrityException if not trusted
 * }</pre>
 *
 * <table>
 *   <caption>What passes</caption>
 *   <tr><th>signatures</th><th>{@link #none()}</th><th>{@link #verifyIfSigned}</th><th>{@link #require}</th></tr>
 *   <tr><td>none</td><td>passes</td><td>passes</td><td>fails</td></tr>
 *   <tr><td>a trusted one that verifies</td><td>passes</td><td>passes</td><td>passes</td></tr>
 *   <tr><td>a trusted one that does not verify (any others)</td><td>passes</td><td>fails</td><td>fails</td></tr>
 *   <tr><td>only ones by keys not in the trust store</td><td>passes</td><td>fails</td><td>fails</td></tr>
 * </table>
 *
 * <p>A signature by a key id that is not trusted is ignored when a trusted one verifies: a version may be
 * signed by several parties, and each consumer trusts the ones it knows.
 *
 * <p>Thread-safe and immutable. Stability: stable.
 *
 * @param mode what is checked
 * @param trustStore the keys trusted; empty for {@link Mode#NONE}, never empty for {@link Mode#REQUIRE}
 */
public record SignaturePolicy(Mode mode, TrustStore trustStore) {

  /**
   * What a {@link SignaturePolicy} checks.
   *
   * <p>Stability: stable.
   */
  public enum Mode {
    /** Signatures are ignored. */
    NONE,
    /** Unsigned passes; signatures present must include one by a trusted key, and those must verify. */
    VERIFY_IF_SIGNED,
    /** A signature by a trusted key must verify, and every signature by a trusted key id must verify. */
    REQUIRE
  }

  /** Checks that the mode and the trust store fit together; prefer the factories. */
  public SignaturePolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(trustStore, "trustStore");
    if (mode == Mode.NONE && !trustStore.isEmpty()) {
      throw new ValidationException("signature policy NONE ignores signatures, so it takes no trusted keys (got "
          + trustStore.keyIds() + "); use SignaturePolicy.verifyIfSigned(trust) or require(trust) to check them");
    }
    if (mode == Mode.REQUIRE && trustStore.isEmpty()) {
      throw new ValidationException("signature policy REQUIRE needs at least one trusted key, but the trust store"
          + " is empty, so every load would fail; add the signing keys' public keys to the TrustStore");
    }
  }

  /**
   * Signatures are not checked at all.
   *
   * <pre>{@code
   * store.load("churn", 3, SignaturePolicy.none());
   * }</pre>
   */
  public static SignaturePolicy none() {
    return new SignaturePolicy(Mode.NONE, TrustStore.empty());
  }

  /**
   * Unsigned passes; a signed payload must carry a signature by a key in {@code trust} that verifies, and
   * every signature by a trusted key id must verify.
   *
   * <pre>{@code
   * SignaturePolicy policy = SignaturePolicy.verifyIfSigned(trust);
   * }</pre>
   */
  public static SignaturePolicy verifyIfSigned(TrustStore trust) {
    return new SignaturePolicy(Mode.VERIFY_IF_SIGNED, trust);
  }

  /**
   * A signature by a key in {@code trust} must verify, and every signature by a trusted key id must verify.
   *
   * <pre>{@code
   * SignaturePolicy policy = SignaturePolicy.require(TrustStore.fromDirectory(Path.of("trusted-keys")));
   * }</pre>
   *
   * @throws ValidationException if {@code trust} is empty
   */
  public static SignaturePolicy require(TrustStore trust) {
    return new SignaturePolicy(Mode.REQUIRE, trust);
  }

  /**
   * Checks {@code signatures} of {@code payload} against this policy.
   *
   * <pre>{@code
   * policy.check(manifestBytes, manifest.signatures(), "model 'churn' version 3");
   * }</pre>
   *
   * @param payload the bytes that were signed, e.g. the canonical manifest JSON
   * @param signatures the signatures found with it; empty if unsigned
   * @param what names the thing in messages, e.g. {@code "model 'churn' version 3"}
   * @throws IntegrityException if the policy is not met; the message names the thing, the keys and the fix
   */
  public void check(byte[] payload, List<ModelSignature> signatures, String what) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(what, "what");
    if (mode == Mode.NONE) {
      return;
    }
    boolean verified = false;
    Set<String> untrusted = new TreeSet<>();
    for (ModelSignature signature : signatures) {
      Objects.requireNonNull(signature, "signature");
      String keyId = signature.keyId();
      Optional<String> trusted = trustStore.publicKeySha256(keyId);
      if (trusted.isEmpty()) {
        untrusted.add(keyId);
      } else if (!trusted.get().equals(signature.publicKeySha256())) {
        throw new IntegrityException("signature of " + what + " by key '" + keyId + "' was made with a different"
            + " key than the one trusted under that id: its public key SHA-256 is " + signature.publicKeySha256()
            + " but the trust store has " + trusted.get() + "; someone else signed under that key id, or the key"
            + " was replaced: if you trust the new key, add it to the TrustStore under a new key id");
      } else if (!trustStore.verify(payload, signature)) {
        throw new IntegrityException("signature of " + what + " by key '" + keyId + "' does not verify: the"
            + " manifest was changed after signing, or the signature is not from that key");
      } else {
        verified = true;
      }
    }
    if (verified) {
      return;
    }
    if (signatures.isEmpty()) {
      if (mode == Mode.REQUIRE) {
        throw new IntegrityException(what + " is not signed, and the signature policy requires a signature from"
            + " one of " + trustStore.keyIds() + "; publish it with a ModelSigner or load it with"
            + " SignaturePolicy.verifyIfSigned(...)");
      }
      return;
    }
    throw new IntegrityException(what + " is signed only by keys not in the trust store: " + untrusted
        + "; add the key to the TrustStore if you trust it");
  }
}
