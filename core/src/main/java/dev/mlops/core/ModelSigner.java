package dev.mlops.core;

import dev.mlops.core.internal.Ed25519Keys;
import dev.mlops.core.internal.Pem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Signs payloads (a model version's canonical manifest JSON) with an Ed25519 private key under a key id,
 * using only the JDK's own cryptography.
 *
 * <pre>{@code
 * ModelSigner signer = ModelSigner.generate("ci-2026");
 * signer.writePem(Path.of("ci-2026.key"), Path.of("trust/ci-2026.pub"));   // key file: rw-------
 *
 * ModelSigner ci = ModelSigner.fromPemFile("ci-2026", Path.of("ci-2026.key"));
 * ModelSignature sig = ci.sign(manifestBytes);
 * TrustStore.fromDirectory(Path.of("trust")).verify(manifestBytes, sig);   // true
 * }</pre>
 *
 * <h2>Key files</h2>
 *
 * <p>The private key is an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) as RFC 8410 defines
 * it for Ed25519. {@link #privateKeyPem()} and {@link #writePem} write version 1, exactly what
 * {@code openssl genpkey -algorithm ed25519} writes, so the key works with OpenSSL and every other tool.
 * Version 1 holds only the private key; when it is read, the public key is computed from it with the JDK's
 * own Ed25519 key pair generator and checked with a test signature (tested on JDK 17 and 25). Version 2
 * (RFC 5958 OneAsymmetricKey), which carries the public key as well, is read too, and rejected if its
 * public key does not belong to its private key; it is not written because OpenSSL before 3.5 cannot read
 * it. Encrypted keys, RSA, EC and other algorithms are rejected with a message that says what was found.
 *
 * <p>The public key is an X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}), the form
 * {@code openssl pkey -pubout} writes and {@link TrustStore} reads.
 *
 * <p>Thread-safe and immutable. {@link #toString()} shows the key id and fingerprint, never the private
 * key. Stability: stable.
 */
public final class ModelSigner {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final String keyId;
  private final KeyPair keys;
  private final String publicKeySha256;

  private ModelSigner(String keyId, KeyPair keys) {
    this.keyId = keyId;
    this.keys = keys;
    this.publicKeySha256 = Ed25519Keys.fingerprint(keys.getPublic());
  }

  /**
   * A signer with a new key pair from a default {@link SecureRandom}.
   *
   * <pre>{@code
   * ModelSigner signer = ModelSigner.generate("ci-2026");
   * }</pre>
   *
   * @throws ValidationException if {@code keyId} is not a valid key id (see {@link ModelSignature})
   */
  public static ModelSigner generate(String keyId) {
    return generate(keyId, new SecureRandom());
  }

  /**
   * A signer with a new key pair drawn from {@code random}.
   *
   * <pre>{@code
   * ModelSigner signer = ModelSigner.generate("ci-2026", SecureRandom.getInstanceStrong());
   * }</pre>
   */
  public static ModelSigner generate(String keyId, SecureRandom random) {
    ModelSignature.requireKeyId(keyId, "signing key id");
    return new ModelSigner(keyId, Ed25519Keys.generate(random));
  }

  /**
   * A signer with the private key in {@code pkcs8Pem}, a {@code -----BEGIN PRIVATE KEY-----} block (see
   * {@link ModelSigner Key files}).
   *
   * <pre>{@code
   * ModelSigner signer = ModelSigner.fromPem("ci-2026", System.getenv("MODEL_SIGNING_KEY"));
   * }</pre>
   *
   * @throws ValidationException if the text is not an Ed25519 PKCS#8 private key PEM; the message says what
   *     was found (a public key, an RSA key, an encrypted key, broken base64, a missing END line, ...)
   */
  public static ModelSigner fromPem(String keyId, String pkcs8Pem) {
    ModelSignature.requireKeyId(keyId, "signing key id");
    Objects.requireNonNull(pkcs8Pem, "pkcs8Pem");
    return new ModelSigner(keyId, Ed25519Keys.readPrivatePem(pkcs8Pem, "the private key PEM of key '" + keyId + "'"));
  }

  /**
   * A signer with the private key in the PEM file {@code file}; see {@link #fromPem}.
   *
   * <pre>{@code
   * ModelSigner signer = ModelSigner.fromPemFile("ci-2026", Path.of("/run/secrets/ci-2026.key"));
   * }</pre>
   *
   * @throws NotFoundException if there is no such file
   * @throws ValidationException if it is not an Ed25519 PKCS#8 private key PEM; the message names the file
   * @throws StorageException if it cannot be read
   */
  public static ModelSigner fromPemFile(String keyId, Path file) {
    ModelSignature.requireKeyId(keyId, "signing key id");
    String text = Pem.readFile(file, "private key");
    return new ModelSigner(keyId, Ed25519Keys.readPrivatePem(text, "private key file " + file));
  }

  /** The key id that signatures name, e.g. {@code "ci-2026"}. */
  public String keyId() {
    return keyId;
  }

  /** The public key, to put in a {@link TrustStore}. */
  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /**
   * The lower-case hex SHA-256 of the public key's X.509 SubjectPublicKeyInfo DER encoding: the fingerprint
   * every signature records.
   *
   * <pre>{@code
   * signer.publicKeySha256();   // "5e8f0c..." (64 hex characters)
   * }</pre>
   */
  public String publicKeySha256() {
    return publicKeySha256;
  }

  /**
   * The public key as a {@code -----BEGIN PUBLIC KEY-----} PEM, for a trust store.
   *
   * <pre>{@code
   * Files.writeString(trustDir.resolve(signer.keyId() + ".pub"), signer.publicKeyPem());
   * }</pre>
   */
  public String publicKeyPem() {
    return Ed25519Keys.publicPem(keys.getPublic());
  }

  /**
   * The private key as a {@code -----BEGIN PRIVATE KEY-----} PEM (PKCS#8 v1, as OpenSSL writes it). This is
   * the secret: keep it out of logs, provenance and version control; prefer {@link #writePem}.
   *
   * <pre>{@code
   * secretsManager.put("model-signing-key", signer.privateKeyPem());
   * }</pre>
   */
  public String privateKeyPem() {
    return Ed25519Keys.privatePem(keys.getPrivate());
  }

  /**
   * Writes the private key PEM to {@code privateFile} and the public key PEM to {@code publicFile}, both as
   * new files: an existing file is never overwritten. Where the file system has POSIX permissions the
   * private key file is created readable and writable by its owner only ({@code rw-------}) from the start;
   * elsewhere (Windows) it gets the directory's default access, which you should restrict yourself. If the
   * public key cannot be written, the private key file is removed again.
   *
   * <pre>{@code
   * signer.writePem(Path.of("keys/ci-2026.key"), Path.of("trust/ci-2026.pub"));
   * }</pre>
   *
   * @throws ConflictException if either file exists; nothing is written
   * @throws StorageException if a file cannot be written, e.g. its directory does not exist
   */
  public void writePem(Path privateFile, Path publicFile) {
    Objects.requireNonNull(privateFile, "privateFile");
    Objects.requireNonNull(publicFile, "publicFile");
    if (privateFile.toAbsolutePath().normalize().equals(publicFile.toAbsolutePath().normalize())) {
      throw new ValidationException("the private and public key files are both " + privateFile
          + "; give two different files");
    }
    refuseExisting(privateFile, "private key");
    refuseExisting(publicFile, "public key");
    writeNew(privateFile, privateKeyPem(), true, "private key");
    try {
      writeNew(publicFile, publicKeyPem(), false, "public key");
    } catch (RuntimeException e) {
      deleteQuietly(privateFile, e);
      throw e;
    }
  }

  /**
   * Signs {@code payload}: the bytes exactly as they will be verified, e.g. a manifest's canonical JSON.
   *
   * <pre>{@code
   * ModelSignature sig = signer.sign(Json.toCanonicalJson(manifest).getBytes(StandardCharsets.UTF_8));
   * }</pre>
   */
  public ModelSignature sign(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    return ModelSignature.ed25519(keyId, publicKeySha256, Ed25519Keys.sign(keys.getPrivate(), payload));
  }

  /** The key id, algorithm and public key fingerprint; never the private key. */
  @Override
  public String toString() {
    return "ModelSigner[keyId=" + keyId + ", algorithm=" + ModelSignature.ED25519 + ", publicKeySha256="
        + publicKeySha256 + "]";
  }

  private static void refuseExisting(Path file, String what) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(file, what, null);
    }
  }

  private static ConflictException exists(Path file, String what, Throwable cause) {
    return new ConflictException("refusing to overwrite the existing file " + file + " with a " + what
        + "; choose another file, or move the old one away first (keep old public keys while models signed"
        + " with them are in use)", cause);
  }

  private static void writeNew(Path file, String pem, boolean ownerOnly, String what) {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = ownerOnly && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
    boolean created = false;
    try (FileChannel channel = FileChannel.open(file, options, attributes)) {
      created = true;
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw exists(file, what, e);
    } catch (NoSuchFileException e) {
      throw new StorageException("cannot write the " + what + " to " + file + ": its directory does not exist;"
          + " create it first", e);
    } catch (IOException e) {
      if (created) {
        deleteQuietly(file, e);
      }
      throw new StorageException("cannot write the " + what + " to " + file + ": " + e, e);
    } finally {
      if (ownerOnly) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  private static void deleteQuietly(Path file, Exception failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
