package dev.mlops.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule that keeps credentials out of provenance (documented on {@link Provenance}). Not API.
 */
final class SecretNames {
  /** Words that name a secret wherever they appear in a key. */
  static final Set<String> SECRET_WORDS = Set.of(
      "password", "passwd", "pwd", "passphrase", "secret", "secrets", "credential", "credentials",
      "apikey", "privatekey", "secretkey", "accesskey", "authorization", "bearer");

  /** Words that make a following {@code key} or {@code token} a secret ({@code api_key}, {@code access_token}). */
  static final Set<String> QUALIFIERS = Set.of(
      "api", "access", "secret", "private", "signing", "encryption", "client", "master", "auth", "oauth",
      "session", "refresh", "id", "bearer", "ssh", "aws", "gcp", "azure", "hf", "github", "gh", "service",
      "account", "security", "csrf");

  /** {@code password=} style assignments and {@code scheme://user:password@host} user info inside a value. */
  private static final Pattern INLINE_CREDENTIALS = Pattern.compile(
      "(?i)(password|passwd|pwd|secret|credential|signature|api[_-]?key|access[_-]?key"
      + "|access[_-]?token|auth[_-]?token|security[_-]?token)\\s*=|://[^/@\\s:]+:[^/@\\s]*@");

  private SecretNames() {}

  /** Whether a parameter named {@code key} would hold a credential. */
  static boolean looksLikeSecret(String key) {
    List<String> words = words(key);
    for (String w : words) {
      if (SECRET_WORDS.contains(w)) {
        return true;
      }
    }
    if (!words.isEmpty()) {
      String last = words.get(words.size() - 1);
      if (last.equals("key") || last.equals("token")) {
        return words.size() == 1 || QUALIFIERS.contains(words.get(words.size() - 2));
      }
    }
    return false;
  }

  /** Whether {@code value} carries a credential inline, as a JDBC or HTTP URL sometimes does. */
  static boolean hasInlineCredentials(String value) {
    return INLINE_CREDENTIALS.matcher(value).find();
  }

  /** Lower-case words of {@code key}, split at non-alphanumerics and camelCase humps ({@code apiKey -> api, key}). */
  static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(w, words);
        continue;
      }
      boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1));
      if (hump) {
        flush(w, words);
      }
      w.append(c);
    }
    flush(w, words);
    return words;
  }

  private static void flush(StringBuilder w, List<String> words) {
    if (w.length() > 0) {
      words.add(w.toString().toLowerCase(Locale.ROOT));
      w.setLength(0);
    }
  }
}
