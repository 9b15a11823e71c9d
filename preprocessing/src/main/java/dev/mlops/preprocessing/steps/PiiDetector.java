package dev.mlops.preprocessing.steps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds personal data in a string: every detector runs, overlapping candidates are resolved (a checked entity, an
 * e-mail, IBAN, card or IP address, beats a phone number, which has no check; then the longer wins; then the
 * earlier), and the spans of the requested kinds are returned in text order. All detectors run even when fewer
 * kinds are requested, so the digits of a card or an IBAN are never reported as a phone number. Stateless and
 * thread-safe. Not API.
 */
final class PiiDetector {
  private static final Comparator<PiiSpan> PRIORITY = Comparator
      .comparingInt((PiiSpan s) -> s.kind() == PiiKind.PHONE ? 1 : 0)
      .thenComparing(Comparator.comparingInt(PiiSpan::length).reversed())
      .thenComparingInt(PiiSpan::start);

  private PiiDetector() {}

  /** The non-overlapping entities of {@code kinds} in {@code text}, in text order. */
  static List<PiiSpan> detect(String text, Set<PiiKind> kinds) {
    List<PiiSpan> candidates = new ArrayList<>();
    if (text.indexOf('@') >= 0) {
      EmailDetector.find(text, candidates);
    }
    if (hasDigit(text)) {
      IbanDetector.find(text, candidates);
      CardDetector.find(text, candidates);
      IpDetector.findV4(text, candidates);
      PhoneDetector.find(text, candidates);
    }
    if (text.indexOf(':') >= 0) {
      IpDetector.findV6(text, candidates);
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    candidates.sort(PRIORITY);
    List<PiiSpan> chosen = new ArrayList<>();
    for (PiiSpan c : candidates) {
      boolean free = true;
      for (PiiSpan k : chosen) {
        if (c.start() < k.end() && k.start() < c.end()) {
          free = false;
          break;
        }
      }
      if (free) {
        chosen.add(c);
      }
    }
    chosen.removeIf(s -> !kinds.contains(s.kind()));
    chosen.sort(Comparator.comparingInt(PiiSpan::start));
    return chosen;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PiiText.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The canonical form of an entity, so that one entity written two ways gets one pseudonym: an e-mail in lower
   * case; a phone number's digits (after {@code +} when international, without a bracketed trunk {@code (0)}); a
   * card's digits; an IBAN without spaces; an IPv6 address as eight lower-case hex groups; an IPv4 address as is.
   */
  static String normalize(String text, PiiSpan span) {
    String v = text.substring(span.start(), span.end());
    return switch (span.kind()) {
      case EMAIL -> v.toLowerCase(Locale.ROOT);
      case PHONE -> {
        boolean intl = v.startsWith("+");
        String digits = digits(intl ? v.replace("(0)", "") : v);
        yield intl ? "+" + digits : digits;
      }
      case CREDIT_CARD -> digits(v);
      case IBAN -> v.replace(" ", "");
      case IPV4 -> v;
      case IPV6 -> IpDetector.normalizeV6(text, span.start(), span.end());
    };
  }

  private static String digits(String v) {
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (PiiText.isDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The masked form of an entity: a card, phone number or IBAN keeps its last 4 digits (letters and digits for an
   * IBAN) and every other digit or letter becomes {@code *}, separators kept ({@code **** **** **** 1111}); an
   * e-mail keeps the first character of its local part and its domain ({@code j***@example.com}); an IP address is
   * masked entirely, its dots and colons kept ({@code ***.***.*.*}).
   */
  static void mask(String text, PiiSpan span, StringBuilder out) {
    int start = span.start();
    int end = span.end();
    switch (span.kind()) {
      case EMAIL -> {
        int at = text.indexOf('@', start);
        out.append(text.charAt(start)).append("***").append(text, at, end);
      }
      case IPV4, IPV6 -> {
        for (int i = start; i < end; i++) {
          char c = text.charAt(i);
          out.append(c == '.' || c == ':' ? c : '*');
        }
      }
      case CREDIT_CARD, PHONE, IBAN -> {
        int kept = 0;
        int firstKept = end;
        while (firstKept > start && kept < 4) {
          firstKept--;
          if (Character.isLetterOrDigit(text.charAt(firstKept))) {
            kept++;
          }
        }
        for (int i = start; i < end; i++) {
          char c = text.charAt(i);
          out.append(i < firstKept && Character.isLetterOrDigit(c) ? '*' : c);
        }
      }
      default -> throw new IllegalStateException("unknown kind " + span.kind());
    }
  }
}
