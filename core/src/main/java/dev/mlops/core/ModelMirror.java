package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies versions from one store to another without a bundle file, blob by blob, through the same checks as an
 * import ({@link ModelImports}): the source's record bytes are carried as stored, the target's signature policy
 * and limits apply, every blob is verified as it streams. Versions the target holds with the same manifest are
 * skipped without reading anything, so a second run copies nothing. Not API.
 */
final class ModelMirror {
  private static final Logger LOG = LoggerFactory.getLogger(ModelMirror.class);
  private final ModelStore source;
  private final ModelStore target;
  private final ModelImports from;
  private final ModelImports to;
  private final String sourceName;

  ModelMirror(ModelStore source, ModelImports from, ModelStore target, ModelImports to) {
    this.source = source;
    this.target = target;
    this.from = from;
    this.to = to;
    this.sourceName = "store " + source.blobs().describe();
  }

  MirrorReport run(Predicate<ModelVersion> filter, Set<String> aliases) {
    long started = System.nanoTime();
    Set<String> follow = new TreeSet<>();
    aliases.forEach(a -> follow.add(ModelNames.checkAlias(a)));
    List<String> copied = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<MirrorReport.Failure> failed = new ArrayList<>();
    List<AliasChange> moved = new ArrayList<>();
    long bytes = 0;
    for (String name : source.models()) {
      List<ModelVersion> versions;
      try {
        versions = source.versions(name);
      } catch (MlopsException e) {
        failed.add(new MirrorReport.Failure(name, e.getMessage()));
        continue;
      }
      for (ModelVersion v : versions) {
        if (!filter.test(v)) {
          continue;
        }
        try {
          ImportResult r = copy(v);
          if (r.outcome() == ImportResult.Outcome.IMPORTED) {
            copied.add(v.ref());
            bytes += r.bytesWritten();
          } else {
            skipped.add(v.ref());
          }
        } catch (MlopsException e) {
          LOG.warn("could not mirror {} from {} to {}: {}", v.ref(), sourceName, target.blobs().describe(),
              e.getMessage());
          failed.add(new MirrorReport.Failure(v.ref(), e.getMessage()));
        }
      }
      for (String alias : follow) {
        try {
          followAlias(name, alias).ifPresent(moved::add);
        } catch (MlopsException e) {
          failed.add(new MirrorReport.Failure(name + "@" + alias, e.getMessage()));
        }
      }
    }
    MirrorReport report = new MirrorReport(copied, skipped, failed, bytes, moved,
        Duration.ofNanos(System.nanoTime() - started));
    LOG.info("mirror of {} to {}: {} copied, {} present, {} failed, {} alias move(s)", sourceName,
        target.blobs().describe(), copied.size(), skipped.size(), failed.size(), moved.size());
    return report;
  }

  private ImportResult copy(ModelVersion v) {
    ModelCatalog.Stored stored = from.catalog().stored(v.name(), v.version());
    if (!stored.parsed().isLive()) {
      from.catalog().get(v.name(), v.version()); // throws: deleted meanwhile
    }
    if (!stored.parsed().manifestSha256().equals(v.manifestSha256())) {
      throw new IntegrityException("the record of model " + v.ref() + " in " + sourceName + " changed while it was "
          + "mirrored (manifest " + v.manifestSha256() + ", now " + stored.parsed().manifestSha256() + ")");
    }
    from.settings().policy().check(stored.parsed().canonicalManifest(), stored.parsed().record().signatures(),
        "model '" + v.name() + "' version " + v.version() + " in " + sourceName);
    ModelImports.Incoming in = new ModelImports.Incoming(sourceName, stored.bytes(), stored.parsed(),
        from.catalog().annotation(v.name(), v.version()).orElse(null));
    to.check(in);
    if (to.state(in) == ModelImports.State.PRESENT) {
      return new ImportResult(to.catalog().get(v.name(), v.version()), ImportResult.Outcome.ALREADY_PRESENT, 0,
          in.blobs().size(), 0, List.of());
    }
    try (ModelImports.Session session = to.begin(in)) {
      for (Map.Entry<String, Long> b : in.blobs().entrySet()) {
        if (!session.needs(b.getKey())) {
          continue;
        }
        String what = "blob " + b.getKey() + " of model " + v.ref() + " from " + sourceName;
        InputStream data;
        try {
          data = source.blobs().get(ModelNames.blob(b.getKey()));
        } catch (NotFoundException e) {
          throw new IntegrityException(what + " is missing there; restore it from a bundle or backup", e);
        }
        try (data) {
          session.stage(b.getKey(), b.getValue(), data, what);
        } catch (IOException e) {
          throw new StorageException("closing " + what + " failed", e);
        }
      }
      return session.commit();
    }
  }

  /** Points the target's alias where the source's points, if the target holds that very version. */
  private Optional<AliasChange> followAlias(String name, String alias) {
    Optional<AliasChange> head = from.catalog().aliasHead(name, alias);
    if (head.isEmpty() || head.get().to() == null) {
      return Optional.empty(); // the source has no such alias: the target's is left alone
    }
    int v = head.get().to();
    VersionRecord.Parsed there = from.catalog().record(name, v);
    VersionRecord.Parsed here;
    try {
      here = to.catalog().record(name, v);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (!here.isLive() || !there.isLive() || !here.manifestSha256().equals(there.manifestSha256())) {
      return Optional.empty(); // not mirrored (filtered out, or failed above): an alias only follows to a copy
    }
    OptionalInt current = target.aliasTarget(name, alias);
    if (current.isPresent() && current.getAsInt() == v) {
      return Optional.empty();
    }
    AliasChange c = head.get();
    return Optional.of(target.setAlias(name, alias, v, "mirrored from " + sourceName + ", where " + c.by() + " moved it"
        + " at " + c.at() + (c.reason().isEmpty() ? "" : ": " + c.reason())));
  }
}
