package dev.mlops.data;

import dev.mlops.core.Sha256;
import dev.mlops.core.ValidationException;
import java.util.Locale;

/**
 * The checks on the text an audit log stores, shared by {@link AuditEvent}, {@link AuditLog.Builder} and the
 * backends, so each field has one limit and one wording. The limits are the column sizes of the database backend
 * (in UTF-16 code units, which never undercount a database's characters). Not API.
 */
final class AuditChecks {
  /** The longest user, source or snapshot id. */
  static final int MAX_NAME = 255;
  /** The longest purpose. */
  static final int MAX_PURPOSE = 2000;

  private AuditChecks() {}

  /** {@code value} if it is a non-blank single-line name of at most {@link #MAX_NAME} characters. */
  static String name(String value, String what, String hint) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(what + " is " + (value == null ? "missing" : "blank") + "; " + hint);
    }
    if (value.length() > MAX_NAME) {
      throw new ValidationException(what + " is " + value.length() + " characters long; the most is " + MAX_NAME
          + "; " + hint);
    }
    int bad = firstControl(value, false);
    if (bad >= 0) {
      throw new ValidationException(what + " '" + printable(value) + "' has a control character at index " + bad
          + "; expected a single line of printable text");
    }
    return value;
  }

  /** {@code value} if it is non-blank text of at most {@link #MAX_PURPOSE} characters (tabs and newlines allowed). */
  static String purpose(String value) {
    String hint = "say why the data is accessed, e.g. \"churn model training, ticket DS-142\": it is what an auditor"
        + " reads";
    if (value == null || value.isBlank()) {
      throw new ValidationException("the purpose of an audit event is " + (value == null ? "missing" : "blank")
          + "; " + hint);
    }
    if (value.length() > MAX_PURPOSE) {
      throw new ValidationException("the purpose of an audit event is " + value.length()
          + " characters long; the most is " + MAX_PURPOSE + "; shorten it and refer to a document or ticket");
    }
    int bad = firstControl(value, true);
    if (bad >= 0) {
      throw new ValidationException("the purpose of an audit event has a control character at index " + bad
          + "; only tabs and line breaks are allowed");
    }
    return value;
  }

  /**
   * {@code value} if it names a source; a connection URL is refused without echoing it, since URLs can carry
   * credentials and nothing in the audit log may.
   */
  static String source(String value) {
    String hint = "give the name of the JDBC source (e.g. \"warehouse\"), never its URL or credentials";
    name(value, "the source of an audit event", hint);
    String lower = value.toLowerCase(Locale.ROOT);
    for (String sign : new String[] {"jdbc:", "://", "password=", "passwd=", "pwd="}) {
      if (lower.contains(sign)) {
        throw new ValidationException("the source of an audit event looks like a connection URL or holds a "
            + "credential (it contains '" + sign + "'); " + hint);
      }
    }
    return value;
  }

  /** {@code value} if it is a lower-case hex SHA-256. */
  static String digest(String value, String what, String hint) {
    if (!Sha256.isDigest(value)) {
      throw new ValidationException(what + " is " + (value == null ? "missing" : "'" + printable(value) + "'")
          + "; expected " + Sha256.HEX_LENGTH + " lower-case hex characters" + hint);
    }
    return value;
  }

  /** {@code value} if it is zero or more. */
  static long rows(long value, String what) {
    if (value < 0) {
      throw new ValidationException(what + " is " + value + "; expected zero or more rows");
    }
    return value;
  }

  private static int firstControl(String s, boolean allowLineBreaks) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code s} cut to 80 characters with control characters escaped, for messages. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? out + "..." : out.toString();
  }
}
