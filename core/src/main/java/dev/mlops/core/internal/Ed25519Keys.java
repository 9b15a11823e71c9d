package dev.mlops.core.internal;

import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Ed25519 keys with the JDK's own provider: SubjectPublicKeyInfo (RFC 8410 section 4) and PKCS#8 (RFC 5958,
 * RFC 8410 section 7) encodings, parsed and written here so that the errors are clear, plus signing and
 * verification.
 *
 * <h2>Public key from a private key</h2>
 *
 * <p>Private keys are written as PKCS#8 v1, the form {@code openssl genpkey -algorithm ed25519} writes, which
 * holds only the 32-byte seed. PKCS#8 v2 (OneAsymmetricKey) could carry the public key too, but OpenSSL before
 * 3.5 cannot read it (openssl/openssl issue 10468), which would lock keys away from the {@code openssl} on
 * most current systems; v2 is still read, and its public key checked against the private key.
 *
 * <p>The JDK has no API to compute the public key from the seed. {@link #fromSeed} gets it from the JDK's own
 * {@code Ed25519} {@link KeyPairGenerator}, initialised with a {@link SecureRandom} that returns the seed:
 * RFC 8032 section 5.1.5 defines the private key as 32 random bytes, and the JDK's generator (SunEC) draws
 * exactly those from the random it is given and computes the public key from them. Since that depends on how
 * a provider uses its random, the result is checked every time: the generated private key must equal the
 * seed and a test signature must verify with the public key, or loading fails with a clear error. The tests
 * pin the derivation on JDK 17 and 25 with the RFC 8032 test vectors and keys made by OpenSSL.
 *
 * <p>Thread-safe (stateless). Not API.
 */
public final class Ed25519Keys {
  /** The JCA name of the algorithm and the {@code algorithm} of every signature. */
  public static final String ALGORITHM = "Ed25519";
  /** Length of a seed (private key) and of an encoded public key. */
  static final int KEY_BYTES = 32;

  private static final String OID_ED25519 = "1.3.101.112";
  private static final Map<String, String> OTHER_ALGORITHMS = Map.of(
      "1.2.840.113549.1.1.1", "an RSA",
      "1.2.840.113549.1.1.10", "an RSASSA-PSS",
      "1.2.840.10045.2.1", "an EC (ECDSA)",
      "1.2.840.10040.4.1", "a DSA",
      "1.3.101.110", "an X25519",
      "1.3.101.111", "an X448",
      "1.3.101.113", "an Ed448");
  /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }, followed by the key. */
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  /** SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }, then the seed. */
  private static final byte[] PKCS8_V1_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
      0x70, 0x04, 0x22, 0x04, 0x20};
  private static final byte[] PROBE = "mlops-commons key check".getBytes(StandardCharsets.UTF_8);

  private Ed25519Keys() {}

  /** A new key pair from {@code random}. */
  public static KeyPair generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(NamedParameterSpec.ED25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw noEd25519(e);
    }
  }

  /**
   * The key pair of a PKCS#8 {@code PRIVATE KEY} PEM; the public key is the one in the file (v2), checked
   * against the private key, or derived from the seed (v1).
   */
  public static KeyPair readPrivatePem(String pem, String source) {
    byte[] der = Pem.decode(pem, Pem.PRIVATE_KEY, source);
    Der info = Der.sequenceOf(der, source);
    int version = info.smallInteger();
    if (version != 0 && version != 1) {
      throw new ValidationException(source + " is PKCS#8 version " + (version + 1) + "; expected version 1 or 2");
    }
    requireEd25519(info.sequence(), source, "private");
    byte[] seed = Der.of(info.octetString(), source).octetString();
    if (seed.length != KEY_BYTES) {
      throw new ValidationException(source + " holds an Ed25519 private key of " + seed.length + " bytes; expected "
          + KEY_BYTES);
    }
    byte[] publicKey = null;
    if (info.hasMore() && info.peekTag() == 0xa0) {
      info.skip(); // [0] attributes
    }
    if (info.hasMore() && version == 1) {
      publicKey = info.bitString(0x81);
      if (publicKey.length != KEY_BYTES) {
        throw new ValidationException(source + " holds an Ed25519 public key of " + publicKey.length
            + " bytes; expected " + KEY_BYTES);
      }
    }
    info.end();
    try {
      if (publicKey == null) {
        return fromSeed(seed, source);
      }
      KeyPair pair = new KeyPair(publicKey(publicKey), privateKey(seed));
      if (!matches(pair)) {
        throw new ValidationException(source + ": its public key does not belong to its private key; the file was"
            + " assembled from two keys");
      }
      return pair;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The public key of a {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) PEM. */
  public static PublicKey readPublicPem(String pem, String source) {
    return publicKey(rawPublicKey(Pem.decode(pem, Pem.PUBLIC_KEY, source), source));
  }

  /** The 32-byte encoded public key in an SPKI DER, checked to be Ed25519. */
  static byte[] rawPublicKey(byte[] spki, String source) {
    Der info = Der.sequenceOf(spki, source);
    requireEd25519(info.sequence(), source, "public");
    byte[] key = info.bitString(Der.BIT_STRING);
    info.end();
    if (key.length != KEY_BYTES) {
      throw new ValidationException(source + " holds an Ed25519 public key of " + key.length + " bytes; expected "
          + KEY_BYTES);
    }
    return key;
  }

  /** {@code key} checked to be an Ed25519 public key; {@code what} names it in errors. */
  public static PublicKey requirePublicKey(PublicKey key, String what) {
    Objects.requireNonNull(key, what);
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"X.509".equals(key.getFormat())) {
      throw new ValidationException(what + " is a " + key.getAlgorithm() + " key without an X.509 encoding;"
          + " expected an Ed25519 public key");
    }
    return publicKey(rawPublicKey(encoded, what));
  }

  /** The hex SHA-256 of the SPKI DER of {@code key}: its fingerprint. */
  public static String fingerprint(PublicKey key) {
    return Sha256.of(spki(key));
  }

  /** The canonical SPKI DER of an Ed25519 public key. */
  public static byte[] spki(PublicKey key) {
    return spkiOf(rawPublicKey(key.getEncoded(), "public key"));
  }

  /** The {@code PUBLIC KEY} PEM of {@code key}. */
  public static String publicPem(PublicKey key) {
    return Pem.encode(Pem.PUBLIC_KEY, spki(key));
  }

  /** The {@code PRIVATE KEY} PEM (PKCS#8 v1, the private key only) of {@code key}. */
  public static String privatePem(PrivateKey key) {
    byte[] seed = seed(key);
    byte[] der = Arrays.copyOf(PKCS8_V1_PREFIX, PKCS8_V1_PREFIX.length + KEY_BYTES);
    try {
      System.arraycopy(seed, 0, der, PKCS8_V1_PREFIX.length, KEY_BYTES);
      return Pem.encode(Pem.PRIVATE_KEY, der);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(der, (byte) 0);
    }
  }

  /** The Ed25519 signature of {@code payload}. */
  public static byte[] sign(PrivateKey key, byte[] payload) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(payload);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw noEd25519(e);
    }
  }

  /** Whether {@code signature} is an Ed25519 signature of {@code payload} by {@code key}. */
  public static boolean verify(PublicKey key, byte[] payload, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(payload);
      return s.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw noEd25519(e);
    }
  }

  /**
   * The key pair whose private key is {@code seed}, computed by the JDK's key pair generator and checked (see
   * the class comment); {@code source} names the key in errors.
   */
  static KeyPair fromSeed(byte[] seed, String source) {
    KeyPairGenerator generator;
    try {
      generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
    } catch (GeneralSecurityException e) {
      throw noEd25519(e);
    }
    String provider = generator.getProvider().getName();
    KeyPair pair;
    try {
      pair = generator.generateKeyPair();
    } catch (IllegalStateException | ProviderException e) {
      throw underivable(source, provider, e);
    }
    byte[] generated = seed(pair.getPrivate());
    try {
      if (!Arrays.equals(generated, seed) || !matches(pair)) {
        throw underivable(source, provider, null);
      }
      return pair;
    } finally {
      Arrays.fill(generated, (byte) 0);
    }
  }

  private static ValidationException underivable(String source, String provider, RuntimeException cause) {
    return new ValidationException("cannot compute the public key of " + source + ", which holds only the private"
        + " key: the Ed25519 key pair generator of security provider " + provider + " does not derive it from a"
        + " given private key as the JDK's own SunEC provider does; list SunEC first in java.security, or use a"
        + " PKCS#8 v2 key that carries its public key", cause);
  }

  /** Whether the two keys of {@code pair} belong together: a test signature verifies. */
  static boolean matches(KeyPair pair) {
    return verify(pair.getPublic(), PROBE, sign(pair.getPrivate(), PROBE));
  }

  private static byte[] seed(PrivateKey key) {
    Der info = Der.sequenceOf(key.getEncoded(), "private key");
    info.smallInteger();
    requireEd25519(info.sequence(), "private key", "private");
    return Der.of(info.octetString(), "private key").octetString();
  }

  private static PrivateKey privateKey(byte[] seed) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519,
          seed));
    } catch (GeneralSecurityException e) {
      throw noEd25519(e);
    }
  }

  private static PublicKey publicKey(byte[] raw) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spkiOf(raw)));
    } catch (GeneralSecurityException e) {
      throw new ValidationException("the Ed25519 public key is not a valid curve point: " + e.getMessage(), e);
    }
  }

  private static byte[] spkiOf(byte[] raw) {
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, KEY_BYTES);
    return der;
  }

  private static void requireEd25519(Der algorithmIdentifier, String source, String kind) {
    String oid = algorithmIdentifier.oid();
    if (!OID_ED25519.equals(oid)) {
      String name = OTHER_ALGORITHMS.get(oid);
      throw new ValidationException(source + " holds " + (name == null ? "a " + kind + " key of algorithm OID " + oid
          : name + " " + kind + " key (OID " + oid + ")") + "; expected an Ed25519 key (OID " + OID_ED25519
          + "): create one with ModelSigner.generate(keyId) or `openssl genpkey -algorithm ed25519`");
    }
    if (algorithmIdentifier.hasMore()) {
      throw new ValidationException(source + " has parameters after the Ed25519 OID, which RFC 8410 forbids");
    }
  }

  private static IllegalStateException noEd25519(GeneralSecurityException e) {
    return new IllegalStateException("this JVM's security providers cannot do " + ALGORITHM + " (" + e
        + "); Ed25519 is standard since JDK 15", e);
  }

  /** Returns the seed once, as the 32 random bytes of a private key; anything else is an error. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeedRandom(byte[] seed) {
      super(new SeedSpi(seed), null);
    }
  }

  private static final class SeedSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    SeedSpi(byte[] seed) {
      this.seed = seed;
    }

    @Override
    protected void engineSetSeed(byte[] more) {
      // the seed is fixed; extra entropy is irrelevant
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 key pair generator asked for " + bytes.length
            + " random bytes" + (used ? " a second time" : "") + "; expected one request for " + seed.length);
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new IllegalStateException("the Ed25519 key pair generator asked for a generated seed");
    }
  }
}
