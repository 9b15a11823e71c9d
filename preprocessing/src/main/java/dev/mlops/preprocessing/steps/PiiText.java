package dev.mlops.preprocessing.steps;

/** Character classes and boundary rules the PII detectors share. Not API. */
final class PiiText {
  private PiiText() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A letter or digit of any script, or '_': what glues characters into one word. */
  static boolean isWord(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  static char at(CharSequence s, int i) {
    return i >= 0 && i < s.length() ? s.charAt(i) : ' ';
  }

  /**
   * Whether a number may start at {@code start}: not glued to a word, and not the continuation of a longer number
   * ({@code 3.14}, {@code 12-34}, {@code +1}).
   */
  static boolean numberMayStart(CharSequence s, int start) {
    char p = at(s, start - 1);
    if (isWord(p) || p == '+' || p == '@') {
      return false;
    }
    return !((p == '.' || p == ',' || p == '-' || p == '/') && isDigit(at(s, start - 2)));
  }

  /** Whether a number may end before {@code end}: not glued to a word and not continued ({@code 1.5}, {@code 12-3}). */
  static boolean numberMayEnd(CharSequence s, int end) {
    char n = at(s, end);
    if (isWord(n) || n == '@') {
      return false;
    }
    return !((n == '.' || n == ',' || n == '-' || n == '/') && isDigit(at(s, end + 1)));
  }
}
