package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.BlobStoreContract;
import dev.mlops.core.testing.BlobTesting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelinedSha256Test {
  private static final int C = PipelinedSha256.CHUNK;

  private static byte[] random(int size, int seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** Sizes around the chunk boundaries and beyond the number of pooled chunks, where an off-by-one would show. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, C - 1, C, C + 1, 2 * C, 9 * C + 3, 20 * C - 1})
  void copiesEveryByteAndHashesThem(int size) throws IOException {
    byte[] data = random(size, size);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PipelinedSha256.Result r = PipelinedSha256.copy(new ByteArrayInputStream(data), Channels.newChannel(sink));
    assertEquals(size, r.size());
    assertEquals(BlobTesting.sha256(data), r.sha256());
    assertArrayEquals(data, sink.toByteArray());
  }

  @Test
  void readsAStreamThatReturnsShortReads() throws IOException {
    byte[] data = random(3 * C + 100, 7);
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PipelinedSha256.Result r = PipelinedSha256.copy(trickle, Channels.newChannel(sink));
    assertEquals(BlobTesting.sha256(data), r.sha256());
    assertArrayEquals(data, sink.toByteArray());
  }

  @Test
  void aFailingSourceIsASourceExceptionWithTheCountRead() {
    PipelinedSha256.SourceException e = assertThrows(PipelinedSha256.SourceException.class,
        () -> PipelinedSha256.copy(BlobStoreContract.failingAfter(2 * C + 10), Channels.newChannel(
            new ByteArrayOutputStream())));
    assertEquals(2 * C + 10, e.bytesRead());
    assertTrue(e.getCause().getMessage().contains("simulated"), e.getCause().getMessage());
  }

  @Test
  void aFailingWriteIsAnIOExceptionAndLaterCopiesStillWork() throws IOException {
    WritableByteChannel broken = new WritableByteChannel() {
      private int writes;

      @Override
      public int write(ByteBuffer src) throws IOException {
        if (++writes == 3) {
          throw new IOException("disk full");
        }
        int n = src.remaining();
        src.position(src.limit());
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
    IOException e = assertThrows(IOException.class,
        () -> PipelinedSha256.copy(new ByteArrayInputStream(random(5 * C, 1)), broken));
    assertEquals("disk full", e.getMessage());
    for (int i = 0; i < 10; i++) { // no chunk still in use by a cancelled hasher is handed out again
      byte[] data = random(6 * C + i, 100 + i);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      assertEquals(BlobTesting.sha256(data),
          PipelinedSha256.copy(new ByteArrayInputStream(data), Channels.newChannel(sink)).sha256());
      assertArrayEquals(data, sink.toByteArray());
    }
  }

  @Test
  void earlySyncWritesLargeFilesIntact(@TempDir Path dir) throws IOException {
    int size = (int) FileBlobIo.EarlySync.SYNC_EVERY * 2 + 12345; // starts at least one background fsync
    byte[] data = random(size, 2);
    Path file = dir.resolve("f");
    FileBlobIo.Written w = FileBlobIo.writeTemp("k", file, new ByteArrayInputStream(data), "test");
    assertEquals(BlobTesting.sha256(data), w.sha256());
    assertEquals(size, w.attrs().size());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      assertEquals(size, ch.size());
    }
    assertArrayEquals(data, Files.readAllBytes(file));
  }
}
