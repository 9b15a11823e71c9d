package dev.mlops.preprocessing.steps;

import static dev.mlops.preprocessing.steps.PiiText.isDigit;
import static dev.mlops.preprocessing.steps.PiiText.isHex;

import java.util.List;

/**
 * IPv4 and IPv6 addresses, parsed here (never through {@code InetAddress}, which may resolve names).
 *
 * <p>IPv4: four decimal octets 0-255 without leading zeros ({@code 010} is ambiguous, octal to some parsers), not
 * part of a longer dotted number ({@code 1.2.3.4.5}, {@code v1.2.3.4}) or glued to a word.
 *
 * <p>IPv6: eight groups of 1-4 hex digits, or fewer with one {@code ::}, the last two groups optionally an IPv4
 * address ({@code ::ffff:192.0.2.1}); zone ids ({@code %eth0}) are not part of the match. Not taken, because they are
 * mostly not addresses in text (code, hex dumps, C++ and Rust paths): {@code ::} alone and {@code X::} (one group and
 * a trailing {@code ::}); times ({@code 10:30:00}) and MAC addresses have too few groups and no {@code ::}.
 */
final class IpDetector {
  private IpDetector() {}

  static void findV4(String s, List<PiiSpan> out) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char p = PiiText.at(s, i - 1);
      if (isDigit(s.charAt(i)) && !PiiText.isWord(p) && p != '.') {
        int end = v4End(s, i);
        if (end > 0 && !PiiText.isWord(PiiText.at(s, end))
            && !(PiiText.at(s, end) == '.' && isDigit(PiiText.at(s, end + 1)))) {
          out.add(new PiiSpan(PiiKind.IPV4, i, end));
          i = end;
          continue;
        }
      }
      i++;
    }
  }

  /** The end of a dotted-quad at {@code start}, or -1. */
  static int v4End(CharSequence s, int start) {
    int p = start;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (PiiText.at(s, p) != '.') {
          return -1;
        }
        p++;
      }
      int from = p;
      int value = 0;
      while (p < s.length() && isDigit(s.charAt(p)) && p - from < 4) {
        value = value * 10 + (s.charAt(p) - '0');
        p++;
      }
      int len = p - from;
      if (len == 0 || len > 3 || value > 255 || (len > 1 && s.charAt(from) == '0')) {
        return -1;
      }
    }
    return p;
  }

  static void findV6(String s, List<PiiSpan> out) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      char p = PiiText.at(s, i - 1);
      if ((isHex(c) || c == ':') && !PiiText.isWord(p) && p != ':' && p != '.') {
        int runEnd = i;
        while (runEnd < n && (isHex(s.charAt(runEnd)) || s.charAt(runEnd) == ':' || s.charAt(runEnd) == '.')) {
          runEnd++;
        }
        int end = runEnd;
        // a sentence's full stop or a trailing colon ("fe80::1: up") is not part of the address
        while (end > i && (s.charAt(end - 1) == '.' || (s.charAt(end - 1) == ':' && PiiText.at(s, end - 2) != ':'))) {
          end--;
        }
        if (!PiiText.isWord(PiiText.at(s, runEnd)) && parseV6(s, i, end) != null) {
          out.add(new PiiSpan(PiiKind.IPV6, i, end));
          i = runEnd;
          continue;
        }
        i = Math.max(i + 1, runEnd);
        continue;
      }
      i++;
    }
  }

  /**
   * The eight 16-bit groups of the IPv6 address {@code s[start, end)}, or null when it is not one (or is one of the
   * forms not taken, see the class comment).
   */
  static int[] parseV6(CharSequence s, int start, int end) {
    int[] head = new int[8];
    int[] tail = new int[8];
    int nHead = 0;
    int nTail = 0;
    boolean compressed = false;
    int p = start;
    if (end - start >= 2 && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
      compressed = true;
      p += 2;
    } else if (p < end && s.charAt(p) == ':') {
      return null;
    }
    while (p < end) {
      int from = p;
      int value = 0;
      while (p < end && isHex(s.charAt(p)) && p - from < 5) {
        value = value * 16 + Character.digit(s.charAt(p), 16);
        p++;
      }
      int len = p - from;
      boolean v4 = p < end && s.charAt(p) == '.';
      if (v4) {
        int v4end = v4End(s, from);
        if (v4end != end || (compressed ? nHead + nTail : nHead) > 6) {
          return null;
        }
        int a = octets(s, from, end);
        int[] into = compressed ? tail : head;
        int at = compressed ? nTail : nHead;
        into[at] = a >>> 16;
        into[at + 1] = a & 0xffff;
        if (compressed) {
          nTail += 2;
        } else {
          nHead += 2;
        }
        p = end;
        break;
      }
      if (len == 0 || len > 4) {
        return null;
      }
      if (compressed) {
        if (nHead + nTail >= 7) {
          return null;
        }
        tail[nTail++] = value;
      } else {
        if (nHead >= 8) {
          return null;
        }
        head[nHead++] = value;
      }
      if (p == end) {
        break;
      }
      if (s.charAt(p) != ':') {
        return null;
      }
      p++;
      if (p < end && s.charAt(p) == ':') {
        if (compressed) {
          return null;
        }
        compressed = true;
        p++;
        if (p == end) {
          break;
        }
      } else if (p == end) {
        return null;
      }
    }
    int groups = nHead + nTail;
    if (compressed ? groups > 7 : groups != 8) {
      return null;
    }
    if (compressed && (groups == 0 || (nTail == 0 && nHead == 1))) {
      return null; // "::" and "X::": see the class comment
    }
    int[] out = new int[8];
    System.arraycopy(head, 0, out, 0, nHead);
    System.arraycopy(tail, 0, out, 8 - nTail, nTail);
    return out;
  }

  private static int octets(CharSequence s, int from, int end) {
    int v = 0;
    int octet = 0;
    for (int p = from; p < s.length(); p++) {
      char c = s.charAt(p);
      if (c == '.') {
        v = (v << 8) | octet;
        octet = 0;
      } else if (isDigit(c)) {
        octet = octet * 10 + (c - '0');
      } else {
        break;
      }
    }
    return (v << 8) | octet;
  }

  /** {@code s[start, end)} (a valid IPv6 address) as eight lower-case hex groups, for pseudonyms. */
  static String normalizeV6(CharSequence s, int start, int end) {
    int[] g = parseV6(s, start, end);
    StringBuilder b = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      b.append(i == 0 ? "" : ":").append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }
}
