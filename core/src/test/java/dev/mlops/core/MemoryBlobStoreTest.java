package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.testing.BlobStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryBlobStoreTest extends BlobStoreContract {

  @Override
  protected BlobStore newStore() {
    return MemoryBlobStore.create();
  }

  @Test
  void takesTimesFromTheGivenClock() {
    Instant t = Instant.parse("2026-11-27T10:15:30Z");
    try (MemoryBlobStore s = MemoryBlobStore.create(Clock.fixed(t, ZoneOffset.UTC))) {
      assertEquals(t, s.putBytes("k", new byte[] {1}).lastModified());
      assertEquals(t, s.stat("k").orElseThrow().lastModified());
    }
  }
}
