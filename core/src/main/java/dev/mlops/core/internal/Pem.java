package dev.mlops.core.internal;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Strict PEM (RFC 7468) reading and writing for key files. Reading accepts text before and after the block,
 * CRLF line ends and trailing spaces, and nothing else: exactly one block, with the expected label, a
 * matching END line and well-formed base64. Errors name the source, what was expected and what was found,
 * never the key material.
 *
 * <pre>{@code
 * byte[] der = Pem.decode(text, Pem.PUBLIC_KEY, "keys/ci.pub");
 * String pem = Pem.encode(Pem.PUBLIC_KEY, der);
 * }</pre>
 *
 * <p>Not API.
 */
public final class Pem {
  /** The label of a PKCS#8 private key. */
  public static final String PRIVATE_KEY = "PRIVATE KEY";
  /** The label of an X.509 SubjectPublicKeyInfo. */
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  /** Key files are far smaller; anything bigger is not a key. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int LINE_LENGTH = 64;

  private Pem() {}

  /**
   * One PEM block with {@code label}: base64 in lines of 64 characters, LF line ends, a final newline.
   *
   * <pre>{@code
   * Pem.encode("PUBLIC KEY", spki);   // "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA...\n-----END PUBLIC KEY-----\n"
   * }</pre>
   */
  public static String encode(String label, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder s = new StringBuilder(base64.length() + 80);
    s.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
      s.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
    }
    return s.append(END).append(label).append(DASHES).append('\n').toString();
  }

  /**
   * The DER bytes of the one PEM block in {@code text}, which must be labelled {@code label}.
   *
   * <pre>{@code
   * byte[] pkcs8 = Pem.decode(Files.readString(file), Pem.PRIVATE_KEY, file.toString());
   * }</pre>
   *
   * @param source names the text in errors, e.g. a file name
   * @throws ValidationException if the text is not exactly one well-formed block with that label
   */
  public static byte[] decode(String text, String label, String source) {
    Objects.requireNonNull(text, "text");
    String[] lines = text.split("\r?\n", -1);
    List<Integer> begins = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
        begins.add(i);
        labels.add(line.substring(BEGIN.length(), line.length() - DASHES.length()));
      }
    }
    String expected = "'" + BEGIN + label + DASHES + "'";
    if (begins.isEmpty()) {
      throw new ValidationException(source + (text.isBlank() ? " is empty" : " is not PEM: it has no "
          + BEGIN + "...----- line") + "; expected a " + label + " block starting with " + expected);
    }
    if (begins.size() > 1) {
      throw new ValidationException(source + " holds " + begins.size() + " PEM blocks " + labels
          + "; expected exactly one " + label + " block");
    }
    String found = labels.get(0);
    if (!found.equals(label)) {
      throw new ValidationException(source + " holds a '" + found + "' PEM block where a '" + label
          + "' block was expected" + hint(label, found));
    }
    StringBuilder base64 = new StringBuilder();
    String endLine = END + label + DASHES;
    for (int i = begins.get(0) + 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals(endLine)) {
        return decodeBase64(base64, source, label);
      }
      if (line.startsWith(END)) {
        throw new ValidationException(source + " has " + expected + " closed by '" + line + "'; expected '"
            + endLine + "'");
      }
      for (int c = 0; c < line.length(); c++) {
        if (!isBase64(line.charAt(c))) {
          throw new ValidationException("line " + (i + 1) + " of " + source + " is not base64 (character "
              + (c + 1) + (line.indexOf(':') > 0 ? "; PEM headers such as Proc-Type mark a legacy encrypted"
              + " key, which is not supported" : "") + "); expected only A-Z, a-z, 0-9, '+', '/' and '=' padding"
              + " between the BEGIN and END lines");
        }
      }
      base64.append(line);
    }
    throw new ValidationException(source + " has " + expected + " but no '" + endLine
        + "' line; the PEM is truncated");
  }

  /**
   * The text of a small key file, read as UTF-8.
   *
   * @throws NotFoundException if there is no such file
   * @throws ValidationException if it is larger than any key file
   * @throws StorageException if it cannot be read
   */
  public static String readFile(Path file, String what) {
    Objects.requireNonNull(file, "file");
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ValidationException(what + " " + file + " is " + size + " bytes; a key file is under "
            + MAX_FILE_BYTES + " bytes, so this is not one");
      }
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no " + what + " file " + file + "; check the path", e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + what + " " + file + ": " + e, e);
    }
  }

  private static byte[] decodeBase64(CharSequence base64, String source, String label) {
    if (base64.length() == 0) {
      throw new ValidationException(source + " has an empty " + label + " block; expected base64 key data");
    }
    if (base64.length() % 4 != 0) {
      throw new ValidationException("the base64 of the " + label + " block in " + source + " is malformed ("
          + base64.length() + " characters, not a multiple of 4); the file is damaged or truncated");
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("the base64 of the " + label + " block in " + source + " is malformed ("
          + e.getMessage() + "); the file is damaged or truncated", e);
    }
  }

  private static boolean isBase64(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
        || c == '=';
  }

  private static String hint(String expected, String found) {
    String ed25519 = "; model signatures use Ed25519 keys: create one with ModelSigner.generate(keyId) or"
        + " `openssl genpkey -algorithm ed25519`";
    switch (found) {
      case PUBLIC_KEY:
        return "; a public key cannot sign: give the private key file, the one starting with '"
            + BEGIN + PRIVATE_KEY + DASHES + "'";
      case PRIVATE_KEY:
        return "; never hand out or install a private key: give its public key (ModelSigner.publicKeyPem(),"
            + " or `openssl pkey -in key.pem -pubout`)";
      case "RSA PRIVATE KEY":
      case "RSA PUBLIC KEY":
        return ": this is an RSA key" + ed25519;
      case "EC PRIVATE KEY":
      case "EC PARAMETERS":
        return ": this is an EC (ECDSA) key" + ed25519;
      case "ENCRYPTED PRIVATE KEY":
        return ": encrypted private keys are not supported; decrypt it with"
            + " `openssl pkey -in encrypted.pem -out key.pem` and keep key.pem readable by its owner only";
      case "OPENSSH PRIVATE KEY":
        return ": OpenSSH's own key format is not supported" + ed25519;
      case "CERTIFICATE":
        return PUBLIC_KEY.equals(expected)
            ? ": extract its public key with `openssl x509 -in cert.pem -pubkey -noout`" : "";
      default:
        return "";
    }
  }
}
