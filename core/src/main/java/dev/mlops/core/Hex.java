package dev.mlops.core;

import java.util.Objects;

/**
 * Lower-case hexadecimal encoding of bytes, as used for every digest MLOps Commons writes.
 *
 * <pre>{@code
 * Hex.encode(new byte[] {0x0f, (byte) 0xa0});   // "0fa0"
 * Hex.decode("0FA0");                            // {0x0f, 0xa0}: decoding accepts either case
 * }</pre>
 *
 * <p>Stability: stable.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /**
   * The lower-case hex form of {@code bytes}, two characters per byte.
   *
   * <pre>{@code
   * Hex.encode(new byte[] {1, 2, (byte) 255});   // "0102ff"
   * }</pre>
   */
  public static String encode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * The bytes that {@code hex} spells; upper and lower case are accepted, nothing else.
   *
   * <pre>{@code
   * Hex.decode("0102ff");   // {1, 2, -1}
   * }</pre>
   *
   * @throws ValidationException if the length is odd or a character is not a hex digit; the message
   *     names the position
   */
  public static byte[] decode(CharSequence hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() % 2 != 0) {
      throw new ValidationException("hex string has odd length " + hex.length()
          + "; expected two hex digits per byte");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (digit(hex, 2 * i) << 4 | digit(hex, 2 * i + 1));
    }
    return out;
  }

  private static int digit(CharSequence hex, int index) {
    char c = hex.charAt(index);
    int value = Character.digit(c, 16);
    if (value < 0 || c > 'f') {
      throw new ValidationException("hex string has '" + printable(c) + "' at position " + index
          + "; expected 0-9, a-f or A-F");
    }
    return value;
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
