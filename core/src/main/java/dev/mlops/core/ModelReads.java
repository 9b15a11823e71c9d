package dev.mlops.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reading versions' files, listing with queries, verification. Not API. */
final class ModelReads {
  private final ModelStore.Settings s;
  private final ModelCatalog catalog;

  ModelReads(ModelStore.Settings settings, ModelCatalog catalog) {
    this.s = settings;
    this.catalog = catalog;
  }

  List<ModelVersion> all(String name) {
    List<ModelVersion> out = new ArrayList<>();
    for (int v : catalog.versionNumbers(name)) {
      VersionRecord.Parsed p = catalog.record(name, v);
      if (p.isLive()) {
        out.add(p.toVersion(catalog.annotation(name, v).orElse(null)));
      }
    }
    return out;
  }

  VersionPage versions(String name, VersionQuery q) {
    ModelNames.checkModel(name);
    List<Integer> numbers = new ArrayList<>(catalog.versionNumbers(name));
    if (numbers.isEmpty() && !catalog.models().contains(name)) {
      throw catalog.modelNotFound(name);
    }
    boolean byVersion = q.orderMetric() == null;
    if (byVersion) {
      boolean desc = q.order() == VersionQuery.Order.VERSION_DESC;
      if (desc) {
        numbers.sort(Comparator.reverseOrder());
      }
      int after = token(q.pageToken(), "v");
      List<ModelVersion> items = new ArrayList<>();
      for (int v : numbers) {
        if (q.pageToken() != null && (desc ? v >= after : v <= after)) {
          continue;
        }
        VersionRecord.Parsed p = catalog.record(name, v);
        if (!p.isLive()) {
          continue;
        }
        ModelVersion mv = p.toVersion(catalog.annotation(name, v).orElse(null));
        if (!q.matches(mv)) {
          continue;
        }
        if (items.size() == q.pageSize()) {
          return new VersionPage(items, "v" + items.get(items.size() - 1).version());
        }
        items.add(mv);
      }
      return new VersionPage(items, null);
    }
    List<ModelVersion> matching = new ArrayList<>();
    for (ModelVersion mv : all(name)) {
      if (q.matches(mv)) {
        matching.add(mv);
      }
    }
    Comparator<ModelVersion> byMetric = Comparator.comparingDouble(v -> v.metadata().metrics().get(q.orderMetric()));
    if (q.order() == VersionQuery.Order.METRIC_DESC) {
      byMetric = byMetric.reversed();
    }
    matching.sort(byMetric.thenComparingInt(ModelVersion::version));
    int from = q.pageToken() == null ? 0 : token(q.pageToken(), "o");
    int to = Math.min(matching.size(), from + q.pageSize());
    List<ModelVersion> items = from >= matching.size() ? List.of() : matching.subList(from, to);
    return new VersionPage(items, to < matching.size() ? "o" + to : null);
  }

  private static int token(String token, String kind) {
    if (token == null) {
      return 0;
    }
    try {
      if (token.startsWith(kind)) {
        int n = Integer.parseInt(token.substring(1));
        if (n >= 0) {
          return n;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException("page token '" + BlobKeys.escape(token) + "' is not one this query made; pass "
        + "the nextPageToken of the previous page of the same query, or null for the first page");
  }

  /** Re-reads the stored record of {@code v}, checks it is the same manifest, and applies the signature policy. */
  VersionRecord.Parsed checked(ModelVersion v) {
    Objects.requireNonNull(v, "version");
    VersionRecord.Parsed p = catalog.record(v.name(), v.version());
    if (!p.isLive()) {
      catalog.get(v.name(), v.version()); // throws, saying who deleted it or that it was not imported
    }
    if (!p.manifestSha256().equals(v.manifestSha256())) {
      throw new IntegrityException("the manifest of model " + v.ref() + " in " + s.blobs().describe() + " has digest "
          + p.manifestSha256() + " but the version passed in has " + v.manifestSha256() + "; the stored record was "
          + "replaced: read the version again and verify it");
    }
    s.policy().check(p.canonicalManifest(), p.record().signatures(), "model '" + v.name() + "' version " + v.version());
    return p;
  }

  InputStream open(ModelVersion v, String path) {
    checked(v);
    return openUnchecked(v, v.manifest().file(path));
  }

  private InputStream openUnchecked(ModelVersion v, ModelFile f) {
    return HashingInputStream.verifying(openRaw(v, f), f.sha256(), "file '" + f.path() + "' of model " + v.ref());
  }

  /** The stored bytes of {@code f}, not yet checked: the caller hashes them. */
  private InputStream openRaw(ModelVersion v, ModelFile f) {
    try {
      return s.blobs().get(ModelNames.blob(f.sha256()));
    } catch (NotFoundException e) {
      throw new IntegrityException("file '" + f.path() + "' of model " + v.ref() + " is missing from "
          + s.blobs().describe() + " (blob " + f.sha256() + "); restore it from a bundle or backup", e);
    }
  }

  Path fetch(ModelVersion v, Path dir) {
    checked(v);
    try {
      Files.createDirectories(dir);
      for (ModelFile f : v.files()) {
        Path target = dir.resolve(f.path()).normalize();
        if (!target.startsWith(dir.normalize())) {
          throw new ValidationException("file '" + f.path() + "' of model " + v.ref() + " would land outside " + dir);
        }
        if (Files.isRegularFile(target)) {
          if (Files.size(target) == f.size() && Sha256.of(target).equals(f.sha256())) {
            continue;
          }
          throw new ConflictException("cannot fetch model " + v.ref() + " into " + dir + ": '" + f.path()
              + "' exists there with other content; fetch into an empty directory");
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".fetch-", ".tmp");
        try {
          try (InputStream in = openRaw(v, f); FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            PipelinedSha256.Result r = PipelinedSha256.copy(in, out);
            if (r.size() != f.size() || !r.sha256().equals(f.sha256())) {
              throw new IntegrityException("file '" + f.path() + "' of model " + v.ref() + " read from "
                  + s.blobs().describe() + " has " + r.size() + " bytes and SHA-256 " + r.sha256() + " but the manifest "
                  + "says " + f.size() + " bytes and " + f.sha256() + "; it was not written to " + dir + ": restore the "
                  + "blob from a bundle or backup");
            }
          }
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new StorageException("cannot fetch model " + v.ref() + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  <T> T load(ModelVersion v, ModelCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    checked(v);
    String recorded = v.metadata().codec();
    if (recorded != null && !recorded.equals(codec.id())) {
      throw new ValidationException("model " + v.ref() + " was written by codec '" + recorded + "', not '" + codec.id()
          + "'; load it with a " + recorded + " codec");
    }
    Set<String> paths = new LinkedHashSet<>();
    v.files().forEach(f -> paths.add(f.path()));
    ModelFileReader reader = new ModelFileReader() {
      @Override
      public Set<String> paths() {
        return java.util.Collections.unmodifiableSet(paths);
      }

      @Override
      public long size(String path) {
        return v.manifest().file(path).size();
      }

      @Override
      public InputStream open(String path) {
        return openUnchecked(v, v.manifest().file(path));
      }
    };
    try {
      return codec.read(reader);
    } catch (IOException e) {
      throw new StorageException("codec " + codec.id() + " could not read model " + v.ref() + ": " + e.getMessage(), e);
    }
  }

  VerifyReport verify(String name, int version) {
    ModelVersion v = catalog.get(name, version);
    VersionRecord.Parsed p = catalog.record(name, version);
    List<String> problems = new ArrayList<>();
    String signature;
    try {
      s.policy().check(p.canonicalManifest(), p.record().signatures(), "model '" + name + "' version " + version);
      signature = p.record().signatures().isEmpty() ? "unsigned (policy allows it)" : "ok";
    } catch (IntegrityException e) {
      signature = e.getMessage();
      problems.add(e.getMessage());
    }
    long bytes = 0;
    int files = 0;
    byte[] buffer = new byte[1 << 16];
    for (ModelFile f : v.files()) {
      files++;
      try (InputStream in = openUnchecked(v, f)) {
        long n = 0;
        for (int r; (r = in.read(buffer)) >= 0; ) {
          n += r;
        }
        bytes += n;
        if (n != f.size()) {
          problems.add("file '" + f.path() + "' has " + n + " bytes, the manifest says " + f.size());
        }
      } catch (IntegrityException e) {
        problems.add(e.getMessage());
      } catch (IOException e) {
        problems.add("file '" + f.path() + "' cannot be read: " + e.getMessage());
      }
    }
    return new VerifyReport(v.ref(), v.manifestSha256(), files, bytes, signature, problems);
  }
}
