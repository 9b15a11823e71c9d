package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of a version that comes from elsewhere (a bundle, another store): checks it against this
 * store's signature policy and limits, stages its files, and creates its record under the same number. Not API.
 *
 * <p>A version keeps its number: a mirror holds the numbers of its source. Numbers stay gap-free in the versions
 * log, because before creating version {@code n} every missing number below it is marked with a {@link VersionGap}
 * (put-if-absent, ascending, so a publisher racing with the import simply takes the next free number). A later
 * import of a marked number creates its record once, put-if-absent, at {@link ModelNames#filled}. Publishes continue
 * after the highest number. Files are staged under the import's lease (so gc waits for it) and only moved into place
 * once every file verified.
 */
final class ModelImports {
  private static final Logger LOG = LoggerFactory.getLogger(ModelImports.class);
  private final ModelStore.Settings s;
  private final ModelCatalog catalog;
  private final StoreLocks locks;

  ModelImports(ModelStore.Settings settings, ModelCatalog catalog, StoreLocks locks) {
    this.s = settings;
    this.catalog = catalog;
    this.locks = locks;
  }

  ModelStore.Settings settings() {
    return s;
  }

  ModelCatalog catalog() {
    return catalog;
  }

  /**
   * A version on its way in.
   *
   * @param source where it comes from, for messages
   * @param recordBytes its version record exactly as stored where it comes from
   * @param parsed what the record says (it holds a manifest)
   * @param annotation its current tags and description, if updated after publishing, or {@code null}
   */
  record Incoming(String source, byte[] recordBytes, VersionRecord.Parsed parsed, VersionAnnotation annotation) {
    ModelManifest manifest() {
      return parsed.record().manifest();
    }

    String name() {
      return manifest().name();
    }

    int version() {
      return manifest().version();
    }

    String digest() {
      return parsed.manifestSha256();
    }

    String ref() {
      return name() + "@" + version();
    }

    /** The distinct files by digest, ascending, with their sizes. */
    SortedMap<String, Long> blobs() {
      SortedMap<String, Long> out = new TreeMap<>();
      manifest().files().forEach(f -> out.put(f.sha256(), f.size()));
      return out;
    }
  }

  /** What this store holds at an incoming version's number. */
  enum State {
    /** Nothing: the version can be created. */
    ABSENT,
    /** A gap an earlier import marked: the version can be filled in. */
    GAP,
    /** The same version (same manifest digest). */
    PRESENT
  }

  /** Applies this store's signature policy and size limit to an incoming version. */
  void check(Incoming in) {
    s.policy().check(in.parsed().canonicalManifest(), in.parsed().record().signatures(), "model '" + in.name()
        + "' version " + in.version() + " from " + in.source());
    long total = in.manifest().totalSize();
    if (total > s.bundleLimits().maxTotalBytes()) {
      throw new ValidationException("model " + in.ref() + " from " + in.source() + " has " + total + " bytes of "
          + "files, more than " + s.bundleLimits().maxTotalBytes() + ", the limit (BundleLimits.maxTotalBytes); "
          + "if it is genuine raise the limit with ModelStore.builder(...).bundleLimits(...)");
    }
  }

  /**
   * What this store holds at the incoming version's number.
   *
   * @throws ConflictException if it holds another manifest there, or deleted that version
   * @throws ValidationException if the import would jump over more numbers than the limit
   */
  State state(Incoming in) {
    VersionRecord.Parsed here;
    try {
      here = catalog.record(in.name(), in.version());
    } catch (NotFoundException e) {
      long last = catalog.log().last(ModelNames.versionsDir(in.name()));
      long gap = in.version() - last - 1;
      if (gap > s.bundleLimits().maxVersionGap()) {
        throw new ValidationException("importing model " + in.ref() + " from " + in.source() + " would mark " + gap
            + " version numbers (" + (last + 1) + " to " + (in.version() - 1) + ") as not imported, more than the "
            + "limit of " + s.bundleLimits().maxVersionGap() + " (BundleLimits.maxVersionGap); import the versions "
            + "in between first, or raise the limit with ModelStore.builder(...).bundleLimits(...)");
      }
      return State.ABSENT;
    }
    if (here.isGap()) {
      return State.GAP;
    }
    if (here.isLive() && here.manifestSha256().equals(in.digest())) {
      return State.PRESENT;
    }
    throw conflict(in, here);
  }

  private ConflictException conflict(Incoming in, VersionRecord.Parsed here) {
    if (here.isTombstone()) {
      Tombstone t = here.record().tombstone();
      return new ConflictException("cannot import model " + in.ref() + " (manifest " + in.digest() + ") from "
          + in.source() + ": " + s.blobs().describe() + " deleted its version " + in.version() + " (manifest "
          + t.manifestSha256() + ") at " + t.deletedAt() + " by " + t.deletedBy() + "; version numbers are never "
          + "reused, so it cannot be imported again");
    }
    ModelManifest m = here.record().manifest();
    return new ConflictException("cannot import model " + in.ref() + " from " + in.source() + ": "
        + s.blobs().describe() + " holds another version " + in.version() + " (manifest " + here.manifestSha256()
        + ", published at " + m.publishedAt() + " by " + m.publishedBy() + ") than the one imported (manifest "
        + in.digest() + ", published at " + in.manifest().publishedAt() + " by " + in.manifest().publishedBy()
        + "); the two stores' histories of '" + in.name() + "' diverged: a store that mirrors a model must not "
        + "also publish it. Import into another store, or under another model name");
  }

  /** Starts importing {@code in}: takes a lease so gc waits, and stages files until {@link Session#commit()}. */
  Session begin(Incoming in) {
    return new Session(in, locks.acquireLease(in.name()));
  }

  /** One import in progress. Close it in any case: that removes what was staged and not committed. */
  final class Session implements AutoCloseable {
    private final Incoming in;
    private final StoreLocks.HeldLease lease;
    private final Map<String, String> staged = new LinkedHashMap<>(); // digest -> staging key
    private final List<String> stagingKeys = new ArrayList<>();
    private int reused;
    private long stagedBytes;

    private Session(Incoming in, StoreLocks.HeldLease lease) {
      this.in = in;
      this.lease = lease;
    }

    /** Whether the store lacks the blob {@code sha256}, so it must be staged; counts it as reused otherwise. */
    boolean needs(String sha256) {
      if (staged.containsKey(sha256)) {
        return false;
      }
      if (s.blobs().exists(ModelNames.blob(sha256))) {
        reused++;
        return false;
      }
      return true;
    }

    /** Stores {@code data} under a staging key, verifying its digest and size as it streams. */
    void stage(String sha256, long size, InputStream data, String what) {
      String key = ModelNames.staging(lease.id(), stagingKeys.size());
      stagingKeys.add(key);
      BlobInfo info = s.blobs().put(key,
          HashingInputStream.verifying(new ModelWrites.KeepingAlive(data, lease), sha256, what));
      if (!info.sha256().equals(sha256) || info.size() != size) {
        throw new IntegrityException(what + " was stored in " + s.blobs().describe() + " with " + info.size()
            + " bytes and SHA-256 " + info.sha256() + " but " + size + " bytes and " + sha256 + " were expected; the "
            + "store changed it or the source changed while it was read: import again");
      }
      staged.put(sha256, key);
      stagedBytes += size;
    }

    /** Moves the staged files into place and creates the version's record; see {@link ModelImports}. */
    ImportResult commit() {
      String name = in.name();
      int n = in.version();
      int written = 0;
      for (Map.Entry<String, String> e : staged.entrySet()) {
        if (s.blobs().moveIfAbsent(e.getValue(), ModelNames.blob(e.getKey()))) {
          written++;
        } else {
          s.blobs().delete(e.getValue()); // the same content arrived meanwhile
          reused++;
        }
      }
      if (!s.blobs().exists(ModelNames.modelIndex(name))) {
        s.blobs().putIfAbsent(ModelNames.modelIndex(name),
            new ByteArrayInputStream(Json.canonicalBytes(Map.of("name", name))));
      }
      lease.renew(); // fails if a gc took this import for dead and may have removed what it staged
      String dir = ModelNames.versionsDir(name);
      List<Integer> skipped = new ArrayList<>();
      long last = catalog.log().last(dir);
      for (long k = last + 1; k < n; k++) {
        VersionGap gap = new VersionGap(name, (int) k, "skipped when version " + n + " (manifest "
            + in.digest().substring(0, 12) + ") was imported from " + in.source(), s.clock().instant(), s.user());
        if (s.blobs().putIfAbsent(AppendLog.entry(dir, k), new ByteArrayInputStream(VersionRecord.of(gap).toBytes()))) {
          skipped.add((int) k);
        }
      }
      ImportResult.Outcome outcome;
      if (s.blobs().putIfAbsent(AppendLog.entry(dir, n), new ByteArrayInputStream(in.recordBytes()))) {
        outcome = ImportResult.Outcome.IMPORTED;
        catalog.log().advanceHead(dir, n);
      } else {
        outcome = settle();
      }
      if (outcome == ImportResult.Outcome.IMPORTED && in.annotation() != null) {
        catalog.log().append(ModelNames.annotationsDir(name, n),
            seq -> Json.toPrettyJson(in.annotation()).getBytes(StandardCharsets.UTF_8));
      }
      stagingKeys.clear();
      ModelVersion v = catalog.get(name, n);
      ImportResult r = outcome == ImportResult.Outcome.IMPORTED
          ? new ImportResult(v, outcome, written, reused, stagedBytes, skipped)
          : new ImportResult(v, outcome, 0, reused + written, 0, skipped);
      LOG.info("import of {} from {} into {}: {}", in.ref(), in.source(), s.blobs().describe(), r);
      return r;
    }

    /** The record's key was taken meanwhile: a gap to fill, the same version (imported concurrently), or a conflict. */
    private ImportResult.Outcome settle() {
      VersionRecord.Parsed here = catalog.record(in.name(), in.version());
      if (here.isGap()) {
        if (s.blobs().putIfAbsent(ModelNames.filled(in.name(), in.version()),
            new ByteArrayInputStream(in.recordBytes()))) {
          return ImportResult.Outcome.IMPORTED;
        }
        here = catalog.record(in.name(), in.version());
      }
      if (here.isLive() && here.manifestSha256().equals(in.digest())) {
        return ImportResult.Outcome.ALREADY_PRESENT;
      }
      throw conflict(in, here);
    }

    @Override
    public void close() {
      try {
        for (String key : stagingKeys) {
          try {
            s.blobs().delete(key);
          } catch (MlopsException e) {
            LOG.debug("could not delete staging blob {}; gc removes it", key, e);
          }
        }
      } finally {
        locks.releaseLease(lease);
      }
    }
  }
}
