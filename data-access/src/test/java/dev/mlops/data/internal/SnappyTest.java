package dev.mlops.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnappyTest {

  @Test
  void roundTripsInputsOfEverySizeAndKind() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    int[] sizes = {0, 1, 3, 4, 5, 59, 60, 61, 255, 256, 257, 4096, 65_535, 65_536, 65_537, 200_000, 1 << 20};
    for (int size : sizes) {
      for (int kind = 0; kind < 4; kind++) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
          data[i] = switch (kind) {
            case 0 -> (byte) random.nextInt(256);          // incompressible
            case 1 -> (byte) 'a';                          // one long run
            case 2 -> (byte) (i % 7);                      // a short period
            default -> (byte) (random.nextInt(100) < 90 && i > 300 ? data[i - 1 - random.nextInt(300)]
                : random.nextInt(256));                    // text-like: repeats at varied distances
          };
        }
        byte[] packed = Snappy.compress(data, size);
        assertTrue(packed.length <= Snappy.maxCompressedLength(size));
        assertArrayEquals(data, Snappy.decompress(packed, 0, packed.length, size), "size " + size + " kind " + kind);
      }
    }
  }

  @Test
  void compressesRepetitiveData() {
    byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(2000).getBytes(StandardCharsets.UTF_8);
    assertTrue(Snappy.compress(text, text.length).length < text.length / 10);
  }

  @Test
  void decodesAnOverlappingCopyAsARun() throws IOException {
    // length 10; literal "a"; copy of 9 bytes at distance 1 (2-byte-offset form).
    byte[] in = {10, 0, 'a', (byte) (2 | (9 - 1) << 2), 1, 0};
    assertArrayEquals("aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII), Snappy.decompress(in, 0, in.length, 10));
  }

  @Test
  void decodesFromAnOffsetIntoTheArray() throws IOException {
    byte[] packed = Snappy.compress("hello hello hello".getBytes(StandardCharsets.US_ASCII), 17);
    byte[] shifted = new byte[packed.length + 3];
    System.arraycopy(packed, 0, shifted, 3, packed.length);
    assertArrayEquals("hello hello hello".getBytes(StandardCharsets.US_ASCII),
        Snappy.decompress(shifted, 3, packed.length, 17));
  }

  @Test
  void rejectsACopyFromBeforeTheStart() {
    byte[] in = {4, (byte) (2 | 3 << 2), 5, 0};
    IOException e = assertThrows(IOException.class, () -> Snappy.decompress(in, 0, in.length, 4));
    assertTrue(e.getMessage().contains("distance 5"), e.getMessage());
  }

  @Test
  void rejectsALengthThatDisagreesWithThePage() {
    byte[] packed = Snappy.compress(new byte[100], 100);
    IOException e = assertThrows(IOException.class, () -> Snappy.decompress(packed, 0, packed.length, 99));
    assertTrue(e.getMessage().contains("says 99"), e.getMessage());
  }

  @Test
  void rejectsDataCutShort() {
    byte[] data = new byte[1000];
    new SplittableRandom(1).nextBytes(data);
    byte[] packed = Snappy.compress(data, data.length);
    byte[] cut = Arrays.copyOf(packed, packed.length - 10);
    assertThrows(IOException.class, () -> Snappy.decompress(cut, 0, cut.length, 1000));
  }

  @Test
  void rejectsALiteralPastTheEnd() {
    byte[] in = {20, (byte) (19 << 2), 'x', 'y'};
    assertThrows(IOException.class, () -> Snappy.decompress(in, 0, in.length, 20));
  }
}
