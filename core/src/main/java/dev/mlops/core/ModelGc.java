package dev.mlops.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of a model store: removes blobs no live version references once they are older than the
 * grace period, leftovers of failed publishes, and leases of dead publishers. It holds the gc lock while it runs,
 * renewing it as it goes, and first waits for publishes in flight (see {@link StoreLocks}), so it never removes a
 * blob a version or an in-flight publish needs, whatever the grace period. If any version record cannot be read,
 * or it loses its lock, it stops without deleting more. Not API.
 */
final class ModelGc {
  private static final Logger LOG = LoggerFactory.getLogger(ModelGc.class);
  private final ModelStore.Settings s;
  private final ModelCatalog catalog;
  private final StoreLocks locks;
  private StoreLocks.GcLock lock;
  private long renewedAt;

  ModelGc(ModelStore.Settings settings, ModelCatalog catalog, StoreLocks locks) {
    this.s = settings;
    this.catalog = catalog;
    this.locks = locks;
  }

  /** Runs once; a {@code ModelGc} is made per run. */
  GcReport run() {
    long started = System.nanoTime();
    lock = locks.acquireGcLock();
    renewedAt = System.nanoTime();
    try {
      long staleLeases = locks.awaitNoPublishes(this::keepLock);
      Set<String> live = liveDigests();
      Instant cutoff = s.clock().instant().minus(s.gcGrace());
      long deleted = 0;
      long freed = 0;
      long kept = 0;
      long young = 0;
      for (BlobInfo b : s.blobs().list("blobs/sha256/").toList()) {
        String digest = b.key().substring(b.key().lastIndexOf('/') + 1);
        if (live.contains(digest)) {
          kept++;
        } else if (!b.lastModified().isBefore(cutoff)) {
          young++;
        } else {
          keepLock();
          if (s.blobs().delete(b.key())) {
            deleted++;
            freed += b.size();
          }
        }
      }
      long staging = 0;
      for (BlobInfo b : s.blobs().list("staging/").toList()) {
        if (b.lastModified().isBefore(cutoff)) {
          keepLock();
          if (s.blobs().delete(b.key())) {
            staging++;
          }
        }
      }
      GcReport r = new GcReport(deleted, freed, kept, young, staging, staleLeases, s.gcGrace(),
          Duration.ofNanos(System.nanoTime() - started));
      LOG.info("gc of {}: {}", s.blobs().describe(), r);
      return r;
    } finally {
      locks.releaseGcLock(lock);
    }
  }

  /**
   * Renews the gc lock when a third of its ttl has passed, so publishers keep waiting; fails (stopping gc) if
   * the lock was lost.
   */
  private void keepLock() {
    if (System.nanoTime() - renewedAt >= locks.renewEveryNanos()) {
      lock = locks.renew(lock);
      renewedAt = System.nanoTime();
    }
  }

  /** The digests every live version references; fails (deleting nothing) if a record cannot be read. */
  private Set<String> liveDigests() {
    Set<String> live = new HashSet<>();
    for (String name : allModelNames()) {
      for (int v : catalog.versionNumbers(name)) {
        keepLock();
        VersionRecord.Parsed p;
        try {
          p = catalog.record(name, v);
        } catch (MlopsException e) {
          throw new IntegrityException("gc stopped before deleting anything: the record of model '" + name
              + "' version " + v + " cannot be read (" + e.getMessage() + "); repair or restore it, then run gc again",
              e);
        }
        if (p.isLive()) {
          p.record().manifest().files().forEach(f -> live.add(f.sha256()));
        }
      }
    }
    return live;
  }

  /** Models in the index plus any with version records but no index entry (a publish that died in between). */
  private List<String> allModelNames() {
    Set<String> names = new java.util.TreeSet<>(catalog.models());
    try (var keys = s.blobs().list("models/")) {
      keys.forEach(info -> {
        String rest = info.key().substring("models/".length());
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.startsWith("versions/", slash + 1)) {
          names.add(rest.substring(0, slash));
        }
      });
    }
    return List.copyOf(names);
  }
}
