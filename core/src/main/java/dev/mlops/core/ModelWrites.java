package dev.mlops.core;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The write side of {@link ModelStore}: publish, annotate, move aliases, delete. Not API. */
final class ModelWrites {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWrites.class);
  private final ModelStore.Settings s;
  private final ModelCatalog catalog;
  private final StoreLocks locks;

  ModelWrites(ModelStore.Settings settings, ModelCatalog catalog, StoreLocks locks) {
    this.s = settings;
    this.catalog = catalog;
    this.locks = locks;
  }

  /**
   * Uploads the files under a lease, renewed as the sources are read (see {@link StoreLocks}), then creates the
   * version record. The lease is checked once more just before: if a gc took this publisher for dead, it may have
   * removed blobs the version would reference, so the publish fails instead.
   */
  ModelVersion publish(String name, Map<String, Publication.Source> sources, ModelMetadata metadata) {
    StoreLocks.HeldLease lease = locks.acquireLease(name);
    List<String> staged = new ArrayList<>();
    try {
      List<ModelFile> files = new ArrayList<>();
      int i = 0;
      for (Map.Entry<String, Publication.Source> e : sources.entrySet()) {
        String staging = ModelNames.staging(lease.id(), i++);
        staged.add(staging);
        BlobInfo info = upload(name, e.getKey(), e.getValue(), staging, lease);
        lease.keepAlive();
        if (!s.blobs().moveIfAbsent(staging, ModelNames.blob(info.sha256()))) {
          s.blobs().delete(staging); // the same content is stored already
        }
        files.add(new ModelFile(e.getKey(), info.size(), info.sha256()));
      }
      if (!s.blobs().exists(ModelNames.modelIndex(name))) {
        s.blobs().putIfAbsent(ModelNames.modelIndex(name),
            new ByteArrayInputStream(Json.canonicalBytes(Map.of("name", name))));
      }
      lease.renew();
      return appendVersion(name, files, metadata);
    } finally {
      for (String key : staged) {
        deleteQuietly(key);
      }
      locks.releaseLease(lease);
    }
  }

  /** Publishes what {@code codec} writes for {@code model}, spooled through a temporary directory. */
  <T> ModelVersion publish(String name, T model, ModelCodec<T> codec, ModelMetadata metadata) {
    ModelNames.checkModel(name);
    Objects.requireNonNull(model, "model");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mlops-publish-");
      Path root = dir;
      java.util.Set<String> created = new java.util.HashSet<>();
      codec.write(model, path -> {
        ModelNames.checkFilePath(path);
        if (!created.add(path)) {
          throw new ValidationException("codec " + codec.id() + " created file '" + path + "' twice");
        }
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        return Files.newOutputStream(target);
      });
      if (created.isEmpty()) {
        throw new ValidationException("codec " + codec.id() + " wrote no files for model '" + name + "'");
      }
      ModelMetadata meta = metadata.toBuilder().codec(codec.id())
          .framework(metadata.framework() == null ? codec.framework() : metadata.framework(),
              metadata.framework() == null ? codec.frameworkVersion() : metadata.frameworkVersion())
          .build();
      Publication p = new Publication(this, name).metadata(meta);
      for (String path : new java.util.TreeSet<>(created)) {
        p.file(path, root.resolve(path));
      }
      return p.commit();
    } catch (IOException e) {
      throw new StorageException("codec " + codec.id() + " could not write model '" + name + "': " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private BlobInfo upload(String name, String path, Publication.Source source, String staging,
      StoreLocks.HeldLease lease) {
    InputStream in = null;
    try {
      in = source.open();
      return s.blobs().put(staging, new KeepingAlive(in, lease));
    } catch (IOException e) {
      throw new StorageException("cannot read file '" + path + "' to publish model '" + name + "': " + e.getMessage(), e);
    } finally {
      if (in != null && source.closeAfter()) {
        try {
          in.close();
        } catch (IOException e) {
          LOG.debug("closing the source of '{}' failed", path, e);
        }
      }
    }
  }

  private ModelVersion appendVersion(String name, List<ModelFile> files, ModelMetadata metadata) {
    ModelVersion[] made = new ModelVersion[1];
    catalog.log().append(ModelNames.versionsDir(name), seq -> {
      if (seq > Integer.MAX_VALUE) {
        throw new ValidationException("model '" + name + "' has run out of version numbers");
      }
      ModelManifest m = new ModelManifest(ModelManifest.FORMAT, name, (int) seq, files, metadata, s.clock().instant(),
          s.user(), Provenance.currentLibraryVersion());
      byte[] canonical = m.canonicalBytes();
      List<ModelSignature> sigs = s.signer() == null ? List.of() : List.of(s.signer().sign(canonical));
      made[0] = new ModelVersion(m, Sha256.of(canonical), sigs, metadata.tags(), metadata.description());
      return VersionRecord.of(m, sigs).toBytes();
    });
    LOG.debug("published {} ({} file(s))", made[0].ref(), files.size());
    return made[0];
  }

  /**
   * Appends a tags and description update of a version. The update is a delta applied, inside the append, to the
   * entry before it (the manifest's values for the first), so concurrent updates of different tags all survive
   * and, of concurrent updates of one tag, the one appended last wins.
   */
  ModelVersion annotate(String name, int version, Map<String, String> set, Collection<String> remove,
      boolean setDescription, String description) {
    ModelVersion current = catalog.get(name, version);
    String dir = ModelNames.annotationsDir(name, version);
    VersionAnnotation[] made = new VersionAnnotation[1];
    catalog.log().append(dir, seq -> {
      String before = AppendLog.entry(dir, seq - 1);
      VersionAnnotation previous = seq == 1 ? null : catalog.log().read(dir, seq - 1)
          .map(b -> Json.parse(b, VersionAnnotation.class, before)).orElse(null);
      TreeMap<String, String> tags = new TreeMap<>(previous == null ? current.metadata().tags() : previous.tags());
      remove.forEach(tags::remove);
      tags.putAll(set);
      String was = previous == null ? current.metadata().description() : previous.description();
      made[0] = new VersionAnnotation(tags, setDescription ? description : was, s.user(), s.clock().instant());
      return Json.toPrettyJson(made[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    });
    return new ModelVersion(current.manifest(), current.manifestSha256(), current.signatures(), made[0].tags(),
        made[0].description());
  }

  AliasChange moveAlias(String name, String alias, Integer to, String reason) {
    ModelNames.checkModel(name);
    ModelNames.checkAlias(alias);
    if (to != null) {
      catalog.get(name, to); // must be a live version
    }
    String dir = ModelNames.aliasDir(name, alias);
    AliasChange[] made = new AliasChange[1];
    catalog.log().append(dir, seq -> {
      Integer from = seq == 1 ? null : catalog.log().read(dir, seq - 1)
          .map(b -> Json.parse(b, AliasChange.class, AppendLog.entry(dir, seq - 1)).to()).orElse(null);
      if (from == null && to == null) { // decided here, against the entry this one follows, not before the append
        throw new NotFoundException("model '" + name + "' has no alias '" + alias + "' to remove");
      }
      made[0] = new AliasChange(name, alias, seq, from, to, s.user(), s.clock().instant(), reason);
      return Json.toPrettyJson(made[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    });
    LOG.info("{}", made[0]);
    return made[0];
  }

  Tombstone delete(String name, int version, String reason) {
    VersionRecord.Parsed p = catalog.record(name, version);
    if (p.isTombstone()) {
      return p.record().tombstone();
    }
    if (p.isGap()) {
      catalog.get(name, version); // throws: there is nothing to delete
    }
    List<String> pointing = catalog.aliases(name).entrySet().stream()
        .filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
    if (!pointing.isEmpty()) {
      throw new ConflictException("cannot delete model '" + name + "' version " + version + ": alias(es) " + pointing
          + " point at it; move or remove them first");
    }
    Tombstone t = new Tombstone(name, version, p.manifestSha256(), s.clock().instant(), s.user(), reason);
    s.blobs().putBytes(AppendLog.entry(ModelNames.versionsDir(name), version), VersionRecord.of(t).toBytes());
    LOG.info("model {} version {} deleted by {}: {}", name, version, s.user(), reason);
    return t;
  }

  private void deleteQuietly(String key) {
    try {
      s.blobs().delete(key);
    } catch (MlopsException e) {
      LOG.debug("could not delete staging blob {}; gc removes it", key, e);
    }
  }

  static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.debug("could not delete temporary directory {}", dir, e);
    }
  }

  /** Renews the publish's lease as its bytes are read, so a long upload is not taken for a dead one. */
  static final class KeepingAlive extends FilterInputStream {
    private final StoreLocks.HeldLease lease;

    KeepingAlive(InputStream in, StoreLocks.HeldLease lease) {
      super(in);
      this.lease = lease;
    }

    @Override
    public int read() throws IOException {
      lease.keepAlive();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      lease.keepAlive();
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      lease.keepAlive();
      return super.skip(n);
    }

    @Override
    public void close() {
      // the caller closes the source it opened
    }
  }
}
