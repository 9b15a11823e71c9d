package dev.mlops.preprocessing.steps;

import static dev.mlops.preprocessing.steps.PiiText.isDigit;

import java.util.List;

/**
 * Phone numbers, in three shapes; a plain run of digits without {@code +} is never a phone (ids, timestamps,
 * amounts), and a date ({@code 2024-01-15}, {@code 01.02.2024}) fits none of the shapes:
 * <ul>
 *   <li>international: {@code +} and 8-15 digits (E.164), unbroken or in groups separated by a space, dash or dot,
 *       optionally with a bracketed group ({@code +44 (0)20 7946 0958}: the {@code (0)} is not counted);
 *   <li>North American: {@code (555) 555-1234}, {@code 555-555-1234}, {@code 555.555.1234},
 *       {@code 555 555 1234}, optionally after {@code 1-}; area code and exchange start with 2-9;
 *   <li>national with a trunk {@code 0}: {@code 020 7946 0958}, {@code 06-12345678}, {@code 01 23 45 67 89},
 *       {@code (030) 1234567}, {@code 030/1234567}: 9-12 digits in 2-6 groups of 2 or more digits with one kind of
 *       separator.
 * </ul>
 * A candidate glued to a word ({@code x555-555-1234}, {@code INV-0151-2345-678}) or to a longer number is not
 * taken; groups split at a space, so of
 * {@code 555-555-1234 555-555-4321} both numbers are found.
 */
final class PhoneDetector {
  private static final int MAX_GROUPS = 8;

  private PhoneDetector() {}

  static void find(String s, List<PiiSpan> out) {
    int n = s.length();
    Groups gs = new Groups();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      boolean canStart = c == '+' ? isDigit(PiiText.at(s, i + 1))
          : c == '(' ? isDigit(PiiText.at(s, i + 1)) : isDigit(c) && !isDigit(PiiText.at(s, i - 1));
      if (canStart && PiiText.numberMayStart(s, i) && PiiText.at(s, i - 1) != '(' && !gluedToWord(s, i)) {
        int end = match(s, i, gs);
        if (end > 0) {
          out.add(new PiiSpan(PiiKind.PHONE, i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** Whether a hyphen, dot or slash glues the candidate to a word before it: {@code INV-0151-2345-678}. */
  private static boolean gluedToWord(String s, int i) {
    char p = PiiText.at(s, i - 1);
    return (p == '-' || p == '.' || p == '/') && PiiText.isWord(PiiText.at(s, i - 2));
  }

  /** The end of the longest phone number starting at {@code start}, or -1. */
  private static int match(String s, int start, Groups gs) {
    int n = s.length();
    boolean plus = s.charAt(start) == '+';
    gs.count = 0;
    int p = plus ? start + 1 : start;
    char sep = 0;
    while (gs.count < MAX_GROUPS && p < n) {
      int g = gs.count;
      if (s.charAt(p) == '(') {
        int q = p + 1;
        while (q < n && isDigit(s.charAt(q))) {
          q++;
        }
        if (q == p + 1 || q - p - 1 > 5 || q >= n || s.charAt(q) != ')') {
          break;
        }
        gs.paren[g] = true;
        gs.first[g] = s.charAt(p + 1);
        gs.second[g] = q - p - 1 > 1 ? s.charAt(p + 2) : ' ';
        gs.digits[g] = q - p - 1;
        p = q + 1;
      } else if (isDigit(s.charAt(p))) {
        int from = p;
        while (p < n && isDigit(s.charAt(p))) {
          p++;
        }
        gs.paren[g] = false;
        gs.first[g] = s.charAt(from);
        gs.second[g] = PiiText.at(s, from + 1);
        gs.digits[g] = p - from;
      } else {
        break;
      }
      gs.sepBefore[g] = sep;
      gs.ends[g] = p;
      gs.count++;
      char c = PiiText.at(s, p);
      char next = PiiText.at(s, p + 1);
      if (p < n - 1 && (c == ' ' || c == '-' || c == '.' || c == '/') && (isDigit(next) || next == '(')) {
        sep = c;
        p++;
      } else if (gs.paren[g] && isDigit(c)) {
        sep = 0;
      } else {
        break;
      }
    }
    for (int last = gs.count - 1; last >= 0; last--) {
      boolean splitAtSpace = last == gs.count - 1 || gs.sepBefore[last + 1] == ' ';
      int end = gs.ends[last];
      char after = PiiText.at(s, end);
      boolean gluedAfter = (after == '-' || after == '/') && PiiText.isWord(PiiText.at(s, end + 1));
      if (splitAtSpace && !gluedAfter && PiiText.numberMayEnd(s, end) && gs.valid(plus, last + 1)) {
        return end;
      }
    }
    return -1;
  }

  /** The digit groups of a candidate: digits, first two digits, bracketed or not, separator before each; reused. */
  private static final class Groups {
    final int[] digits = new int[MAX_GROUPS];
    final char[] first = new char[MAX_GROUPS];
    final char[] second = new char[MAX_GROUPS];
    final boolean[] paren = new boolean[MAX_GROUPS];
    final char[] sepBefore = new char[MAX_GROUPS];
    final int[] ends = new int[MAX_GROUPS];
    int count;

    /** Whether the first {@code groups} groups are a phone number. */
    boolean valid(boolean plus, int groups) {
      if (plus) {
        return international(groups);
      }
      return northAmerican(groups) || trunkPrefixed(groups);
    }

    private boolean international(int groups) {
      if (paren[0] || (groups > 1 && digits[0] > 3)) {
        return false; // the country code: 1-3 digits, not bracketed
      }
      int total = 0;
      for (int g = 0; g < groups; g++) {
        if (sepBefore[g] == '/' || (paren[g] && g > 1)) {
          return false; // brackets only right after the country code: +44 (0)20, +1 (555)
        }
        boolean trunkZero = paren[g] && digits[g] == 1 && first[g] == '0';
        total += trunkZero ? 0 : digits[g];
      }
      return total >= 8 && total <= 15;
    }

    private boolean northAmerican(int groups) {
      int a = groups - 3;
      if (a < 0 || a > 1 || (a == 1 && (digits[0] != 1 || first[0] != '1' || paren[0]))) {
        return false;
      }
      if (digits[a] != 3 || digits[a + 1] != 3 || digits[a + 2] != 4 || paren[a + 1] || paren[a + 2]) {
        return false;
      }
      if (first[a] < '2' || first[a + 1] < '2') {
        return false; // area code and exchange start with 2-9
      }
      char s1 = sepBefore[a + 1];
      char s2 = sepBefore[a + 2];
      if (s2 != '-' && s2 != '.' && s2 != ' ') {
        return false;
      }
      if (paren[a]) {
        return (s1 == 0 || s1 == ' ') && (a == 0 || sepBefore[a] == ' ');
      }
      return s1 == s2 && (a == 0 || sepBefore[a] == s2);
    }

    private boolean trunkPrefixed(int groups) {
      if (groups < 2 || groups > 6 || first[0] != '0' || second[0] < '1' || second[0] > '9') {
        return false;
      }
      int total = 0;
      char sep = 0;
      for (int g = 0; g < groups; g++) {
        if (digits[g] < 2 || (paren[g] && g > 0)) {
          return false;
        }
        total += digits[g];
        if (g == 1 && paren[0]) {
          if (sepBefore[1] != 0 && sepBefore[1] != ' ') {
            return false;
          }
        } else if (g > 0) {
          if (sep == 0) {
            sep = sepBefore[g];
          } else if (sepBefore[g] != sep) {
            return false;
          }
        }
      }
      return total >= 9 && total <= 12;
    }
  }
}
