package dev.mlops.core;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An Ed25519 signature over a payload (for a model version: the canonical JSON of its manifest), as it is
 * stored: who signed (the key id and the SHA-256 fingerprint of the public key) and the signature itself.
 * Made by {@link ModelSigner#sign}, checked by {@link TrustStore#verify} and {@link SignaturePolicy#check}.
 *
 * <pre>{@code
 * ModelSignature sig = signer.sign(manifestBytes);
 * String json = Json.toCanonicalJson(sig);
 * // {"algorithm":"Ed25519","keyId":"ci-2026","publicKeySha256":"5e8f...","signature":"q0Jx...=="}
 * ModelSignature back = Json.parse(json, ModelSignature.class, "signature.json");
 * }</pre>
 *
 * <p>The fields are checked when a signature is made or read, so a stored signature with a malformed field
 * fails to load with a {@link ValidationException} naming the field; whether it verifies is a separate
 * question for a {@link TrustStore}.
 *
 * <p>Stability: stable (a stored format).
 *
 * @param keyId the name of the signing key, e.g. {@code "ci-2026"}: 1 to 128 letters, digits, '.', '_', '-'
 *     or '@', starting with a letter or digit
 * @param algorithm the signature algorithm; always {@value #ED25519}
 * @param publicKeySha256 the lower-case hex SHA-256 of the signing public key's X.509 SubjectPublicKeyInfo
 *     DER encoding: its fingerprint, the same as
 *     {@code openssl pkey -in key.pem -pubout -outform DER | sha256sum}
 * @param signature the 64-byte Ed25519 signature in standard base64 with padding (88 characters)
 */
public record ModelSignature(String keyId, String algorithm, String publicKeySha256, String signature) {
  /** The one supported algorithm. */
  public static final String ED25519 = "Ed25519";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
  private static final int SIGNATURE_BYTES = 64;

  /** Checks every field; see the record description for the rules. */
  public ModelSignature {
    requireKeyId(keyId, "signature key id");
    if (!ED25519.equals(algorithm)) {
      throw new ValidationException("signature by key '" + keyId + "' "
          + (algorithm == null ? "has no algorithm" : "uses algorithm '" + algorithm + "'")
          + "; expected '" + ED25519 + "', the only algorithm this version of MLOps Commons signs and verifies");
    }
    Sha256.requireDigest(publicKeySha256, "the public key of signature key '" + keyId + "'");
    if (signature == null) {
      throw new ValidationException("signature by key '" + keyId + "' has no signature value; expected "
          + SIGNATURE_BYTES + " bytes in base64");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("signature by key '" + keyId + "' is not valid base64 (" + e.getMessage()
          + "); expected " + SIGNATURE_BYTES + " bytes in standard base64", e);
    }
    if (bytes.length != SIGNATURE_BYTES) {
      throw new ValidationException("signature by key '" + keyId + "' is " + bytes.length + " bytes; an "
          + ED25519 + " signature is " + SIGNATURE_BYTES + " bytes");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(signature)) {
      throw new ValidationException("signature by key '" + keyId + "' is not in canonical base64 (standard"
          + " alphabet, '=' padding, no line breaks)");
    }
  }

  /**
   * An Ed25519 signature by {@code keyId}, whose public key has fingerprint {@code publicKeySha256}.
   *
   * <pre>{@code
   * ModelSignature sig = ModelSignature.ed25519("ci-2026", fingerprint, signatureBytes);
   * }</pre>
   */
  public static ModelSignature ed25519(String keyId, String publicKeySha256, byte[] signature) {
    return new ModelSignature(keyId, ED25519, publicKeySha256, Base64.getEncoder().encodeToString(signature));
  }

  /**
   * The decoded signature: 64 bytes, a fresh copy.
   *
   * <pre>{@code
   * byte[] raw = sig.signatureBytes();
   * }</pre>
   */
  public byte[] signatureBytes() {
    return Base64.getDecoder().decode(signature);
  }

  /**
   * {@code keyId} if it is a valid key id, otherwise a {@link ValidationException} naming {@code what}.
   * Key ids name files in a trust store directory, so they are restricted to safe characters.
   */
  static String requireKeyId(String keyId, String what) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new ValidationException(what + " is " + (keyId == null ? "missing" : "'" + keyId + "'")
          + "; expected 1 to 128 letters, digits, '.', '_', '-' or '@', starting with a letter or digit,"
          + " e.g. 'ci-2026'");
    }
    return keyId;
  }
}
