package dev.mlops.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Hex;
import dev.mlops.core.ValidationException;
import org.junit.jupiter.api.Test;

class DerTest {
  @Test
  void readsObjectIdentifiersWithMultiByteArcs() {
    assertEquals("1.2.840.113549.1.1.1", Der.of(Hex.decode("06092a864886f70d010101"), "k").oid());
    assertEquals("1.3.101.112", Der.of(Hex.decode("06032b6570"), "k").oid());
    assertEquals("2.999.3", Der.of(Hex.decode("0603883703"), "k").oid());
  }

  @Test
  void readsLongFormLengths() {
    byte[] der = new byte[3 + 200];
    der[0] = 0x04;
    der[1] = (byte) 0x81;
    der[2] = (byte) 200;
    assertEquals(200, Der.of(der, "k").octetString().length);
  }

  @Test
  void rejectsWhatDerForbids() {
    assertInvalid("0481050102030405", "length not in its shortest form");
    assertInvalid("3080020100", "indefinite length");
    assertInvalid("040501", "runs past the end");
    assertInvalid("06", "missing length");
    assertInvalid("0601", "runs past the end");
    assertInvalid("06028001", "leading zero byte");
    assertInvalid("0301070000", "expected a BIT STRING of whole bytes");
  }

  @Test
  void sequenceOfRejectsTrailingBytes() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Der.sequenceOf(Hex.decode("3003020100ff"), "k"));
    assertEquals("k is not a valid key encoding: 1 unexpected bytes after the end of the structure (at byte 5)",
        e.getMessage());
  }

  private static void assertInvalid(String hex, String expected) {
    ValidationException e = assertThrows(ValidationException.class, () -> {
      Der der = Der.of(Hex.decode(hex), "k");
      switch (der.peekTag()) {
        case 0x04:
          der.octetString();
          break;
        case 0x06:
          der.oid();
          break;
        case 0x03:
          der.bitString(0x03);
          break;
        default:
          der.sequence();
      }
    });
    assertTrue(e.getMessage().startsWith("k is not a valid key encoding") && e.getMessage().contains(expected),
        e.getMessage());
  }
}
