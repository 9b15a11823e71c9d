package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingStreamsTest {
  @Test
  void inputStreamHashesAndCountsWhatIsReadInAnyChunking() throws IOException {
    byte[] data = Sha256Test.millionA();
    Random random = new Random(7);
    try (HashingInputStream in = HashingInputStream.of(new ByteArrayInputStream(data))) {
      byte[] buffer = new byte[4096];
      int n;
      do {
        n = random.nextInt(3) == 0 ? singleByte(in, buffer) : in.read(buffer, 0, 1 + random.nextInt(buffer.length));
      } while (n >= 0);
      assertEquals(1_000_000, in.byteCount());
      assertEquals(Sha256Test.MILLION_A, in.sha256());
      assertEquals(Sha256Test.MILLION_A, in.sha256(), "a second call returns the same digest");
    }
  }

  private static int singleByte(InputStream in, byte[] buffer) throws IOException {
    int b = in.read();
    if (b >= 0) {
      buffer[0] = (byte) b;
    }
    return b < 0 ? -1 : 1;
  }

  @Test
  void inputStreamHashesSkippedBytes() throws IOException {
    try (HashingInputStream in = HashingInputStream.of(new ByteArrayInputStream(bytes("abc")))) {
      assertEquals(2, in.skip(2));
      assertEquals('c', in.read());
      assertEquals(-1, in.read());
      assertEquals(3, in.byteCount());
      assertEquals(Sha256Test.ABC, in.sha256());
    }
  }

  @Test
  void inputStreamRefusesToReadAfterTheDigestIsFinished() throws IOException {
    try (HashingInputStream in = HashingInputStream.of(new ByteArrayInputStream(bytes("abc")))) {
      in.read();
      in.sha256();
      IllegalStateException e = assertThrows(IllegalStateException.class, in::read);
      assertTrue(e.getMessage().contains("after sha256()"), e.getMessage());
      assertFalse(in.markSupported());
      assertThrows(IOException.class, in::reset);
    }
  }

  @Test
  void verifyingStreamPassesMatchingContent() throws IOException {
    try (InputStream in = HashingInputStream.verifying(new ByteArrayInputStream(bytes("abc")), Sha256Test.ABC, "abc.txt")) {
      assertArrayEquals(bytes("abc"), in.readAllBytes());
      assertEquals(-1, in.read(), "reading again at the end stays quiet");
    }
  }

  @Test
  void verifyingStreamThrowsOnTheReadThatReachesTheEnd() throws IOException {
    try (InputStream in = HashingInputStream.verifying(new ByteArrayInputStream(bytes("abd")), Sha256Test.ABC, "abc.txt")) {
      byte[] buffer = new byte[3];
      assertEquals(3, in.readNBytes(buffer, 0, 3), "content before the end is delivered");
      IntegrityException e = assertThrows(IntegrityException.class, in::read);
      assertTrue(e.getMessage().contains("abc.txt") && e.getMessage().contains(Sha256Test.ABC)
          && e.getMessage().contains(Sha256.ofUtf8("abd")), e.getMessage());
      assertThrows(IntegrityException.class, in::read, "a retry at the end fails again");
    }
  }

  @Test
  void outputStreamHashesCountsAndPassesThroughEverything() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] data = Sha256Test.millionA();
    try (HashingOutputStream out = HashingOutputStream.of(sink)) {
      out.write(data, 0, 10);
      out.write(data[10]);
      out.write(data, 11, data.length - 11);
      out.flush();
      assertEquals(1_000_000, out.byteCount());
      assertEquals(Sha256Test.MILLION_A, out.sha256());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.write(1));
      assertTrue(e.getMessage().contains("after sha256()"), e.getMessage());
    }
    assertArrayEquals(data, sink.toByteArray());
  }

  @Test
  void outputStreamOverNullSinkHashesTheEmptyInput() throws IOException {
    try (HashingOutputStream out = HashingOutputStream.of(OutputStream.nullOutputStream())) {
      assertEquals(0, out.byteCount());
      assertEquals(Sha256Test.EMPTY, out.sha256());
    }
  }

  @Test
  void outputStreamRejectsABadRange() throws IOException {
    try (HashingOutputStream out = HashingOutputStream.of(OutputStream.nullOutputStream())) {
      assertThrows(IndexOutOfBoundsException.class, () -> out.write(new byte[2], 1, 2));
      assertEquals(0, out.byteCount());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
