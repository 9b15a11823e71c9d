package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void encodesInLowerCaseTwoDigitsPerByte() {
    assertEquals("00017f80ff", Hex.encode(new byte[] {0, 1, 127, (byte) 128, (byte) 255}));
    assertEquals("", Hex.encode(new byte[0]));
  }

  @Test
  void decodeInvertsEncode() {
    Random random = new Random(42);
    for (int n = 0; n < 50; n++) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, Hex.decode(Hex.encode(bytes)));
    }
  }

  @Test
  void decodesUpperCase() {
    assertArrayEquals(new byte[] {(byte) 0xab, (byte) 0xcd}, Hex.decode("ABcd"));
  }

  @Test
  void rejectsOddLength() {
    ValidationException e = assertThrows(ValidationException.class, () -> Hex.decode("abc"));
    assertTrue(e.getMessage().contains("odd length 3"), e.getMessage());
  }

  @Test
  void rejectsNonHexCharacterNamingItsPosition() {
    ValidationException e = assertThrows(ValidationException.class, () -> Hex.decode("00zz"));
    assertTrue(e.getMessage().contains("'z' at position 2"), e.getMessage());
    // Character.digit accepts full-width digits; hex must not.
    assertThrows(ValidationException.class, () -> Hex.decode("\uff10\uff11"));
  }
}
