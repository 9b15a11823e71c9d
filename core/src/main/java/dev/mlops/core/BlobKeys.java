package dev.mlops.core;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The rules for {@link BlobStore} keys and list prefixes, shared by every implementation so that a store's
 * content can move between the file system, memory and S3 unchanged.
 *
 * <p>A key is a non-empty sequence of segments separated by {@code '/'}, like a relative Unix path:
 * {@code models/churn/versions/3.json}. A key is rejected, with a {@link ValidationException} naming it
 * (control characters escaped) and saying what to do, when it
 * <ul>
 *   <li>is empty, or longer than {@value #MAX_KEY_BYTES} bytes in UTF-8 (S3's limit);</li>
 *   <li>starts with {@code '/'} (absolute), ends with {@code '/'}, or has an empty segment ({@code a//b});</li>
 *   <li>has a {@code .} or {@code ..} segment;</li>
 *   <li>contains a backslash, a control character (U+0000 to U+001F, U+007F to U+009F), a line or paragraph
 *       separator (U+2028, U+2029) or an unpaired surrogate (not valid Unicode);</li>
 *   <li>has a segment starting with {@value #RESERVED_PREFIX} (in any case): stores keep their own files
 *       under such names.</li>
 * </ul>
 * A prefix follows the same rules, except that it may be empty and may end with {@code '/'}, and its last
 * segment, being partial, may be {@code .} or {@code ..} (it selects keys whose segment starts so).
 *
 * <pre>{@code
 * BlobKeys.check("models/churn/1.json");   // returns the key
 * BlobKeys.check("../etc/passwd");         // throws ValidationException
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class BlobKeys {
  /** The longest key, in UTF-8 bytes: S3's limit. */
  public static final int MAX_KEY_BYTES = 1024;
  /** Key segments may not start with this (case-insensitively): stores use such names internally. */
  public static final String RESERVED_PREFIX = ".mlops";

  /** Orders keys as S3 does, by their UTF-8 bytes (which is the order of their code points). */
  public static final Comparator<String> ORDER = BlobKeys::compare;

  private BlobKeys() {}

  /**
   * Returns {@code key} if it is a valid key.
   *
   * @throws ValidationException naming the key and the rule it breaks
   */
  public static String check(String key) {
    if (key == null) {
      throw new ValidationException("blob key is null; pass a key such as 'models/churn/1.json'");
    }
    if (key.isEmpty()) {
      throw new ValidationException("blob key '' is empty; pass a key such as 'models/churn/1.json'");
    }
    if (key.endsWith("/")) {
      throw invalid("key", key, "ends with '/'", "a key names a blob, not a folder; drop the trailing '/'");
    }
    checkCommon("key", key, false);
    return key;
  }

  /**
   * Returns {@code prefix} if it is a valid list prefix: empty, or like a key that may end with {@code '/'}.
   *
   * @throws ValidationException naming the prefix and the rule it breaks
   */
  public static String checkPrefix(String prefix) {
    if (prefix == null) {
      throw new ValidationException("list prefix is null; pass \"\" to list every key");
    }
    if (!prefix.isEmpty()) {
      checkCommon("prefix", prefix, true);
    }
    return prefix;
  }

  /** Whether {@code key} is valid by {@link #check(String)}. */
  public static boolean isValid(String key) {
    try {
      check(key);
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }

  /** Compares two keys by their UTF-8 bytes, the order S3 lists them in. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** {@code s} with control characters, separators, backslashes and unpaired surrogates escaped. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\\'
          || (Character.isSurrogate(c) && !pairedAt(s, i))) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          out.append(s.charAt(++i));
        }
      }
    }
    return out.toString();
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static void checkCommon(String what, String s, boolean isPrefix) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        throw invalid(what, s, "contains a backslash", "use '/' to separate segments");
      }
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw invalid(what, s, String.format("contains the control character U+%04X", (int) c),
            "remove it; keys must be printable");
      }
      if (Character.isSurrogate(c) && !pairedAt(s, i)) {
        throw invalid(what, s, "contains an unpaired surrogate (not valid Unicode)",
            "fix how the key was built; it cannot be encoded in UTF-8");
      }
    }
    if (s.startsWith("/")) {
      throw invalid(what, s, "starts with '/'", "keys are relative; drop the leading '/'");
    }
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw invalid(what, s, "is " + bytes + " bytes long in UTF-8",
          "keep it at most " + MAX_KEY_BYTES + " bytes (S3's limit); shorten the segments");
    }
    String[] segments = s.split("/", -1);
    for (int n = 0; n < segments.length; n++) {
      String seg = segments[n];
      boolean last = n == segments.length - 1;
      if (seg.isEmpty()) {
        if (isPrefix && last) {
          continue; // a prefix may end with '/'
        }
        throw invalid(what, s, "has an empty segment ('//')", "remove the doubled '/'");
      }
      if ((seg.equals(".") || seg.equals("..")) && !(isPrefix && last)) {
        throw invalid(what, s, "has a '" + seg + "' segment",
            "keys are not resolved like paths; spell out the key without '.' and '..'");
      }
      if (seg.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
        throw invalid(what, s, "has the segment '" + seg + "', which starts with the reserved '"
            + RESERVED_PREFIX + "'", "stores keep their own files under that name; rename the segment");
      }
    }
  }

  private static ValidationException invalid(String what, String s, String problem, String fix) {
    return new ValidationException("blob " + what + " '" + escape(s) + "' " + problem + "; " + fix);
  }
}
