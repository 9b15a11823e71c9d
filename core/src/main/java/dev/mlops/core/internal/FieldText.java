package dev.mlops.core.internal;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import dev.mlops.core.TimestampColumn;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses typed values from slices of characters without making Strings where it can. Not API. */
final class FieldText {
  private FieldText() {}

  /**
   * The value of the decimal integer in {@code b[off, off+len)}, into {@code out[0]}; false if the text is not
   * an integer that fits 64 bits.
   */
  static boolean parseLong(char[] b, int off, int len, long[] out) {
    if (len == 0) {
      return false;
    }
    int i = off;
    int end = off + len;
    boolean negative = false;
    char c = b[i];
    if (c == '-' || c == '+') {
      negative = c == '-';
      i++;
      if (i == end) {
        return false;
      }
    }
    if (end - i > 18) {
      try {
        out[0] = Long.parseLong(new String(b, off, len));
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    long v = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      v = v * 10 + d;
    }
    out[0] = negative ? -v : v;
    return true;
  }

  /**
   * The value of the number in {@code b[off, off+len)} into {@code out[0]}; false if it is not a number in Java
   * syntax (hex and the {@code d}/{@code f} suffixes are refused).
   */
  static boolean parseDouble(char[] b, int off, int len, double[] out) {
    if (len == 0) {
      return false;
    }
    char last = b[off + len - 1];
    if (b[off] <= ' ' || last <= ' ') {
      return false; // like parseLong, no trimming: " 1 " is text, not a number
    }
    if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
      return false;
    }
    for (int i = off; i < off + len && i < off + 3; i++) {
      if (b[i] == 'x' || b[i] == 'X') {
        return false;
      }
    }
    try {
      out[0] = JavaDoubleParser.parseDouble(b, off, len);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** 1 for true, 0 for false, -1 for neither ({@code true}/{@code false} in any case). */
  static int parseBoolean(char[] b, int off, int len) {
    if (len == 4 && regionEqualsIgnoreCase(b, off, "true")) {
      return 1;
    }
    if (len == 5 && regionEqualsIgnoreCase(b, off, "false")) {
      return 0;
    }
    return -1;
  }

  private static boolean regionEqualsIgnoreCase(char[] b, int off, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (Character.toLowerCase(b[off + i]) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Microseconds since the epoch of an ISO-8601 date-time with an offset or Z; null if it is not one. */
  static Long parseOffsetTimestamp(String text) {
    if (text.length() < 16) {
      return null;
    }
    int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0; // years beyond 9999 or before 0 are signed
    int dash = text.indexOf('-', start);
    if (dash < start + 4) {
      return null;
    }
    for (int i = start; i < dash; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    try {
      Instant i = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return TimestampColumn.toMicros(i);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** Like {@link #parseOffsetTimestamp}, also accepting a local date-time, read as UTC. */
  static Long parseTimestamp(String text) {
    Long v = parseOffsetTimestamp(text);
    if (v != null || text.length() < 16 || text.charAt(4) != '-') {
      return v;
    }
    try {
      return TimestampColumn.toMicros(LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /** Whether {@code b[off, off+len)} equals {@code s}. */
  static boolean equals(char[] b, int off, int len, String s) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
