package dev.mlops.core;

import dev.mlops.core.internal.Ed25519Keys;
import dev.mlops.core.internal.Pem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Ed25519 public keys whose signatures are trusted, by key id. Immutable: {@link #with} returns a new
 * store. A signature is trusted only if its key id is here, its public key fingerprint is the one stored
 * for that id, and it verifies.
 *
 * <pre>{@code
 * TrustStore trust = TrustStore.fromDirectory(Path.of("/etc/mlops/trusted-keys"));   // ci-2026.pub, ...
 * TrustStore more = trust.with("alice", Files.readString(Path.of("alice.pub")));
 * boolean ok = more.verify(manifestBytes, signature);
 * }</pre>
 *
 * <p>Public keys are X.509 SubjectPublicKeyInfo PEMs ({@code -----BEGIN PUBLIC KEY-----}), as written by
 * {@link ModelSigner#publicKeyPem()} and {@code openssl pkey -pubout}.
 *
 * <p>Thread-safe and immutable. Two stores are equal when they trust the same keys under the same ids.
 * Stability: stable.
 */
public final class TrustStore {
  private static final TrustStore EMPTY = new TrustStore(new TreeMap<>());

  private final SortedMap<String, Trusted> keys;

  /** A trusted key and its fingerprint. */
  private record Trusted(PublicKey key, String sha256) {}

  private TrustStore(TreeMap<String, Trusted> keys) {
    this.keys = Collections.unmodifiableSortedMap(keys);
  }

  /**
   * A store that trusts nothing.
   *
   * <pre>{@code
   * TrustStore trust = TrustStore.empty().with("ci-2026", signer.publicKey());
   * }</pre>
   */
  public static TrustStore empty() {
    return EMPTY;
  }

  /**
   * A store that trusts {@code keys}, by key id.
   *
   * <pre>{@code
   * TrustStore trust = TrustStore.of(Map.of("ci-2026", ci.publicKey(), "alice", alice.publicKey()));
   * }</pre>
   *
   * @throws ValidationException if a key id is invalid or a key is not an Ed25519 public key
   */
  public static TrustStore of(Map<String, PublicKey> keys) {
    Objects.requireNonNull(keys, "keys");
    TreeMap<String, Trusted> trusted = new TreeMap<>();
    keys.forEach((id, key) -> trusted.put(requireId(id), trusted(id, key)));
    return new TrustStore(trusted);
  }

  /**
   * This store and {@code key} under {@code keyId}. Adding a key that is already trusted under that id
   * changes nothing.
   *
   * <pre>{@code
   * TrustStore trust = TrustStore.empty().with(signer.keyId(), signer.publicKey());
   * }</pre>
   *
   * @throws ValidationException if the key id is invalid, the key is not Ed25519, or the id already names a
   *     different key (one id names one key; give a rotated key a new id)
   */
  public TrustStore with(String keyId, PublicKey key) {
    return with(requireId(keyId), trusted(keyId, key), null);
  }

  /**
   * This store and the key in {@code publicPem} (a {@code -----BEGIN PUBLIC KEY-----} block) under
   * {@code keyId}; see {@link #with(String, PublicKey)}.
   *
   * <pre>{@code
   * TrustStore trust = TrustStore.empty().with("ci-2026", Files.readString(Path.of("ci-2026.pub")));
   * }</pre>
   *
   * @throws ValidationException if the PEM is not an Ed25519 public key; the message says what was found
   */
  public TrustStore with(String keyId, String publicPem) {
    requireId(keyId);
    Objects.requireNonNull(publicPem, "publicPem");
    PublicKey key = Ed25519Keys.readPublicPem(publicPem, "the public key PEM of key '" + keyId + "'");
    return with(keyId, trusted(keyId, key), null);
  }

  /**
   * A store with every {@code <keyId>.pub} and {@code <keyId>.pem} file in {@code dir}, each a public key
   * PEM trusted under the key id its file name gives. Other files, hidden files and subdirectories are
   * ignored; a bad key file is an error naming it, so a typo never silently distrusts a key.
   *
   * <pre>{@code
   * TrustStore trust = TrustStore.fromDirectory(Path.of("trusted-keys"));   // trusted-keys/ci-2026.pub
   * trust.keyIds();                                                       // [ci-2026]
   * }</pre>
   *
   * @throws NotFoundException if {@code dir} is not a directory
   * @throws ValidationException if a key file is not an Ed25519 public key PEM or its name is not a valid key
   *     id, or two files give one key id different keys
   * @throws StorageException if the directory or a file cannot be read
   */
  public static TrustStore fromDirectory(Path dir) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new NotFoundException("trust store directory " + dir + " does not exist or is not a directory;"
          + " create it and put one <keyId>.pub public key PEM per trusted key in it");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && (name.endsWith(".pub") || name.endsWith(".pem")) && Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot list trust store directory " + dir + ": " + e, e);
    }
    Collections.sort(files);
    TrustStore store = EMPTY;
    for (Path file : files) {
      String name = file.getFileName().toString();
      String keyId = name.substring(0, name.length() - ".pub".length());
      ModelSignature.requireKeyId(keyId, "the key id given by the file name of " + file);
      PublicKey key = Ed25519Keys.readPublicPem(Pem.readFile(file, "public key"), "public key file " + file);
      store = store.with(keyId, trusted(keyId, key), file);
    }
    return store;
  }

  /**
   * The Ed25519 public key in {@code pem}, a {@code -----BEGIN PUBLIC KEY-----} block.
   *
   * <pre>{@code
   * PublicKey key = TrustStore.readPublicPem(Files.readString(Path.of("ci-2026.pub")));
   * }</pre>
   *
   * @throws ValidationException if it is not one; the message says what was found (a private key, an RSA
   *     key, a certificate, broken base64, a missing END line, ...)
   */
  public static PublicKey readPublicPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    return Ed25519Keys.readPublicPem(pem, "the public key PEM");
  }

  /** The key trusted under {@code keyId}, if any. */
  public Optional<PublicKey> key(String keyId) {
    Trusted t = keys.get(Objects.requireNonNull(keyId, "keyId"));
    return t == null ? Optional.empty() : Optional.of(t.key());
  }

  /**
   * The fingerprint (hex SHA-256 of the SubjectPublicKeyInfo DER) of the key trusted under {@code keyId}.
   *
   * <pre>{@code
   * trust.publicKeySha256("ci-2026");   // Optional[5e8f0c...]
   * }</pre>
   */
  public Optional<String> publicKeySha256(String keyId) {
    Trusted t = keys.get(Objects.requireNonNull(keyId, "keyId"));
    return t == null ? Optional.empty() : Optional.of(t.sha256());
  }

  /** The trusted key ids, sorted. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** Whether no key is trusted. */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /**
   * Whether {@code signature} is a valid signature of {@code payload} by a trusted key: its key id is
   * trusted, its fingerprint is that key's, and the Ed25519 signature verifies. {@link SignaturePolicy}
   * says why one does not.
   *
   * <pre>{@code
   * if (!trust.verify(manifestBytes, sig)) { ... }
   * }</pre>
   */
  public boolean verify(byte[] payload, ModelSignature signature) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signature, "signature");
    Trusted t = keys.get(signature.keyId());
    return t != null && t.sha256().equals(signature.publicKeySha256())
        && Ed25519Keys.verify(t.key(), payload, signature.signatureBytes());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrustStore)) {
      return false;
    }
    SortedMap<String, Trusted> other = ((TrustStore) o).keys;
    if (!keys.keySet().equals(other.keySet())) {
      return false;
    }
    for (Map.Entry<String, Trusted> e : keys.entrySet()) {
      if (!e.getValue().sha256().equals(other.get(e.getKey()).sha256())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, Trusted> e : keys.entrySet()) {
      h += e.getKey().hashCode() ^ e.getValue().sha256().hashCode();
    }
    return h;
  }

  /** The key ids with the start of each fingerprint, e.g. {@code TrustStore[ci-2026 (sha256 5e8f0c1d2a3b...)]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TrustStore[");
    keys.forEach((id, t) -> s.append(s.length() > 11 ? ", " : "").append(id).append(" (sha256 ")
        .append(t.sha256(), 0, 12).append("...)"));
    return s.append(']').toString();
  }

  private TrustStore with(String keyId, Trusted key, Path file) {
    Trusted before = keys.get(keyId);
    if (before != null) {
      if (before.sha256().equals(key.sha256())) {
        return this;
      }
      throw new ValidationException("key id '" + keyId + "' names two different keys (sha256 " + before.sha256()
          + " and " + key.sha256() + ")" + (file == null ? "" : ", the second from " + file)
          + "; one key id names one key: give a new or rotated key its own id");
    }
    TreeMap<String, Trusted> more = new TreeMap<>(keys);
    more.put(keyId, key);
    return new TrustStore(more);
  }

  private static String requireId(String keyId) {
    return ModelSignature.requireKeyId(keyId, "trusted key id");
  }

  private static Trusted trusted(String keyId, PublicKey key) {
    PublicKey checked = Ed25519Keys.requirePublicKey(key, "the key for key id '" + keyId + "'");
    return new Trusted(checked, Ed25519Keys.fingerprint(checked));
  }
}
