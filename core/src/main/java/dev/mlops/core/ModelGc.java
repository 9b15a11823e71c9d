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
 * grace period, leftovers of failed publishes, and leases of dead publishers. It holds the gc lock while it runs
 * and first waits for publishes in flight (see {@link StoreLocks}), so it never removes a blob a version or an
 * in-flight publish needs. If any version record cannot be read, it deletes nothing. Not API.
 */
final class ModelGc {
  private static final Logger LOG = LoggerFactory.getLogger(ModelGc.class);
  private static final Duration RENEW_EVERY = Duration.ofSeconds(10);
  private final ModelStore.Settings s;
  private final ModelCatalog catalog;
  private final StoreLocks locks;

  ModelGc(ModelStore.Settings settings, ModelCatalog catalog, StoreLocks locks) {
    this.s = settings;
    this.catalog = catalog;
    this.locks = locks;
  }

  GcReport run() {
    long started = System.nanoTime();
    StoreLocks.GcLock lock = locks.acquireGcLock();
    try {
      long staleLeases = locks.leases().stream().filter(l -> !locks.isFresh(l)).count();
      locks.awaitNoPublishes();
      Set<String> live = liveDigests();
      Instant cutoff = s.clock().instant().minus(s.gcGrace());
      long deleted = 0;
      long freed = 0;
      long kept = 0;
      long young = 0;
      long lastRenew = System.nanoTime();
      for (BlobInfo b : s.blobs().list("blobs/sha256/").toList()) {
        if (System.nanoTime() - lastRenew > RENEW_EVERY.toNanos()) {
          lock = locks.renew(lock);
          lastRenew = System.nanoTime();
        }
        String digest = b.key().substring(b.key().lastIndexOf('/') + 1);
        if (live.contains(digest)) {
          kept++;
        } else if (!b.lastModified().isBefore(cutoff)) {
          young++;
        } else if (s.blobs().delete(b.key())) {
          deleted++;
          freed += b.size();
        }
      }
      long staging = 0;
      for (BlobInfo b : s.blobs().list("staging/").toList()) {
        if (b.lastModified().isBefore(cutoff) && s.blobs().delete(b.key())) {
          staging++;
        }
      }
      GcReport r = new GcReport(deleted, freed, kept, young, staging, staleLeases, s.gcGrace(),
          Duration.ofNanos(System.nanoTime() - started));
      LOG.info("gc of {}: {}", s.blobs().describe(), r);
      return r;
    } finally {
      locks.releaseGcLock();
    }
  }

  /** The digests every live version references; fails (deleting nothing) if a record cannot be read. */
  private Set<String> liveDigests() {
    Set<String> live = new HashSet<>();
    for (String name : allModelNames()) {
      for (int v : catalog.versionNumbers(name)) {
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
