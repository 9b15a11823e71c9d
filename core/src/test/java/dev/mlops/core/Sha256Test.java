package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  // Published test vectors: FIPS 180-2, Appendix B (SHA-256 examples) and the empty-message digest.
  static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static final String TWO_BLOCK_MESSAGE = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  static final String TWO_BLOCK = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

  static byte[] millionA() {
    byte[] a = new byte[1_000_000];
    Arrays.fill(a, (byte) 'a');
    return a;
  }

  @Test
  void hashesTheFipsExamples() {
    assertEquals(EMPTY, Sha256.of(new byte[0]));
    assertEquals(ABC, Sha256.ofUtf8("abc"));
    assertEquals(TWO_BLOCK, Sha256.ofUtf8(TWO_BLOCK_MESSAGE));
    assertEquals(MILLION_A, Sha256.of(millionA()));
  }

  @Test
  void hashesAStreamToItsEndWithoutClosingIt() {
    var in = new ByteArrayInputStream(millionA()) {
      boolean closed;

      @Override
      public void close() {
        closed = true;
      }
    };
    assertEquals(MILLION_A, Sha256.of(in));
    assertFalse(in.closed);
  }

  @Test
  void hashesAFile(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("a.bin"), millionA());
    assertEquals(MILLION_A, Sha256.of(file));
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    assertEquals(EMPTY, Sha256.of(empty));
  }

  @Test
  void reportsAMissingFileAsStorageException(@TempDir Path dir) {
    Path missing = dir.resolve("missing.bin");
    StorageException e = assertThrows(StorageException.class, () -> Sha256.of(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void hashesUtf8OfText() {
    String text = "grüße, 世界";
    assertEquals(Sha256.of(text.getBytes(StandardCharsets.UTF_8)), Sha256.ofUtf8(text));
  }

  @Test
  void verifyAcceptsEqualDigestsInEitherCase() {
    assertDoesNotThrow(() -> Sha256.verify(ABC, ABC, "abc.txt"));
    assertDoesNotThrow(() -> Sha256.verify(ABC.toUpperCase(), ABC, "abc.txt"));
  }

  @Test
  void verifyNamesTheFileAndBothDigests() {
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> Sha256.verify(ABC, EMPTY, "models/churn/model.onnx"));
    assertTrue(e.getMessage().contains("models/churn/model.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains(ABC), e.getMessage());
    assertTrue(e.getMessage().contains(EMPTY), e.getMessage());
  }

  @Test
  void recognisesTheDigestForm() {
    assertTrue(Sha256.isDigest(ABC));
    assertFalse(Sha256.isDigest(ABC.toUpperCase()));
    assertFalse(Sha256.isDigest(ABC.substring(1)));
    assertFalse(Sha256.isDigest(ABC.replace('a', 'g')));
    assertFalse(Sha256.isDigest(null));
    ValidationException e = assertThrows(ValidationException.class, () -> Sha256.requireDigest("abc", "input 'x'"));
    assertTrue(e.getMessage().contains("input 'x'") && e.getMessage().contains("64"), e.getMessage());
  }
}
