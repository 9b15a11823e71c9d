package dev.mlops.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  static final byte[] DER = new byte[100];

  static {
    for (int i = 0; i < DER.length; i++) {
      DER[i] = (byte) (i * 7);
    }
  }

  @TempDir
  Path dir;

  @Test
  void encodesInLinesOf64CharactersAndDecodesBack() {
    String pem = Pem.encode("PUBLIC KEY", DER);
    String[] lines = pem.split("\n");
    assertEquals("-----BEGIN PUBLIC KEY-----", lines[0]);
    assertEquals(64, lines[1].length());
    assertEquals(64, lines[2].length());
    assertEquals(8, lines[3].length());
    assertEquals("-----END PUBLIC KEY-----", lines[4]);
    assertTrue(pem.endsWith("-----\n"));
    assertArrayEquals(DER, Pem.decode(pem, "PUBLIC KEY", "k"));
  }

  @Test
  void acceptsTextAroundTheBlockCrlfAndTrailingSpaces() {
    String pem = "Subject: ci key\r\n\r\n" + Pem.encode("PUBLIC KEY", DER).replace("\n", "  \r\n") + "bye\r\n";
    assertArrayEquals(DER, Pem.decode(pem, "PUBLIC KEY", "k"));
  }

  @Test
  void rejectsAnEndLineWithAnotherLabel() {
    String pem = Pem.encode("PUBLIC KEY", DER).replace("END PUBLIC", "END PRIVATE");
    ValidationException e = assertThrows(ValidationException.class, () -> Pem.decode(pem, "PUBLIC KEY", "k"));
    assertEquals("k has '-----BEGIN PUBLIC KEY-----' closed by '-----END PRIVATE KEY-----'; expected"
        + " '-----END PUBLIC KEY-----'", e.getMessage());
  }

  @Test
  void rejectsLegacyEncryptedHeadersNamingTheLine() {
    String pem = "-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nMC4C\n-----END PRIVATE KEY-----\n";
    ValidationException e = assertThrows(ValidationException.class, () -> Pem.decode(pem, "PRIVATE KEY", "k"));
    assertTrue(e.getMessage().startsWith("line 2 of k is not base64 (character 5; PEM headers such as Proc-Type"),
        e.getMessage());
  }

  @Test
  void rejectsAnEmptyBlock() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> Pem.decode("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "PUBLIC KEY", "k"));
    assertEquals("k has an empty PUBLIC KEY block; expected base64 key data", e.getMessage());
  }

  @Test
  void readFileRejectsMissingAndHugeFiles() throws IOException {
    Path missing = dir.resolve("missing.pub");
    NotFoundException n = assertThrows(NotFoundException.class, () -> Pem.readFile(missing, "public key"));
    assertEquals("no public key file " + missing + "; check the path", n.getMessage());
    Path huge = dir.resolve("huge.pub");
    Files.write(huge, new byte[Pem.MAX_FILE_BYTES + 1]);
    ValidationException e = assertThrows(ValidationException.class, () -> Pem.readFile(huge, "public key"));
    assertTrue(e.getMessage().startsWith("public key " + huge + " is 65537 bytes"), e.getMessage());
  }
}
