package dev.mlops.preprocessing.steps;

import static dev.mlops.preprocessing.steps.PiiText.isDigit;

import java.util.List;
import java.util.Map;

/**
 * IBANs: a country code of the IBAN registry (all SEPA countries and most others), two check digits and the
 * country's BBAN, in upper case, written unbroken or in groups of four separated by single spaces; exactly the
 * country's length, and the ISO 7064 mod 97-10 check must give 1. Not glued to a word.
 */
final class IbanDetector {
  /** IBAN lengths by country (SWIFT IBAN registry). */
  static final Map<String, Integer> LENGTHS = Map.ofEntries(
      // SEPA
      Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
      Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
      Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
      Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26),
      Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
      Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
      Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
      Map.entry("SM", 27), Map.entry("VA", 22),
      // others
      Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BH", 22),
      Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CR", 22), Map.entry("DO", 28), Map.entry("EG", 29),
      Map.entry("FO", 18), Map.entry("GE", 22), Map.entry("GL", 18), Map.entry("GT", 28), Map.entry("IL", 23),
      Map.entry("IQ", 23), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
      Map.entry("LC", 32), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27),
      Map.entry("MU", 30), Map.entry("PK", 24), Map.entry("PS", 29), Map.entry("QA", 29), Map.entry("RS", 22),
      Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23),
      Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VG", 24), Map.entry("XK", 20));

  private IbanDetector() {}

  static void find(String s, List<PiiSpan> out) {
    int n = s.length();
    int i = 0;
    while (i + 15 <= n) {
      if (isUpper(s.charAt(i)) && isUpper(s.charAt(i + 1)) && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3))
          && !PiiText.isWord(PiiText.at(s, i - 1))) {
        Integer length = LENGTHS.get(s.substring(i, i + 2));
        int end = length == null ? -1 : match(s, i, length);
        if (end > 0) {
          out.add(new PiiSpan(PiiKind.IBAN, i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** The end of an IBAN of {@code length} characters at {@code start}, unbroken or grouped in fours, or -1. */
  private static int match(String s, int start, int length) {
    int n = s.length();
    int end = -1;
    // unbroken
    if (start + length <= n && allAlnum(s, start, start + length) && !PiiText.isWord(PiiText.at(s, start + length))) {
      end = start + length;
    } else if (PiiText.at(s, start + 4) == ' ') {
      int p = start;
      int count = 0;
      while (count < length) {
        if (p >= n || !isUpperOrDigit(s.charAt(p))) {
          return -1;
        }
        p++;
        count++;
        if (count % 4 == 0 && count < length) {
          if (PiiText.at(s, p) != ' ') {
            return -1;
          }
          p++;
        }
      }
      if (PiiText.isWord(PiiText.at(s, p))) {
        return -1;
      }
      end = p;
    }
    return end > 0 && mod97(s, start, end) == 1 ? end : -1;
  }

  /** ISO 7064 mod 97-10 over the IBAN in {@code s[start, end)} (spaces skipped), rearranged as the standard says. */
  static int mod97(CharSequence s, int start, int end) {
    int rem = mod97(s, start + 4, end, 0);
    return mod97(s, start, start + 4, rem);
  }

  private static int mod97(CharSequence s, int from, int to, int rem) {
    for (int p = from; p < to; p++) {
      char c = s.charAt(p);
      if (c != ' ') {
        int v = Character.digit(c, 36);
        rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
      }
    }
    return rem;
  }

  private static boolean allAlnum(String s, int from, int to) {
    for (int p = from; p < to; p++) {
      if (!isUpperOrDigit(s.charAt(p))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isUpperOrDigit(char c) {
    return isUpper(c) || isDigit(c);
  }
}
