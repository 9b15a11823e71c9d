package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.Race;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease and lock mechanics behind {@link ModelStore#gc()} that the concurrency contract cannot reach through
 * the public API: renewal with a short ttl, and a gc whose lock expired and was taken over.
 */
class StoreLocksTest {
  private final MemoryBlobStore blobs = MemoryBlobStore.create();
  private final Race race = Race.create();

  @AfterEach
  void close() {
    race.close();
    blobs.close();
  }

  private ModelStore.Settings settings(Clock clock, Duration lockWait, Duration lockTtl) {
    return new ModelStore.Settings(blobs, clock, "tester", null, SignaturePolicy.none(), Duration.ZERO, lockWait,
        lockTtl, BundleLimits.defaults());
  }

  private StoreLocks.Lease storedLease(String id) {
    return Json.parse(blobs.getBytes(ModelNames.lease(id)), StoreLocks.Lease.class, "lease");
  }

  private StoreLocks.GcLock storedGcLock() {
    return Json.parse(blobs.getBytes(ModelNames.GC_LOCK), StoreLocks.GcLock.class, "gc lock");
  }

  @Test
  void aLeaseIsRenewedAsThePublishMakesProgress() {
    StoreLocks locks = new StoreLocks(settings(Clock.systemUTC(), Duration.ZERO, Duration.ofMillis(300)));
    StoreLocks.HeldLease held = locks.acquireLease("m");
    StoreLocks.Lease first = storedLease(held.id());
    assertEquals(first.createdAt().plusMillis(300), first.expiresAt());
    Race.poll(() -> {
      held.keepAlive();
      return storedLease(held.id()).expiresAt().isAfter(first.expiresAt());
    }, Duration.ofSeconds(10), "keepAlive to renew the lease after a third of its ttl");
    assertEquals(first.createdAt(), storedLease(held.id()).createdAt());
    locks.releaseLease(held);
    assertFalse(blobs.exists(ModelNames.lease(held.id())));
  }

  @Test
  void renewingALeaseAGcRemovedFails() {
    StoreLocks locks = new StoreLocks(settings(Clock.systemUTC(), Duration.ZERO, Duration.ofMinutes(1)));
    StoreLocks.HeldLease held = locks.acquireLease("churn");
    blobs.delete(ModelNames.lease(held.id()));
    ConflictException e = assertThrows(ConflictException.class, held::renew);
    assertTrue(e.getMessage().contains("publish of model 'churn' lost its lease") && e.getMessage().contains("PT1M")
        && e.getMessage().contains("publish again"), e.getMessage());
    assertFalse(blobs.exists(ModelNames.lease(held.id())), "a lost lease is not written back");
  }

  @Test
  void aGcThatLostItsLockStopsAndLeavesTheNewHoldersLock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    StoreLocks first = new StoreLocks(settings(clock, Duration.ZERO, Duration.ofMinutes(1)));
    StoreLocks second = new StoreLocks(settings(clock, Duration.ZERO, Duration.ofMinutes(1)));
    StoreLocks.GcLock stalled = first.acquireGcLock();
    assertThrows(ConflictException.class, second::acquireGcLock, "a live gc lock is not taken over");
    clock.advance(Duration.ofMinutes(2));
    StoreLocks.GcLock taken = second.acquireGcLock();
    ConflictException e = assertThrows(ConflictException.class, () -> first.renew(stalled));
    assertTrue(e.getMessage().contains("lost its lock (taken over by a gc started at 2026-11-20T10:02:00Z")
        && e.getMessage().contains("run gc again"), e.getMessage());
    first.releaseGcLock(stalled);
    assertEquals(taken, storedGcLock(), "the stalled gc does not release the lock it lost");
    StoreLocks.GcLock renewed = second.renew(taken);
    assertEquals(taken.id(), renewed.id());
    second.releaseGcLock(renewed);
    assertFalse(blobs.exists(ModelNames.GC_LOCK));
  }

  @Test
  void aGcRenewsItsLockWhileWaitingForAPublish() {
    ModelStore.Settings s = settings(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(300));
    Instant now = Instant.now();
    StoreLocks.Lease publish = new StoreLocks.Lease("slow", "m", now, now.plus(Duration.ofHours(1)), "tester", "pid 1");
    blobs.putBytes(ModelNames.lease("slow"), Json.canonicalBytes(publish));
    StoreLocks locks = new StoreLocks(s);
    Future<GcReport> gc = race.start(x -> new ModelGc(s, new ModelCatalog(s), locks).run());
    Race.poll(() -> blobs.exists(ModelNames.GC_LOCK), Duration.ofSeconds(10), "gc to take its lock");
    Instant firstExpiry = storedGcLock().expiresAt();
    Race.poll(() -> {
      byte[] lock = blobs.exists(ModelNames.GC_LOCK) ? blobs.getBytes(ModelNames.GC_LOCK) : null;
      return lock != null && Json.parse(lock, StoreLocks.GcLock.class, "gc lock").expiresAt().isAfter(firstExpiry);
    }, Duration.ofSeconds(10), "gc to renew its lock while it waits for the publish");
    assertFalse(gc.isDone(), "gc still waits for the publish");
    blobs.delete(ModelNames.lease("slow"));
    assertEquals(0, Race.await(gc, "gc").staleLeasesDeleted());
    assertFalse(blobs.exists(ModelNames.GC_LOCK));
  }

  @Test
  void aLeaseWithoutAnExpiryLivesOneTtlFromItsCreation() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    StoreLocks locks = new StoreLocks(settings(clock, Duration.ZERO, Duration.ofMinutes(1)));
    StoreLocks.Lease old = Json.parse(("{\"by\":\"a\",\"createdAt\":\"2026-11-20T09:59:30Z\",\"id\":\"x\","
        + "\"model\":\"m\",\"process\":\"pid 1\"}").getBytes(StandardCharsets.UTF_8), StoreLocks.Lease.class, "lease");
    assertTrue(locks.isLive(old));
    clock.advance(Duration.ofSeconds(30));
    assertFalse(locks.isLive(old));
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
