package dev.mlops.preprocessing.steps;

import dev.mlops.core.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys for the PII step tests, and an HMAC computed independently of the code under test. */
final class PiiTestKeys {
  private PiiTestKeys() {}

  /** 32 bytes: {@code seed, seed+1, ...}. */
  static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed + i * 7);
    }
    return k;
  }

  static String base64(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  /** An environment holding {@code key} in base64 under MLOPS_PII_KEY. */
  static Function<String, String> env(byte[] key) {
    return Map.of("MLOPS_PII_KEY", base64(key))::get;
  }

  /** An environment without any variable. */
  static Function<String, String> emptyEnv() {
    return name -> null;
  }

  static Path writeBase64(Path dir, String name, byte[] key) {
    try {
      return Files.writeString(dir.resolve(name), base64(key) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path writeRaw(Path dir, String name, byte[] key) {
    try {
      return Files.write(dir.resolve(name), key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HMAC-SHA256(key, value) in hex, truncated to {@code hexChars}. */
  static String hmac(byte[] key, String value, int hexChars) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Hex.encode(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, hexChars);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
