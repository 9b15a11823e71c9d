package dev.mlops.core.internal;

import dev.mlops.core.ValidationException;
import java.util.Arrays;

/**
 * A strict reader of the few DER (ASN.1 Distinguished Encoding Rules, ITU-T X.690) structures in key files:
 * SEQUENCE, INTEGER, OBJECT IDENTIFIER, OCTET STRING, BIT STRING and context-specific fields. Lengths must
 * be definite and minimal and every structure must be consumed to its end; anything else is a
 * {@link ValidationException} naming the source and the byte offset.
 *
 * <pre>{@code
 * Der spki = Der.of(bytes, "key.pub").sequence();
 * String oid = spki.sequence().oid();
 * }</pre>
 *
 * <p>Not thread-safe (it is a cursor). Not API.
 */
public final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  private final byte[] der;
  private final int end;
  private final String source;
  private int pos;

  private Der(byte[] der, int start, int end, String source) {
    this.der = der;
    this.pos = start;
    this.end = end;
    this.source = source;
  }

  /** A reader over all of {@code der}; {@code source} names it in errors. */
  public static Der of(byte[] der, String source) {
    return new Der(der, 0, der.length, source);
  }

  /** A reader over the content of the one SEQUENCE that is all of {@code der}. */
  public static Der sequenceOf(byte[] der, String source) {
    Der whole = of(der, source);
    Der content = whole.sequence();
    whole.end();
    return content;
  }

  /** Whether anything is left to read. */
  public boolean hasMore() {
    return pos < end;
  }

  /** The tag of the next element, without reading it. */
  public int peekTag() {
    if (pos >= end) {
      throw invalid("expected another element but the structure ends");
    }
    return der[pos] & 0xff;
  }

  /** Reads a SEQUENCE and returns a reader over its content. */
  public Der sequence() {
    return element(SEQUENCE, "a SEQUENCE");
  }

  /** Reads an element with {@code tag} and returns a reader over its content. */
  public Der element(int tag, String what) {
    int start = header(tag, what);
    return new Der(der, start, pos, source);
  }

  /** Reads a small non-negative INTEGER (such as a version number). */
  public int smallInteger() {
    byte[] v = bytes(INTEGER, "an INTEGER");
    if (v.length != 1 || v[0] < 0) {
      throw invalid("expected a small INTEGER such as a version number");
    }
    return v[0];
  }

  /** Reads an OBJECT IDENTIFIER in dotted form, e.g. {@code "1.3.101.112"}. */
  public String oid() {
    byte[] v = bytes(OID, "an OBJECT IDENTIFIER");
    if (v.length == 0 || (v[v.length - 1] & 0x80) != 0) {
      throw invalid("malformed OBJECT IDENTIFIER");
    }
    StringBuilder s = new StringBuilder();
    long arc = 0;
    boolean first = true;
    for (int i = 0; i < v.length; i++) {
      if (arc == 0 && (v[i] & 0xff) == 0x80) {
        throw invalid("OBJECT IDENTIFIER arc with a leading zero byte");
      }
      if (arc > (Long.MAX_VALUE >> 7)) {
        throw invalid("OBJECT IDENTIFIER arc too large");
      }
      arc = arc << 7 | (v[i] & 0x7f);
      if ((v[i] & 0x80) == 0) {
        if (first) {
          long top = Math.min(arc / 40, 2);
          s.append(top).append('.').append(arc - 40 * top);
          first = false;
        } else {
          s.append('.').append(arc);
        }
        arc = 0;
      }
    }
    return s.toString();
  }

  /** Reads an OCTET STRING. */
  public byte[] octetString() {
    return bytes(OCTET_STRING, "an OCTET STRING");
  }

  /** Reads a BIT STRING of whole bytes (no unused bits) with {@code tag} (0x03, or a context tag). */
  public byte[] bitString(int tag) {
    byte[] v = bytes(tag, "a BIT STRING");
    if (v.length == 0 || v[0] != 0) {
      throw invalid("expected a BIT STRING of whole bytes");
    }
    return Arrays.copyOfRange(v, 1, v.length);
  }

  /** Skips the next element, whatever it is. */
  public void skip() {
    header(peekTag(), "an element");
  }

  /** Checks that nothing is left. */
  public void end() {
    if (pos != end) {
      throw invalid((end - pos) + " unexpected bytes after the end of the structure");
    }
  }

  private byte[] bytes(int tag, String what) {
    int start = header(tag, what);
    return Arrays.copyOfRange(der, start, pos);
  }

  /** Reads tag and length, moves past the content and returns where the content starts. */
  private int header(int tag, String what) {
    int at = pos;
    if (pos >= end) {
      throw invalid("expected " + what + " but the structure ends");
    }
    int found = der[pos++] & 0xff;
    if (found != tag) {
      throw new ValidationException(source + " is not a valid key encoding: expected " + what + " (tag 0x"
          + Integer.toHexString(tag) + ") at byte " + at + " but found tag 0x" + Integer.toHexString(found));
    }
    if (pos >= end) {
      throw invalid("missing length");
    }
    int first = der[pos++] & 0xff;
    int length;
    if (first < 0x80) {
      length = first;
    } else if (first == 0x81 || first == 0x82) {
      int n = first & 0x7f;
      if (end - pos < n) {
        throw invalid("truncated length");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = length << 8 | (der[pos++] & 0xff);
      }
      if (length < 0x80 || (n == 2 && length < 0x100)) {
        throw invalid("length not in its shortest form, which DER requires");
      }
    } else {
      throw invalid(first == 0x80 ? "indefinite length, which DER forbids" : "length too large for a key");
    }
    if (length > end - pos) {
      throw invalid("length " + length + " runs past the end (" + (end - pos) + " bytes left); the key is truncated");
    }
    int start = pos;
    pos += length;
    return start;
  }

  private ValidationException invalid(String detail) {
    return new ValidationException(source + " is not a valid key encoding: " + detail + " (at byte " + pos + ")");
  }
}
