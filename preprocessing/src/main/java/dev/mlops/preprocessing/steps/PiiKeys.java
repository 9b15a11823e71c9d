package dev.mlops.preprocessing.steps;

import dev.mlops.core.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of keyed pseudonyms (HMAC-SHA256): where a key comes from, how it is checked against the one a step was
 * fitted with, and the HMAC itself. A key is never stored: a fitted step saves its key id and a check value, the
 * first 16 hex digits of HMAC(key, {@value #CHECK_INPUT}), from which the key cannot be recovered. Not API.
 *
 * <p>Key sources:
 * <ul>
 *   <li>{@code env:NAME}: the environment variable NAME holds the key in base64 (standard or URL-safe alphabet,
 *       padding optional), e.g. from {@code openssl rand -base64 32};
 *   <li>{@code file:/path}: the file holds the key as base64 text (white space and line breaks ignored; e.g.
 *       {@code openssl rand -base64 32 > key.txt}) or, when it is not base64 text, as raw bytes
 *       ({@code openssl rand -out key.bin 32}). Hex is not a format of its own: hex digits are base64 characters,
 *       so a file of hex digits is read as base64.
 * </ul>
 * Either way the key has at least {@value #MIN_KEY_BYTES} bytes. Environment look-ups go through a function, so
 * tests pass a map instead of changing the process environment.
 */
final class PiiKeys {
  static final int MIN_KEY_BYTES = 32;
  static final String CHECK_INPUT = "mlops-key-check";
  private static final int MAX_FILE_BYTES = 64 * 1024;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

  private PiiKeys() {}

  /** Checks the keyId and keySource parameters of {@code step} (a step type id), or fails saying what to write. */
  static void checkParams(String step, String keyId, String keySource) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new ValidationException(step + ": keyId is " + (keyId == null ? "missing" : "'" + keyId + "'")
          + "; give the key a name of 1-64 letters, digits, '.', '_', ':' or '-' (e.g. \"pii-2026-12\"), which is"
          + " saved with the pipeline so a wrong key can be named");
    }
    if (keySource == null) {
      throw new ValidationException(step + ": keySource is missing; write \"env:NAME\" (an environment variable"
          + " holding the base64 key) or \"file:/path\" (a key file)");
    }
    if (keySource.startsWith("env:")) {
      if (!ENV_NAME.matcher(keySource.substring(4)).matches()) {
        throw new ValidationException(step + ": keySource '" + keySource + "' does not name an environment"
            + " variable; write env: and a name of letters, digits and '_', e.g. \"env:MLOPS_PII_KEY\"");
      }
    } else if (keySource.startsWith("file:")) {
      if (keySource.length() == 5) {
        throw new ValidationException(step + ": keySource 'file:' names no file; write \"file:/path/to/key\"");
      }
    } else {
      throw new ValidationException(step + ": keySource '" + keySource + "' is neither env:NAME nor file:/path;"
          + " the key itself never goes into the spec, only where to find it");
    }
  }

  /**
   * The key at {@code keySource}, read now.
   *
   * @param stepName the step's name, for messages
   * @param env the environment look-up ({@code System::getenv} outside tests)
   */
  static SecretKeySpec resolve(String stepName, String keyId, String keySource, Function<String, String> env) {
    byte[] key;
    String where;
    if (keySource.startsWith("env:")) {
      String name = keySource.substring(4);
      where = "environment variable " + name;
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        throw new ValidationException("step '" + stepName + "': key '" + keyId + "' is missing: " + where
            + " is not set; set " + name + " to the base64 of the key (at least " + MIN_KEY_BYTES
            + " bytes, e.g. from openssl rand -base64 32) before fitting or loading the pipeline");
      }
      key = base64(value);
      if (key == null) {
        // The decoder's message would quote a character of the key: it is left out on purpose.
        throw new ValidationException("step '" + stepName + "': " + where + " (key '" + keyId
            + "') is not base64; set it to the output of openssl rand -base64 32");
      }
    } else {
      String file = keySource.substring(5);
      where = "key file " + file;
      key = readFile(stepName, keyId, file);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new ValidationException("step '" + stepName + "': key '" + keyId + "' from " + where + " has "
          + key.length + " bytes; it needs at least " + MIN_KEY_BYTES + ": make one with openssl rand -base64 32");
    }
    return new SecretKeySpec(key, "HmacSHA256");
  }

  private static byte[] readFile(String stepName, String keyId, String file) {
    byte[] raw;
    try {
      Path path = Path.of(file);
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ValidationException("step '" + stepName + "': key file " + file + " (key '" + keyId
            + "') is larger than " + MAX_FILE_BYTES + " bytes; it should hold one key");
      }
      raw = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ValidationException("step '" + stepName + "': key '" + keyId + "' is missing: key file " + file
          + " does not exist; create it (openssl rand -base64 32 > " + file + ") or correct keySource", e);
    } catch (IOException | InvalidPathException e) {
      throw new ValidationException("step '" + stepName + "': cannot read key file " + file + " (key '" + keyId
          + "'): " + e.getMessage() + "; check the path and its permissions", e);
    }
    byte[] decoded = base64(new String(raw, StandardCharsets.ISO_8859_1));
    return decoded != null ? decoded : raw;
  }

  /** The bytes {@code text} spells in base64, white space (line breaks of wrapped output) ignored; or null. */
  private static byte[] base64(String text) {
    text = WHITE_SPACE.matcher(text).replaceAll("");
    if (text.isEmpty() || !BASE64.matcher(text).matches()) {
      return null;
    }
    try {
      boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A new HMAC-SHA256 keyed with {@code key}. */
  static Mac mac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** The first {@code hexChars} hex digits of HMAC(key, UTF-8 of {@code value}). */
  static String hmacHex(Mac mac, String value, int hexChars) {
    byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Hex.encode(h).substring(0, hexChars);
  }

  /** The check value of a key: the first 16 hex digits of HMAC(key, {@value #CHECK_INPUT}). */
  static String checkValue(SecretKeySpec key) {
    return hmacHex(mac(key), CHECK_INPUT, 16);
  }

  /**
   * Checks that {@code key} is the one a step was fitted with, or fails naming the key id and the source.
   */
  static void verify(String stepName, String keyId, String keySource, SecretKeySpec key, String fittedCheck) {
    String check = checkValue(key);
    if (!check.equals(fittedCheck)) {
      throw new ValidationException("step '" + stepName + "': the key at " + keySource + " is not the key '" + keyId
          + "' this step was fitted with (key check " + check + ", fitted with " + fittedCheck + "); set "
          + keySource.substring(keySource.indexOf(':') + 1) + " to key '" + keyId + "', or refit with the new key"
          + " under a new keyId (pseudonyms change)");
    }
  }

  /** The fitted state of a keyed step: the key id and check value, never the key. */
  static ObjectNode state(String keyId, String keyCheck) {
    ObjectNode s = StateJson.object();
    s.put("keyId", keyId);
    s.put("keyCheck", keyCheck);
    return s;
  }

  /**
   * The key of a keyed step being restored: read from {@code keySource} and checked against the saved check value.
   */
  static SecretKeySpec restore(String stepName, String keyId, String keySource, JsonNode state,
      Function<String, String> env) {
    String what = "step '" + stepName + "'";
    JsonNode savedId = StateJson.required(state, "keyId", what);
    JsonNode check = StateJson.required(state, "keyCheck", what);
    if (!savedId.isTextual() || !check.isTextual() || !check.textValue().matches("[0-9a-f]{16}")) {
      throw new ValidationException("fitted state of " + what + ": keyId and keyCheck must be a name and 16 hex"
          + " digits; the saved pipeline is damaged");
    }
    if (!savedId.textValue().equals(keyId)) {
      throw new ValidationException("fitted state of " + what + " was fitted with key '" + savedId.textValue()
          + "' but its parameters name key '" + keyId + "'; the saved pipeline is damaged, refit it");
    }
    SecretKeySpec key = resolve(stepName, keyId, keySource, env);
    verify(stepName, keyId, keySource, key, check.textValue());
    return key;
  }
}
