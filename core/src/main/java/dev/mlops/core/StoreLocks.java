package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The handshake between publishers and {@link ModelStore#gc()}, so gc never deletes a blob an in-flight publish
 * is about to reference. A publisher first writes a lease, then looks for a gc lock; gc first writes its lock,
 * then looks for leases. Whatever the interleaving, one of them sees the other (the store's operations are
 * linearizable): a publisher that sees a running gc withdraws its lease and waits; a gc that sees a lease waits
 * for it to go. A lease older than the grace period belongs to a dead publisher and is ignored; a gc lock past
 * its expiry (gc renews it while it runs) belongs to a dead gc. Not API.
 */
final class StoreLocks {
  /** A publish in flight. */
  record Lease(String id, String model, Instant createdAt, String by, String process) {}

  /** A gc in progress; renewed while it runs. */
  record GcLock(String id, Instant startedAt, Instant expiresAt, String by, String process) {}

  static final Duration POLL = Duration.ofMillis(50);
  static final String PROCESS = processName();

  private final ModelStore.Settings s;

  StoreLocks(ModelStore.Settings settings) {
    this.s = settings;
  }

  /** Writes a lease for a publish of {@code model}, waiting for a running gc to finish first. */
  Lease acquireLease(String model) {
    long deadline = System.nanoTime() + s.lockWait().toNanos();
    while (true) {
      Lease lease = new Lease(UUID.randomUUID().toString(), model, s.clock().instant(), s.user(), PROCESS);
      s.blobs().put(ModelNames.lease(lease.id()), new ByteArrayInputStream(Json.canonicalBytes(lease)));
      Optional<GcLock> gc = liveGcLock();
      if (gc.isEmpty()) {
        return lease;
      }
      s.blobs().delete(ModelNames.lease(lease.id()));
      waitUntil(() -> liveGcLock().isEmpty(), deadline, () -> new ConflictException("cannot publish to model '" + model
          + "': a gc started at " + gc.get().startedAt() + " by " + gc.get().by() + " (" + gc.get().process()
          + ") is still running on " + s.blobs().describe() + " after waiting " + s.lockWait()
          + "; publish again when it finishes, or raise ModelStore.builder().lockWait(...)"));
    }
  }

  void releaseLease(Lease lease) {
    s.blobs().delete(ModelNames.lease(lease.id()));
  }

  /** Takes the gc lock, or fails naming the gc that holds it. */
  GcLock acquireGcLock() {
    for (int attempt = 0; attempt < 2; attempt++) {
      Instant now = s.clock().instant();
      GcLock lock = new GcLock(UUID.randomUUID().toString(), now, now.plus(s.lockTtl()), s.user(), PROCESS);
      if (s.blobs().putIfAbsent(ModelNames.GC_LOCK, new ByteArrayInputStream(Json.canonicalBytes(lock)))) {
        return lock;
      }
      Optional<GcLock> other = readGcLock();
      if (other.isPresent() && other.get().expiresAt().isAfter(now)) {
        throw new ConflictException("another gc, started at " + other.get().startedAt() + " by " + other.get().by()
            + " (" + other.get().process() + "), is running on " + s.blobs().describe()
            + "; run gc again after it finishes (its lock expires at " + other.get().expiresAt() + " if it died)");
      }
      s.blobs().delete(ModelNames.GC_LOCK); // expired: its gc died
    }
    throw new ConflictException("could not take the gc lock of " + s.blobs().describe()
        + ": other gcs keep taking it; run gc again later");
  }

  /** Extends the lock's expiry while gc runs. */
  GcLock renew(GcLock lock) {
    GcLock renewed = new GcLock(lock.id(), lock.startedAt(), s.clock().instant().plus(s.lockTtl()), lock.by(),
        lock.process());
    s.blobs().putBytes(ModelNames.GC_LOCK, Json.canonicalBytes(renewed));
    return renewed;
  }

  void releaseGcLock() {
    s.blobs().delete(ModelNames.GC_LOCK);
  }

  /** Every lease in the store. */
  List<Lease> leases() {
    List<Lease> out = new ArrayList<>();
    try (var keys = s.blobs().list("leases/")) {
      keys.forEach(info -> {
        try {
          out.add(Json.parse(s.blobs().getBytes(info.key()), Lease.class, info.key()));
        } catch (NotFoundException gone) {
          // released meanwhile
        }
      });
    }
    return out;
  }

  boolean isFresh(Lease lease) {
    return lease.createdAt().isAfter(s.clock().instant().minus(s.gcGrace()));
  }

  /** Waits until no fresh lease is left; deletes stale ones. */
  void awaitNoPublishes() {
    long deadline = System.nanoTime() + s.lockWait().toNanos();
    waitUntil(() -> {
      List<Lease> fresh = new ArrayList<>();
      for (Lease l : leases()) {
        if (isFresh(l)) {
          fresh.add(l);
        } else {
          s.blobs().delete(ModelNames.lease(l.id()));
        }
      }
      return fresh.isEmpty();
    }, deadline, () -> {
      List<Lease> fresh = leases().stream().filter(this::isFresh).toList();
      return new ConflictException("gc waited " + s.lockWait() + " for " + fresh.size() + " publish(es) in flight on "
          + s.blobs().describe() + " (" + fresh.stream().map(l -> "'" + l.model() + "' by " + l.by() + " ("
          + l.process() + ") since " + l.createdAt()).toList() + "); run gc again later (a lease of a publisher "
          + "that died is ignored " + s.gcGrace() + " after it was taken)");
    });
  }

  private Optional<GcLock> liveGcLock() {
    return readGcLock().filter(l -> l.expiresAt().isAfter(s.clock().instant()));
  }

  private Optional<GcLock> readGcLock() {
    try {
      return Optional.of(Json.parse(s.blobs().getBytes(ModelNames.GC_LOCK), GcLock.class, ModelNames.GC_LOCK));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Polls {@code done} until it holds or {@code deadline} (a {@link System#nanoTime()}) passes. */
  private void waitUntil(java.util.function.BooleanSupplier done, long deadline,
      Supplier<? extends MlopsException> timeout) {
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw timeout.get();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MlopsException("interrupted while waiting on " + s.blobs().describe(), e);
      }
    }
  }

  private static String processName() {
    return "pid " + ProcessHandle.current().pid();
  }
}
