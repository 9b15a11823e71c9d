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
 * for it to go.
 *
 * <p>Both are kept alive while their holder works: a publisher renews its lease as it reads its sources, gc
 * renews its lock as it waits and deletes, each at least every third of the lock ttl. A lease or lock past its
 * expiry belongs to a process that died: a lease is then ignored and removed by gc, a lock taken over by the next
 * gc. Liveness is decided by expiry alone, never by the gc grace period (which is about the age of blobs): with a
 * grace of zero, gc must still wait for a publish that is running. A publisher that finds its lease gone (it
 * stalled for longer than the ttl, and a gc took it for dead and may have removed what it uploaded) fails before
 * its version becomes visible; gc that finds its lock gone or taken over stops before deleting more. Not API.
 */
final class StoreLocks {
  /** A publish in flight, alive until {@code expiresAt}; its publisher renews it while it runs. */
  record Lease(String id, String model, Instant createdAt, Instant expiresAt, String by, String process) {}

  /** A gc in progress; renewed while it runs. */
  record GcLock(String id, Instant startedAt, Instant expiresAt, String by, String process) {}

  static final Duration POLL = Duration.ofMillis(50);
  static final String PROCESS = processName();

  private final ModelStore.Settings s;

  StoreLocks(ModelStore.Settings settings) {
    this.s = settings;
  }

  /** How often a holder renews its lease or lock: a third of the ttl, so two renewals may fail or lag. */
  long renewEveryNanos() {
    return s.lockTtl().toNanos() / 3;
  }

  /** The lease of one publish of this store, renewed as the publish makes progress. Not thread-safe. */
  final class HeldLease {
    private final Lease lease;
    private long renewedAt = System.nanoTime();

    private HeldLease(Lease lease) {
      this.lease = lease;
    }

    String id() {
      return lease.id();
    }

    /** Renews the lease if a third of the ttl passed since it was last written. */
    void keepAlive() {
      if (System.nanoTime() - renewedAt >= renewEveryNanos()) {
        renew();
      }
    }

    /**
     * Renews the lease now, first checking that it is still there.
     *
     * @throws ConflictException if a gc removed it, taking this publisher for dead
     */
    void renew() {
      String key = ModelNames.lease(lease.id());
      if (!s.blobs().exists(key)) {
        throw new ConflictException("the publish of model '" + lease.model() + "' lost its lease " + key + " in "
            + s.blobs().describe() + ": it made no progress for longer than the lock ttl " + s.lockTtl() + " (a "
            + "stalled source?), so a gc took its publisher for dead and may have removed files it uploaded; nothing "
            + "was published: publish again");
      }
      s.blobs().putBytes(key, Json.canonicalBytes(new Lease(lease.id(), lease.model(), lease.createdAt(),
          s.clock().instant().plus(s.lockTtl()), lease.by(), lease.process())));
      renewedAt = System.nanoTime();
    }
  }

  /** Writes a lease for a publish of {@code model}, waiting for a running gc to finish first. */
  HeldLease acquireLease(String model) {
    long deadline = System.nanoTime() + s.lockWait().toNanos();
    while (true) {
      Instant now = s.clock().instant();
      Lease lease = new Lease(UUID.randomUUID().toString(), model, now, now.plus(s.lockTtl()), s.user(), PROCESS);
      HeldLease held = new HeldLease(lease);
      s.blobs().put(ModelNames.lease(lease.id()), new ByteArrayInputStream(Json.canonicalBytes(lease)));
      Optional<GcLock> gc = liveGcLock();
      if (gc.isEmpty()) {
        return held;
      }
      s.blobs().delete(ModelNames.lease(lease.id()));
      waitUntil(() -> liveGcLock().isEmpty(), deadline, () -> new ConflictException("cannot publish to model '" + model
          + "': a gc started at " + gc.get().startedAt() + " by " + gc.get().by() + " (" + gc.get().process()
          + ") is still running on " + s.blobs().describe() + " after waiting " + s.lockWait()
          + "; publish again when it finishes, or raise ModelStore.builder().lockWait(...)"));
    }
  }

  void releaseLease(HeldLease lease) {
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
      if (other.isPresent()) {
        deleteGcLockIfHeldBy(other.get().id()); // expired: its gc died (unless another gc took it over meanwhile)
      }
    }
    throw new ConflictException("could not take the gc lock of " + s.blobs().describe()
        + ": other gcs keep taking it; run gc again later");
  }

  /**
   * Extends the lock's expiry while gc runs.
   *
   * @throws ConflictException if the lock is gone or another gc took it over (this one stalled past its expiry)
   */
  GcLock renew(GcLock lock) {
    Optional<GcLock> current = readGcLock();
    if (current.isEmpty() || !current.get().id().equals(lock.id())) {
      throw new ConflictException("gc started at " + lock.startedAt() + " on " + s.blobs().describe() + " lost its "
          + "lock (" + current.map(o -> "taken over by a gc started at " + o.startedAt() + " by " + o.by() + " ("
          + o.process() + ")").orElse("deleted") + ") after stalling past its expiry " + lock.expiresAt()
          + "; it stopped before deleting anything more: run gc again");
    }
    GcLock renewed = new GcLock(lock.id(), lock.startedAt(), s.clock().instant().plus(s.lockTtl()), lock.by(),
        lock.process());
    s.blobs().putBytes(ModelNames.GC_LOCK, Json.canonicalBytes(renewed));
    return renewed;
  }

  /** Deletes the gc lock if it is still {@code lock} (not one another gc took over after it expired). */
  void releaseGcLock(GcLock lock) {
    deleteGcLockIfHeldBy(lock.id());
  }

  /**
   * Deletes the gc lock if its id is {@code id}. The store has no conditional delete, so a lock taken over
   * between the read and the delete can still go; this only narrows that window to two calls.
   */
  private void deleteGcLockIfHeldBy(String id) {
    if (readGcLock().filter(l -> l.id().equals(id)).isPresent()) {
      s.blobs().delete(ModelNames.GC_LOCK);
    }
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

  /** Whether a lease's publisher is alive: it renewed the lease recently enough. */
  boolean isLive(Lease lease) {
    Instant expiry = lease.expiresAt() != null ? lease.expiresAt() : lease.createdAt().plus(s.lockTtl());
    return expiry.isAfter(s.clock().instant());
  }

  /**
   * Waits until no live lease is left, deleting expired ones and calling {@code whileWaiting} (which renews
   * the gc lock) on every poll; returns how many expired leases it deleted.
   */
  long awaitNoPublishes(Runnable whileWaiting) {
    long deadline = System.nanoTime() + s.lockWait().toNanos();
    long[] deleted = {0};
    waitUntil(() -> {
      whileWaiting.run();
      List<Lease> live = new ArrayList<>();
      for (Lease l : leases()) {
        if (isLive(l)) {
          live.add(l);
        } else if (s.blobs().delete(ModelNames.lease(l.id()))) {
          deleted[0]++;
        }
      }
      return live.isEmpty();
    }, deadline, () -> {
      List<Lease> live = leases().stream().filter(this::isLive).toList();
      return new ConflictException("gc waited " + s.lockWait() + " for " + live.size() + " publish(es) in flight on "
          + s.blobs().describe() + " (" + live.stream().map(l -> "'" + l.model() + "' by " + l.by() + " ("
          + l.process() + ") since " + l.createdAt()).toList() + "); run gc again later (the lease of a publisher "
          + "that died expires at most " + s.lockTtl() + " after its last renewal)");
    });
    return deleted[0];
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
