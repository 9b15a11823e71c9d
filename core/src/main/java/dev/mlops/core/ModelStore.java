package dev.mlops.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A versioned model registry over any {@link BlobStore}: immutable, numbered versions of named models,
 * aliases for deployment with an append-only history, integrity checks on every read, optional Ed25519
 * signatures, and garbage collection of what no version needs.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.open(FileBlobStore.open(Path.of("/srv/models")));
 * ModelVersion v = store.publish("churn")
 *     .file("model.onnx", Path.of("build/model.onnx"))
 *     .metadata(ModelMetadata.builder().framework("onnx", "1.17").metric("auc", 0.91).build())
 *     .commit();                                       // churn@1, churn@2, ...
 * store.setAlias("churn", "production", v.version(), "beats 2 on AUC");
 * ModelVersion prod = store.byAlias("churn", "production");
 * try (InputStream in = store.open(prod, "model.onnx")) { ... }   // re-hashed as it is read
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Version numbers are 1, 2, 3... per model, gap-free and distinct among publishers in any number of
 *       threads and processes sharing the store; a number is never reused (deleting a version leaves a
 *       {@link Tombstone}).</li>
 *   <li>A version becomes visible whole or not at all: its files are uploaded first (content-addressed, so the
 *       same bytes are stored once), then its manifest is created atomically. A publisher that dies half-way
 *       leaves only unreferenced blobs, which {@link #gc()} removes after the grace period.</li>
 *   <li>Every read re-hashes the bytes it streams and fails with an {@link IntegrityException} naming the file
 *       and both digests when they differ from the manifest.</li>
 *   <li>Moving an alias is atomic and recorded with who, when, from, to and why.</li>
 *   <li>Bundles ({@link #exportBundle}, {@link #importBundle}) and {@link #mirror} move a version between stores with
 *       its number, manifest and signatures, verified first. Receiving version 5 when the versions end at 2 marks 3
 *       and 4 as not imported (importable later); publishes continue at 6. Do not publish to a mirrored model.</li>
 *   <li>Tag and description updates go to an append-only log beside the manifest; each applies to the state the
 *       previous one left, so concurrent updates of different tags all survive and, of one tag, the last recorded
 *       wins.</li>
 *   <li>A publish holds a lease that it renews while it uploads; {@link #gc()} waits for live leases and
 *       publishers wait for a running gc, so gc never removes a file a publish is about to reference. A publisher
 *       that dies leaves a lease that expires after the lock ttl (one minute).</li>
 * </ul>
 *
 * <p>The store's layout is documented on the blob keys it writes ({@code models/NAME/versions/N.json},
 * {@code blobs/sha256/AB/ABCD...}); the store is self-describing and any tool can read it. Thread-safe. It
 * does not own the {@link BlobStore}: close that yourself.
 *
 * <p>Stability: stable.
 */
public final class ModelStore {
  /** Everything the parts of the store share. Not API. */
  record Settings(BlobStore blobs, Clock clock, String user, ModelSigner signer, SignaturePolicy policy,
      Duration gcGrace, Duration lockWait, Duration lockTtl, BundleLimits bundleLimits) {}

  private final Settings s;
  private final ModelCatalog catalog;
  private final ModelWrites writes;
  private final ModelReads reads;
  private final StoreLocks locks;
  private final ModelImports imports;
  private final ModelBundles bundles;
  private final BundleWriter bundleWriter;

  private ModelStore(Settings settings) {
    this.s = settings;
    this.catalog = new ModelCatalog(settings);
    this.locks = new StoreLocks(settings);
    this.writes = new ModelWrites(settings, catalog, locks);
    this.reads = new ModelReads(settings, catalog);
    this.imports = new ModelImports(settings, catalog, locks);
    this.bundles = new ModelBundles(imports);
    this.bundleWriter = new BundleWriter(settings, catalog);
  }

  /**
   * A store over {@code blobs} with the defaults: the OS user, the system clock, no signing, no signature
   * checks, a one-hour gc grace period.
   *
   * <pre>{@code
   * ModelStore store = ModelStore.open(MemoryBlobStore.create());
   * }</pre>
   */
  public static ModelStore open(BlobStore blobs) {
    return builder(blobs).build();
  }

  /**
   * A builder for a store over {@code blobs}.
   *
   * <pre>{@code
   * ModelStore store = ModelStore.builder(blobs)
   *     .user("ci-pipeline")
   *     .signer(ModelSigner.fromPemFile("ci-2026", Path.of("ci-2026.key")))
   *     .signaturePolicy(SignaturePolicy.require(TrustStore.fromDirectory(Path.of("trusted-keys"))))
   *     .build();
   * }</pre>
   */
  public static Builder builder(BlobStore blobs) {
    return new Builder(blobs);
  }

  /** The blob store underneath. */
  public BlobStore blobs() {
    return s.blobs();
  }

  /** Starts a publication of a new version of {@code name}; add files and metadata, then commit. */
  public Publication publish(String name) {
    return new Publication(writes, name);
  }

  /**
   * Publishes {@code model} as a new version of {@code name}, written by {@code codec}; the codec's id and
   * framework are recorded in the metadata.
   *
   * <pre>{@code
   * ModelVersion v = store.publish("iris", model, TribuoCodec.classification(), metadata);
   * }</pre>
   */
  public <T> ModelVersion publish(String name, T model, ModelCodec<T> codec, ModelMetadata metadata) {
    return writes.publish(name, model, Objects.requireNonNull(codec, "codec"), Objects.requireNonNull(metadata,
        "metadata"));
  }

  /** Version {@code version} of {@code name}; a {@link NotFoundException} if it does not exist or was deleted. */
  public ModelVersion get(String name, int version) {
    return catalog.get(name, version);
  }

  /** The version the alias points at. */
  public ModelVersion byAlias(String name, String alias) {
    return catalog.byAlias(name, alias);
  }

  /** The newest version that is not deleted. */
  public ModelVersion latest(String name) {
    return catalog.latest(name);
  }

  /**
   * A version by reference: {@code "churn@7"}, {@code "churn@production"} (an alias), {@code "churn@latest"}
   * or {@code "churn"} (the newest).
   */
  public ModelVersion resolve(String ref) {
    Objects.requireNonNull(ref, "ref");
    int at = ref.lastIndexOf('@');
    String name = at < 0 ? ref : ref.substring(0, at);
    String which = at < 0 ? "latest" : ref.substring(at + 1);
    if (which.equals("latest")) {
      return latest(name);
    }
    if (!which.isEmpty() && which.chars().allMatch(Character::isDigit) && which.length() < 10) {
      return get(name, Integer.parseInt(which));
    }
    return byAlias(name, which);
  }

  /** The version number an alias points at, without reading the manifest: the fast path for pollers. */
  public OptionalInt aliasTarget(String name, String alias) {
    return catalog.aliasTarget(name, alias);
  }

  /** The names of the models in the store, in ascending order. */
  public List<String> models() {
    return catalog.models();
  }

  /** One page of the live versions of {@code name} that {@code query} selects, in its order. */
  public VersionPage versions(String name, VersionQuery query) {
    return reads.versions(name, query);
  }

  /** Every live version of {@code name}, oldest first. */
  public List<ModelVersion> versions(String name) {
    return reads.all(name);
  }

  /**
   * Opens a file of a version; the stream re-hashes the bytes and the read that reaches the end throws an
   * {@link IntegrityException} naming the file and both digests if they differ from the manifest. The
   * signature policy is applied first.
   */
  public InputStream open(ModelVersion version, String path) {
    return reads.open(version, path);
  }

  /**
   * Writes every file of a version under {@code dir} (created if missing), verified: each file is written to
   * a temporary name, checked against the manifest, then renamed. An existing file with the same content is
   * kept; one with other content is an error. Returns {@code dir}.
   */
  public Path fetch(ModelVersion version, Path dir) {
    return reads.fetch(version, dir);
  }

  /**
   * Loads a version as a model object with {@code codec}, after the signature policy check. A version written
   * by another codec is refused.
   */
  public <T> T load(ModelVersion version, ModelCodec<T> codec) {
    return reads.load(version, codec);
  }

  /** Re-reads and re-hashes every file of a version and checks its signatures; see {@link VerifyReport}. */
  public VerifyReport verify(String name, int version) {
    return reads.verify(name, version);
  }

  /** Sets and removes tags of a version; the manifest is untouched, the change is recorded beside it. */
  public ModelVersion updateTags(String name, int version, Map<String, String> set, Collection<String> remove) {
    Map<String, String> copy = Map.copyOf(set);
    copy.forEach(ModelMetadata::checkTag);
    return writes.annotate(name, version, copy, Set.copyOf(remove), false, null);
  }

  /** Replaces the description of a version ({@code null} clears it); the manifest is untouched. */
  public ModelVersion updateDescription(String name, int version, String description) {
    return writes.annotate(name, version, Map.of(), Set.of(), true, description);
  }

  /**
   * Points {@code alias} at {@code version} (which must exist and not be deleted), atomically, and records the
   * move in the alias's history. Rolling back is moving it back.
   */
  public AliasChange setAlias(String name, String alias, int version, String reason) {
    return writes.moveAlias(name, alias, version, reason);
  }

  /** Removes {@code alias}, recording the removal in its history. */
  public AliasChange removeAlias(String name, String alias, String reason) {
    return writes.moveAlias(name, alias, null, reason);
  }

  /** The aliases of {@code name} and the versions they point at. */
  public Map<String, Integer> aliases(String name) {
    return catalog.aliases(name);
  }

  /** Every move of {@code alias}, oldest first. */
  public List<AliasChange> aliasHistory(String name, String alias) {
    return catalog.aliasHistory(name, alias);
  }

  /**
   * Deletes a version: its record becomes a {@link Tombstone} (the number stays taken) and its files are left
   * for {@link #gc()}. Refused while an alias points at it. Deleting a deleted version returns its tombstone.
   */
  public Tombstone delete(String name, int version, String reason) {
    return writes.delete(name, version, reason);
  }

  /**
   * Removes blobs that no live version references and that are older than the grace period, leftovers of
   * failed publishes, and leases of publishers that died. Waits for publishes in flight (publishers wait for
   * it in turn), so it never removes what a version or an in-flight publish needs.
   *
   * @throws ConflictException if another gc runs, or publishes stay in flight longer than the lock wait
   */
  public GcReport gc() {
    return new ModelGc(s, catalog, locks).run();
  }

  /**
   * Writes {@code version} as one self-contained bundle (a ZIP: {@code bundle.json}, {@code record.json} as stored so
   * signatures still verify, current tags and description, every file verified as read); the same version with the
   * same tags gives the same bytes anywhere. Atomic: a failure leaves no file.
   *
   * <pre>{@code
   * store.exportBundle(store.byAlias("churn", "production"), Path.of("churn-prod.mlbundle"));
   * }</pre>
   */
  public void exportBundle(ModelVersion version, Path file) {
    bundleWriter.export(version, file);
  }

  /** Writes the bundle of {@code version} to {@code out}, which stays open; a failure leaves a partial bundle. */
  public void exportBundle(ModelVersion version, OutputStream out) {
    bundleWriter.export(version, out);
  }

  /** Writes the bundle of {@code name@aliasOrVersion} ({@code "production"}, {@code "7"}) to {@code file}. */
  public ModelVersion exportBundle(String name, String aliasOrVersion, Path file) {
    ModelVersion v = resolve(ModelNames.checkModel(name) + "@" + Objects.requireNonNull(aliasOrVersion, "alias"));
    bundleWriter.export(v, file);
    return v;
  }

  /**
   * Imports a bundle made by {@link #exportBundle}, keeping number, manifest, signatures, tags and description. All is
   * verified before anything is written: entry names, {@link Builder#bundleLimits}, each file against the manifest,
   * the manifest against {@code bundle.json}, this store's signature policy. A version held with the same manifest:
   * nothing written, {@link ImportResult.Outcome#ALREADY_PRESENT}.
   *
   * <pre>{@code
   * ImportResult r = edge.importBundle(Path.of("churn-prod.mlbundle"));
   * }</pre>
   *
   * @throws ConflictException if the store holds another manifest at that number, or deleted that version
   * @throws IntegrityException if a file or the manifest does not match, a file is missing, or a signature fails
   * @throws ValidationException if it is not a valid bundle (not a ZIP, truncated, damaged, a bad entry name)
   */
  public ImportResult importBundle(Path file) {
    return bundles.importFile(file);
  }

  /** {@link #importBundle(Path)} from {@code in}, which stays open; files are staged (invisibly) as they verify. */
  public ImportResult importBundle(InputStream in) {
    return bundles.importStream(in);
  }

  /**
   * Copies to {@code target} each live version of {@code source} that {@code filter} accepts and {@code target} lacks
   * (same manifest: skipped, so a second run copies nothing), blob by blob, checked as {@link #importBundle(Path)}.
   *
   * <pre>{@code
   * MirrorReport r = ModelStore.mirror(central, edge, v -> v.tags().containsKey("approved")).throwIfFailed();
   * }</pre>
   */
  public static MirrorReport mirror(ModelStore source, ModelStore target, Predicate<ModelVersion> filter) {
    return mirror(source, target, filter, Set.of());
  }

  /**
   * {@link #mirror(ModelStore, ModelStore, Predicate)}, then points each of {@code aliases} in {@code target} where it
   * points in {@code source} if {@code target} holds that version, recording the source's reason.
   */
  public static MirrorReport mirror(ModelStore source, ModelStore target, Predicate<ModelVersion> filter,
      Set<String> aliases) {
    Objects.requireNonNull(filter, "filter");
    return new ModelMirror(source, source.imports, target, target.imports).run(filter, Set.copyOf(aliases));
  }

  @Override
  public String toString() {
    return "ModelStore[" + s.blobs().describe() + ", user " + s.user() + (s.signer() == null ? ""
        : ", signing as " + s.signer().keyId()) + "]";
  }

  /**
   * Builds a {@link ModelStore}. Not thread-safe.
   *
   * <p>Stability: stable.
   */
  public static final class Builder {
    private final BlobStore blobs;
    private Clock clock = Clock.systemUTC();
    private String user = System.getProperty("user.name", "unknown");
    private ModelSigner signer;
    private SignaturePolicy policy = SignaturePolicy.none();
    private Duration gcGrace = Duration.ofHours(1);
    private Duration lockWait = Duration.ofMinutes(2);
    private Duration lockTtl = Duration.ofMinutes(1);
    private BundleLimits bundleLimits = BundleLimits.defaults();

    private Builder(BlobStore blobs) {
      this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** Who publishes and moves aliases, as recorded; defaults to the OS user. */
    public Builder user(String name) {
      if (name == null || name.isBlank()) {
        throw new ValidationException("user must be a non-blank name; it is recorded with every change");
      }
      user = name;
      return this;
    }

    /** The clock times are recorded from; defaults to the system clock. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Signs every manifest this store publishes with {@code value}. */
    public Builder signer(ModelSigner value) {
      signer = Objects.requireNonNull(value, "signer");
      return this;
    }

    /** How loads treat signatures; defaults to {@link SignaturePolicy#none()}. */
    public Builder signaturePolicy(SignaturePolicy value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** How old an unreferenced blob must be before {@link #gc()} removes it; default one hour. */
    public Builder gcGrace(Duration value) {
      gcGrace = nonNegative("gcGrace", value);
      return this;
    }

    /** How long publishers wait for a running gc, and gc for publishes in flight; default two minutes. */
    public Builder lockWait(Duration value) {
      lockWait = nonNegative("lockWait", value);
      return this;
    }

    /** How much an imported bundle or mirrored version may hold; defaults to {@link BundleLimits#defaults()}. */
    public Builder bundleLimits(BundleLimits value) {
      bundleLimits = Objects.requireNonNull(value, "bundleLimits");
      return this;
    }

    /** The store. */
    public ModelStore build() {
      return new ModelStore(new Settings(blobs, clock, user, signer, policy, gcGrace, lockWait, lockTtl,
          bundleLimits));
    }

    private static Duration nonNegative(String option, Duration value) {
      if (value == null || value.isNegative()) {
        throw new ValidationException(option + " is " + value + "; it must be zero or positive");
      }
      return value;
    }
  }
}
