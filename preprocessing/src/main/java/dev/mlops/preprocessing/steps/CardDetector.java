package dev.mlops.preprocessing.steps;

import static dev.mlops.preprocessing.steps.PiiText.isDigit;

import java.util.List;

/**
 * Payment card numbers: 13-19 digits, either one unbroken run or grouped with single spaces or single dashes (the
 * same separator throughout, the first group of 4 digits, the middle ones of 3-6, the last of 1-6, as cards print:
 * 4-4-4-4, 4-6-5, 4-4-4-4-3); the first digit 2-6 (Mastercard 2-series and 5, Amex/Diners/JCB 3, Visa 4, Discover/UnionPay/Maestro
 * 6), and the Luhn check must pass. An unbroken 13-digit millisecond timestamp starts with 1 and is not taken; a
 * number glued to a longer number ({@code 0.4111...}, {@code 12-4111...}) is not taken. A grouped run longer than a
 * card (a card followed by {@code 2025}) yields the longest valid leading groups.
 */
final class CardDetector {
  private static final int MAX_GROUPS = 8;

  private CardDetector() {}

  static void find(String s, List<PiiSpan> out) {
    int n = s.length();
    int[] groupEnds = new int[MAX_GROUPS];
    int[] groupDigits = new int[MAX_GROUPS];
    int i = 0;
    while (i < n) {
      if (isDigit(s.charAt(i)) && !isDigit(PiiText.at(s, i - 1)) && PiiText.numberMayStart(s, i)) {
        int end = match(s, i, groupEnds, groupDigits);
        if (end > 0) {
          out.add(new PiiSpan(PiiKind.CREDIT_CARD, i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** The end of the longest card starting at {@code start}, or -1. */
  private static int match(String s, int start, int[] groupEnds, int[] groupDigits) {
    int n = s.length();
    int groups = 0;
    int digits = 0;
    char sep = 0;
    int p = start;
    while (groups < MAX_GROUPS) {
      int g = p;
      while (p < n && isDigit(s.charAt(p))) {
        p++;
      }
      digits += p - g;
      groupEnds[groups] = p;
      groupDigits[groups] = p - g;
      groups++;
      if (digits > 19 || p >= n - 1) {
        break;
      }
      char c = s.charAt(p);
      if ((c == ' ' || c == '-') && (sep == 0 || sep == c) && isDigit(s.charAt(p + 1))) {
        sep = c;
        p++;
      } else {
        break;
      }
    }
    // Longest first: the whole run, then fewer groups, each ending at a group boundary.
    for (int last = groups - 1; last >= 0; last--) {
      int end = groupEnds[last];
      if (validGroups(groupDigits, last) && PiiText.numberMayEnd(s, end) && isCard(s, start, end)) {
        return end;
      }
    }
    return -1;
  }

  private static boolean validGroups(int[] groupDigits, int last) {
    if (last == 0) {
      return true;
    }
    if (groupDigits[0] != 4) {
      return false;
    }
    for (int g = 1; g <= last; g++) {
      if (groupDigits[g] > 6 || (g < last && groupDigits[g] < 3)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the digits of {@code s[start, end)} (separators skipped) are a card number. */
  static boolean isCard(CharSequence s, int start, int end) {
    int digits = 0;
    char first = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        first = digits == 0 ? c : first;
        digits++;
      }
    }
    return digits >= 13 && digits <= 19 && first >= '2' && first <= '6' && luhn(s, start, end);
  }

  /** The Luhn (mod 10) check over the digits of {@code s[start, end)}, other characters skipped. */
  static boolean luhn(CharSequence s, int start, int end) {
    int sum = 0;
    boolean twice = false;
    for (int i = end - 1; i >= start; i--) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
