package dev.mlops.preprocessing.steps;

import static dev.mlops.preprocessing.steps.PiiText.isAsciiLetter;
import static dev.mlops.preprocessing.steps.PiiText.isDigit;

import java.util.List;

/**
 * E-mail addresses in text: {@code local@domain}, the local part of ASCII letters, digits and {@code . _ % + -}
 * (no leading, trailing or doubled dot), the domain two or more dot-separated labels of letters, digits and inner
 * hyphens, the last label (the top-level domain) of two or more letters. Punctuation around an address
 * ({@code <a@b.org>}, {@code (a@b.org)}, a full stop or comma after it) is not part of it; an address glued to a
 * letter of another script is not taken. Quoted local parts and internationalized addresses are not detected.
 */
final class EmailDetector {
  private EmailDetector() {}

  static void find(String s, List<PiiSpan> out) {
    int from = 0;
    int lastEnd = 0;
    while (true) {
      int at = s.indexOf('@', from);
      if (at < 0) {
        return;
      }
      from = at + 1;
      int start = at;
      while (start > lastEnd && isLocal(s.charAt(start - 1))) {
        start--;
      }
      while (start < at && s.charAt(start) == '.') {
        start++;
      }
      if (start == at || at - start > 64 || s.charAt(at - 1) == '.' || hasDoubleDot(s, start, at)
          || PiiText.isWord(PiiText.at(s, start - 1))) {
        continue;
      }
      int end = at + 1;
      while (end < s.length() && isDomain(s.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
        end--;
      }
      if (PiiText.isWord(PiiText.at(s, end)) || PiiText.at(s, end) == '@' || !validDomain(s, at + 1, end)) {
        continue;
      }
      out.add(new PiiSpan(PiiKind.EMAIL, start, end));
      lastEnd = end;
      from = end;
    }
  }

  private static boolean hasDoubleDot(String s, int start, int end) {
    for (int p = start + 1; p < end; p++) {
      if (s.charAt(p) == '.' && s.charAt(p - 1) == '.') {
        return true;
      }
    }
    return false;
  }

  private static boolean isLocal(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomain(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-';
  }

  private static boolean validDomain(String s, int start, int end) {
    if (end - start > 253) {
      return false;
    }
    int labels = 0;
    int label = start;
    for (int p = start; p <= end; p++) {
      if (p == end || s.charAt(p) == '.') {
        int len = p - label;
        if (len == 0 || len > 63 || s.charAt(label) == '-' || s.charAt(p - 1) == '-') {
          return false;
        }
        labels++;
        if (p == end) {
          for (int q = label; q < end; q++) {
            if (!isAsciiLetter(s.charAt(q))) {
              return false;
            }
          }
          return labels >= 2 && len >= 2;
        }
        label = p + 1;
      }
    }
    return false;
  }
}
