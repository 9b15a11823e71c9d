package dev.mlops.examples;

import dev.mlops.core.BlobInfo;
import dev.mlops.core.BlobStore;
import dev.mlops.core.Csv;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Provenance;
import dev.mlops.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The end-to-end demo on embedded defaults: no server, no cloud account. It loads the bundled iris and
 * breast-cancer datasets, prints their schema, head and summary statistics, snapshots each into a
 * {@link FileBlobStore} as gzip CSV plus a manifest with provenance, reads the snapshots back, and checks
 * that they hash and compare equal to what was written; then trains a Tribuo model on iris, publishes it to a
 * {@link dev.mlops.core.ModelStore} with its model card, points {@code production} at it and serves it through
 * a {@link dev.mlops.core.LiveModel}. Each issue that lands extends it.
 *
 * <pre>
 * ./demo                  # work in a new temporary directory
 * ./demo /tmp/my-demo     # work in a directory of your choice (kept afterwards): DIR/store is the blob
 *                         # store, DIR/keys the signing key, DIR/bundles the exported bundle,
 *                         # DIR/offline-site the store the bundle is installed into
 * </pre>
 */
public final class Demo {
  /** Tribuo logs each training run through java.util.logging; the demo prints its own summary instead. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");
  private final PrintStream out;
  private final Clock clock;

  Demo(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** Runs the demo; the optional argument is the working directory. */
  public static void main(String[] args) throws IOException {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      System.err.println("usage: ./demo [DIR]   (default: a new temporary directory)");
      System.exit(2);
    }
    Path dir = args.length == 1 ? Path.of(args[0]) : Files.createTempDirectory("mlops-demo-");
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    new Demo(System.out, Clock.systemUTC()).run(dir);
  }

  /** The snapshot of one dataset as the demo stores it next to its data blob. */
  record SnapshotManifest(String dataset, int rows, List<String> columns, List<String> types, String dataKey,
      long dataSize, String dataSha256, Provenance provenance) {}

  /** Runs every step in the working directory {@code dir} (store in {@code dir/store}); returns the manifests. */
  List<SnapshotManifest> run(Path dir) throws IOException {
    out.println("MLOps Commons demo: embedded defaults, no server, no cloud account");
    out.println("working directory: " + dir.toAbsolutePath());
    Frame iris = load("iris.csv");
    Frame cancer = load("breast_cancer.csv");

    section("1. Load the bundled datasets");
    show("iris", iris, iris.columnNames());
    show("breast_cancer", cancer, List.of("mean_radius", "mean_texture", "mean_area", "worst_concavity", "target"));

    section("2. Snapshot them into a FileBlobStore");
    try (BlobStore store = FileBlobStore.open(dir.resolve("store"))) {
      SnapshotManifest irisSnap = snapshot(store, "iris", iris);
      SnapshotManifest cancerSnap = snapshot(store, "breast_cancer", cancer);

      section("3. Read the snapshots back and verify them");
      verify(store, irisSnap, iris);
      verify(store, cancerSnap, cancer);

      section("4. Train a model, publish it to the model store, serve it");
      new ModelStoreDemo(out, clock).run(store, dir, iris, irisSnap.dataSha256());

      section("5. What the store holds");
      store.list("").forEach(b -> out.printf("  %-80s %8d bytes  sha256 %s...%n", b.key(), b.size(),
          b.sha256().substring(0, 12)));
      out.println();
      out.println("Done. The stores are plain files under " + dir.toAbsolutePath());
      return List.of(irisSnap, cancerSnap);
    }
  }

  private Frame load(String resource) throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream("/data/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled dataset /data/" + resource + " is missing from the class path");
      }
      return Csv.reader().read(in, resource);
    }
  }

  private void show(String name, Frame frame, List<String> columns) {
    out.println(name + ": " + frame.rowCount() + " rows x " + frame.columnCount() + " columns");
    out.println(frame.schema());
    out.println();
    out.println(frame.select(columns).head());
    out.println(frame.select(columns).describe());
  }

  private SnapshotManifest snapshot(BlobStore store, String name, Frame frame) throws IOException {
    Path tmp = Files.createTempFile("mlops-demo-", ".csv.gz");
    try {
      Csv.write(frame, tmp);
      String sha = Sha256.of(tmp);
      String dataKey = "datasets/" + name + "/" + sha + "/data.csv.gz";
      BlobInfo info;
      try (InputStream in = Files.newInputStream(tmp)) {
        info = store.put(dataKey, in);
      }
      Provenance provenance = Provenance.builder("mlops-examples demo-snapshot")
          .input("classpath:/data/" + name + ".csv", Sha256.of(resourceBytes(name + ".csv")))
          .param("format", "csv+gzip")
          .clock(clock)
          .build();
      SnapshotManifest manifest = new SnapshotManifest(name, frame.rowCount(), frame.columnNames(),
          frame.schema().fields().stream().map(f -> f.type().toString()).toList(), dataKey, info.size(),
          info.sha256(), provenance);
      store.putBytes("datasets/" + name + "/" + sha + "/manifest.json", Json.toCanonicalJson(manifest).getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
      out.printf("  %-14s -> %s (%d rows, %d bytes gzip CSV, sha256 %s...)%n", name, dataKey, frame.rowCount(),
          info.size(), info.sha256().substring(0, 12));
      return manifest;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void verify(BlobStore store, SnapshotManifest manifest, Frame original) throws IOException {
    String manifestKey = manifest.dataKey().replace("data.csv.gz", "manifest.json");
    SnapshotManifest stored = Json.parse(store.getBytes(manifestKey), SnapshotManifest.class, manifestKey);
    // Re-hash what the store returns: a mismatch is an IntegrityException naming the key and both digests.
    try (InputStream in = store.get(stored.dataKey())) {
      Sha256.verify(stored.dataSha256(), Sha256.of(in), stored.dataKey());
    }
    Frame back;
    try (InputStream gz = new GZIPInputStream(store.get(stored.dataKey()))) {
      back = Csv.reader().read(gz, stored.dataKey());
    }
    if (!back.equals(original)) {
      throw new IllegalStateException(stored.dataset() + ": the snapshot read back differs from the original");
    }
    out.printf("  %-14s <- %d rows, sha256 verified, equal to the original: %s%n", stored.dataset(),
        back.rowCount(), back.equals(original));
    out.println("    provenance: " + stored.provenance().producer() + " at " + stored.provenance().createdAt()
        + " by " + stored.provenance().user() + " on Java " + stored.provenance().jvm().version()
        + ", mlops-commons " + stored.provenance().libraryVersion());
  }

  private static byte[] resourceBytes(String resource) {
    try (InputStream in = Demo.class.getResourceAsStream("/data/" + resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void section(String title) {
    out.println();
    out.println("== " + title + " ==");
  }
}
