package dev.mlops.data;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.ConflictException;
import dev.mlops.core.Csv;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.HashingInputStream;
import dev.mlops.core.IntegrityException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.Provenance;
import dev.mlops.core.RowHash;
import dev.mlops.core.Schema;
import dev.mlops.core.Sha256;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import dev.mlops.data.internal.ParquetFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable dataset snapshots in a {@link BlobStore}: the data (gzip CSV, and Parquet when asked) plus a
 * {@link Snapshot} manifest with its provenance, addressable by content id and by {@code name@version}.
 *
 * <pre>{@code
 * DatasetStore datasets = DatasetStore.builder(blobs).formats(DatasetFormat.CSV_GZIP, DatasetFormat.PARQUET)
 *     .auditLog(audit).build();
 * Snapshot s = datasets.snapshot("churn-train", warehouse,
 *     Query.of("SELECT * FROM accounts WHERE signup < ?", cutoff), "churn model training");
 * try (FrameSource rows = datasets.open(s.ref())) { ... }
 * datasets.verify(s.id()).throwIfFailed();
 * }</pre>
 *
 * <p>Layout: {@code datasets/data/<id>/data.csv.gz} (and {@code data.parquet}), written once per content;
 * {@code datasets/snapshots/<name>/<version>.json}, the manifests, created with put-if-absent so concurrent
 * snapshots of one name get distinct numbers; {@code datasets/ids/<id>.json}, which snapshot first had that
 * content. The id is {@link RowHash}'s hash of the column names, types and rows, so equal data gives an equal id
 * whatever the file format or batching.
 *
 * <p>Columns tagged {@code pii} (see {@link JdbcConfig#pii()}) are refused, naming them, until they are left out of
 * the query, dropped or redacted (a redaction step clears the tag).
 *
 * <p>Stability: experimental.
 */
public final class DatasetStore {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetStore.class);
  static final String ROOT = "datasets/";
  /** What the audit log hashes as the query of a snapshot of frames given directly (no SQL). */
  static final String FRAMES_QUERY = "-- frames given to DatasetStore.snapshot, no query";

  private final BlobStore blobs;
  private final Set<DatasetFormat> formats;
  private final String user;
  private final Clock clock;
  private final AuditLog audit;

  private DatasetStore(Builder b) {
    this.blobs = b.blobs;
    this.formats = EnumSet.copyOf(b.formats);
    this.user = b.user;
    this.clock = b.clock;
    this.audit = b.audit;
  }

  /** A store writing gzip CSV only, with the OS user and the system clock, and no audit log. */
  public static DatasetStore open(BlobStore blobs) {
    return builder(blobs).build();
  }

  /** Options: formats, user, clock, audit log. */
  public static Builder builder(BlobStore blobs) {
    return new Builder(blobs);
  }

  /**
   * Runs {@code query} on {@code source} in one REPEATABLE READ transaction (a consistent state of the database)
   * and snapshots the result, recording the source's name, the SQL, the parameters and the query hash.
   *
   * @throws ValidationException if a column is tagged {@code pii}, before anything is written
   */
  public Snapshot snapshot(String name, JdbcSource source, Query query, String purpose) {
    checkPurpose(purpose);
    Query q = query.withRepeatableRead().withPurpose(purpose);
    try (QueryStream rows = source.query(q)) {
      List<Map<String, String>> params = new ArrayList<>();
      for (Object p : q.params()) {
        Map<String, String> pm = new LinkedHashMap<>();
        pm.put("type", p == null ? "null" : p.getClass().getSimpleName());
        pm.put("value", p == null ? null : p.toString());
        params.add(pm);
      }
      Snapshot.Source src = new Snapshot.Source(source.name(), source.product(), q.sql(), params,
          AuditEntry.queryHash(q.sql(), q.params()), rows.consistency(), JdbcTypes.POLICY);
      return write(name, rows, purpose, src);
    }
  }

  /**
   * Snapshots the batches of {@code data} (which it reads to the end and closes).
   *
   * @throws ValidationException if a column is tagged {@code pii}, before anything is written
   */
  public Snapshot snapshot(String name, FrameSource data, String purpose) {
    checkPurpose(purpose);
    try (FrameSource d = data) {
      return write(name, d, purpose, null);
    }
  }

  private Snapshot write(String name, FrameSource data, String purpose, Snapshot.Source source) {
    checkName(name);
    Schema schema = data.schema();
    if (schema.size() == 0) {
      throw new ValidationException("snapshot '" + name + "' has no columns; select at least one");
    }
    List<String> pii = schema.tagged(Field.PII).stream().map(Field::name).toList();
    if (!pii.isEmpty()) {
      throw new ValidationException("snapshot '" + name + "' would store columns " + pii + ", tagged pii"
          + (source == null ? "" : " by the config of source '" + source.name() + "'") + "; leave them out of the "
          + "query, drop them, or redact them with a preprocessing step (which clears the tag) first");
    }
    if (formats.contains(DatasetFormat.PARQUET) && !ParquetFrames.available()) {
      throw new ValidationException(ParquetFrames.MISSING_DEPENDENCY);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mlops-snapshot-");
      Path csv = dir.resolve(DatasetFormat.CSV_GZIP.fileName());
      Path parquet = dir.resolve(DatasetFormat.PARQUET.fileName());
      RowHash hash = new RowHash(schema);
      // buffered, so that the CSV writer, which finishes a GZIPOutputStream it is given, sees another stream
      try (OutputStream csvOut = new java.io.BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(csv),
          1 << 16), 1 << 16)) {
        Iterator<Frame> tee = new Iterator<>() {
          @Override
          public boolean hasNext() {
            return data.hasNext();
          }

          @Override
          public Frame next() {
            Frame f = data.next();
            hash.add(f);
            Csv.writer().header(false).write(f, csvOut);
            return f;
          }
        };
        csvOut.write(header(schema));
        if (formats.contains(DatasetFormat.PARQUET)) {
          try (OutputStream pOut = Files.newOutputStream(parquet)) {
            ParquetFrames.write(schema, tee, pOut);
          }
        } else {
          tee.forEachRemaining(f -> { });
        }
      }
      String id = hash.finish();
      List<Snapshot.SnapshotFile> files = new ArrayList<>();
      for (DatasetFormat f : formats) {
        files.add(store(id, f, dir.resolve(f.fileName())));
      }
      Snapshot s = publish(name, id, purpose, hash.rows(), schema, source, files);
      if (audit != null) {
        audit.append(AuditEvent.snapshot(source == null ? "frames" : source.name(),
            source == null ? AuditEntry.queryHash(FRAMES_QUERY, List.of()) : source.queryHash(), purpose, s.rows(),
            s.id()));
      }
      LOG.info("snapshot {} ({} rows, id {}) for: {}", s.ref(), s.rows(), s.id().substring(0, 12), purpose);
      return s;
    } catch (IOException e) {
      throw new StorageException("writing snapshot '" + name + "' failed: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /** The CSV header line, written once, so that batches are written without one. */
  private static byte[] header(Schema schema) {
    Frame empty = Frame.empty(schema);
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    Csv.writer().write(empty, b);
    return b.toByteArray();
  }

  /**
   * Stores a data file under its own digest ({@code datasets/data/<id>/<sha256>.<ext>}), so the manifest names
   * exactly these bytes: the same data written again finds its file there, and a file damaged in the store since
   * is replaced rather than adopted.
   */
  private Snapshot.SnapshotFile store(String id, DatasetFormat format, Path file) throws IOException {
    String sha = Sha256.of(file);
    String key = ROOT + "data/" + id + "/" + sha + "." + format.extension();
    try (InputStream in = Files.newInputStream(file)) {
      if (!blobs.putIfAbsent(key, in)) {
        BlobInfo there = blobs.stat(key).orElse(null);
        if (there == null || !there.sha256().equals(sha)) {
          LOG.warn("blob {} in {} was damaged (SHA-256 {}); writing it again", key, blobs.describe(),
              there == null ? "gone" : there.sha256());
          try (InputStream again = Files.newInputStream(file)) {
            blobs.put(key, again);
          }
        }
      }
    }
    return new Snapshot.SnapshotFile(format, key, Files.size(file), sha);
  }

  private Snapshot publish(String name, String id, String purpose, long rows, Schema schema, Snapshot.Source source,
      List<Snapshot.SnapshotFile> files) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int version = lastVersion(name) + 1;
      Snapshot s = new Snapshot(id, name, version, clock.instant(), user, purpose, rows, schema, source, files,
          RowHash.ENCODING, Provenance.currentLibraryVersion());
      byte[] json = s.toJson().getBytes(StandardCharsets.UTF_8);
      if (blobs.putIfAbsent(manifestKey(name, version), new java.io.ByteArrayInputStream(json))) {
        blobs.putIfAbsent(ROOT + "ids/" + id + ".json", new java.io.ByteArrayInputStream(
            ("{\"ref\":\"" + s.ref() + "\"}").getBytes(StandardCharsets.UTF_8)));
        return s;
      }
    }
    throw new ConflictException("could not number snapshot '" + name + "': 1000 concurrent snapshots won the race");
  }

  private int lastVersion(String name) {
    int last = 0;
    try (var list = blobs.list(ROOT + "snapshots/" + name + "/")) {
      for (var it = list.iterator(); it.hasNext(); ) {
        String key = it.next().key();
        String file = key.substring(key.lastIndexOf('/') + 1);
        last = Math.max(last, Integer.parseInt(file.substring(0, file.length() - ".json".length())));
      }
    }
    return last;
  }

  private static String manifestKey(String name, int version) {
    return ROOT + "snapshots/" + name + "/" + String.format("%010d", version) + ".json";
  }

  /** The snapshot {@code name@version}. */
  public Snapshot get(String name, int version) {
    checkName(name);
    String key = manifestKey(name, version);
    if (!blobs.exists(key)) {
      throw new NotFoundException("no snapshot " + name + "@" + version + " in " + blobs.describe() + "; it has "
          + versions(name).stream().map(Snapshot::ref).toList());
    }
    return Snapshot.fromJson(new String(blobs.getBytes(key), StandardCharsets.UTF_8), key);
  }

  /**
   * The snapshot named by {@code ref}: {@code name@3}, {@code name@latest}, {@code name} (the latest), or a content
   * id (the first snapshot that had that content).
   */
  public Snapshot resolve(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (Sha256.isDigest(ref)) {
      String key = ROOT + "ids/" + ref + ".json";
      if (!blobs.exists(key)) {
        throw new NotFoundException("no snapshot with id " + ref + " in " + blobs.describe());
      }
      String json = new String(blobs.getBytes(key), StandardCharsets.UTF_8);
      return resolve(dev.mlops.core.Json.parseTree(json, key).get("ref").asText());
    }
    int at = ref.lastIndexOf('@');
    String name = at < 0 ? ref : ref.substring(0, at);
    String v = at < 0 ? "latest" : ref.substring(at + 1);
    if (v.equals("latest")) {
      int last = lastVersion(name);
      if (last == 0) {
        throw new NotFoundException("no snapshot named '" + name + "' in " + blobs.describe());
      }
      return get(name, last);
    }
    try {
      return get(name, Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new ValidationException("snapshot reference '" + ref + "' is not NAME, NAME@VERSION, NAME@latest or an id",
          e);
    }
  }

  /** Every snapshot of {@code name}, oldest first. */
  public List<Snapshot> versions(String name) {
    checkName(name);
    List<Snapshot> out = new ArrayList<>();
    try (var list = blobs.list(ROOT + "snapshots/" + name + "/")) {
      list.forEach(i -> out.add(Snapshot.fromJson(new String(blobs.getBytes(i.key()), StandardCharsets.UTF_8),
          i.key())));
    }
    return out;
  }

  /** Reads the snapshot {@code ref} (see {@link #resolve}) from its gzip CSV, checking the file's digest. */
  public FrameSource open(String ref) {
    return open(resolve(ref), DatasetFormat.CSV_GZIP);
  }

  /**
   * Reads {@code snapshot} from its file of {@code format}, checking the file's digest as it is read (an
   * {@link IntegrityException} at the end of a file that does not match).
   */
  public FrameSource open(Snapshot snapshot, DatasetFormat format) {
    Snapshot.SnapshotFile f = snapshot.file(format).orElseThrow(() -> new NotFoundException("snapshot "
        + snapshot.ref() + " has no " + format + " file; it has " + snapshot.files().stream()
        .map(Snapshot.SnapshotFile::format).toList()));
    String what = "file " + f.key() + " of snapshot " + snapshot.ref();
    try {
      if (format == DatasetFormat.CSV_GZIP) {
        checkDigest(f, what); // a first pass over the compressed bytes: no row of a damaged file is ever returned
        InputStream raw = HashingInputStream.verifying(blobs.get(f.key()), f.sha256(), what);
        try {
          return Csv.reader().schema(snapshot.schema()).open(new GZIPInputStream(raw, 1 << 16), f.key());
        } catch (IOException | RuntimeException e) {
          raw.close();
          throw e;
        }
      }
      if (!ParquetFrames.available()) {
        throw new ValidationException(ParquetFrames.MISSING_DEPENDENCY);
      }
      Path tmp = Files.createTempFile("mlops-snapshot-", ".parquet");
      FrameSource src;
      try {
        try (InputStream in = HashingInputStream.verifying(blobs.get(f.key()), f.sha256(), what)) {
          Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // verified before it is parsed
        }
        src = ParquetFrames.read(tmp, 10_000);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return new FrameSource() {
        @Override
        public Schema schema() {
          return src.schema();
        }

        @Override
        public boolean hasNext() {
          return src.hasNext();
        }

        @Override
        public Frame next() {
          return src.next();
        }

        @Override
        public void close() {
          try {
            src.close();
          } finally {
            deleteTree(tmp);
          }
        }
      };
    } catch (IOException e) {
      throw new StorageException("reading " + f.key() + " of snapshot " + snapshot.ref() + " failed", e);
    }
  }

  private void checkDigest(Snapshot.SnapshotFile f, String what) throws IOException {
    try (InputStream in = blobs.get(f.key())) {
      String actual = Sha256.of(in);
      if (!actual.equals(f.sha256())) {
        throw new IntegrityException(what + " is corrupted or was changed: its SHA-256 is " + actual + " but the "
            + "manifest recorded " + f.sha256() + "; restore it from a backup or take the snapshot again");
      }
    }
  }

  /**
   * Re-reads every file of the snapshot {@code ref}, checking each file's digest and that its rows hash to the
   * snapshot's id.
   */
  public DatasetVerifyReport verify(String ref) {
    Snapshot s = resolve(ref);
    List<String> problems = new ArrayList<>();
    for (Snapshot.SnapshotFile f : s.files()) {
      try (FrameSource rows = open(s, f.format())) {
        RowHash h = new RowHash(s.schema());
        rows.forEachRemaining(h::add);
        long n = h.rows();
        String id = h.finish();
        if (!id.equals(s.id())) {
          problems.add(f.format() + " file " + f.key() + " holds " + n + " rows hashing to " + id + ", not the id "
              + s.id());
        }
      } catch (IntegrityException | StorageException | NotFoundException | ValidationException e) {
        problems.add(f.format() + " file " + f.key() + ": " + e.getMessage());
      }
    }
    return new DatasetVerifyReport(s.ref(), s.id(), s.files().size(), problems);
  }

  private static void checkName(String name) {
    if (name == null || !JdbcConfig.NAME.matcher(name).matches()) {
      throw new ValidationException("snapshot name '" + name + "' is not valid; use 1-128 letters, digits, '.', '_' "
          + "or '-', starting with a letter or digit");
    }
  }

  private static void checkPurpose(String purpose) {
    if (purpose == null || purpose.isBlank()) {
      throw new ValidationException("a snapshot needs a purpose: say why the data is kept, e.g. \"churn training\"");
    }
  }

  private static void deleteTree(Path p) {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}", p, e);
    }
  }

  /**
   * Options for a {@link DatasetStore}.
   *
   * <p>Stability: experimental.
   */
  public static final class Builder {
    private final BlobStore blobs;
    private Set<DatasetFormat> formats = EnumSet.of(DatasetFormat.CSV_GZIP);
    private String user = System.getProperty("user.name", "unknown");
    private Clock clock = Clock.systemUTC();
    private AuditLog audit;

    private Builder(BlobStore blobs) {
      this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** The formats to write; gzip CSV is always among them. */
    public Builder formats(DatasetFormat... formats) {
      this.formats = EnumSet.of(DatasetFormat.CSV_GZIP, formats);
      return this;
    }

    /** Who takes the snapshots (default: the OS user). */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The clock for snapshot times. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The audit log every snapshot is recorded in. */
    public Builder auditLog(AuditLog log) {
      this.audit = Objects.requireNonNull(log, "log");
      return this;
    }

    /** The store. */
    public DatasetStore build() {
      return new DatasetStore(this);
    }
  }
}
