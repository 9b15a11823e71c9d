package dev.mlops.examples;

import dev.mlops.core.BlobStore;
import dev.mlops.core.Csv;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.Frame;
import dev.mlops.core.FrameSource;
import dev.mlops.core.Json;
import dev.mlops.core.ModelStore;
import dev.mlops.data.AuditLog;
import dev.mlops.data.DatasetFormat;
import dev.mlops.data.DatasetStore;
import dev.mlops.data.DatasetVerifyReport;
import dev.mlops.data.JdbcConfig;
import dev.mlops.data.JdbcSource;
import dev.mlops.data.Query;
import dev.mlops.data.Snapshot;
import dev.mlops.data.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end demo on embedded defaults: no server, no cloud account. It loads the bundled iris and
 * breast-cancer datasets, prints their schema, head and summary statistics, writes them into an embedded H2
 * database, snapshots a query of each through an audited {@link JdbcSource} into a {@link DatasetStore} (gzip CSV and
 * Parquet plus a manifest with provenance), shows the manifest and the audit log, reads the snapshots back and
 * verifies them; then trains a Tribuo model on iris, publishes it to a
 * {@link dev.mlops.core.ModelStore} with its model card, points {@code production} at it and serves it through
 * a {@link dev.mlops.core.LiveModel}. Each issue that lands extends it.
 *
 * <pre>
 * ./demo                  # work in a new temporary directory
 * ./demo /tmp/my-demo     # work in a directory of your choice (kept afterwards): DIR/store is the blob
 *                         # store, DIR/keys the signing key, DIR/bundles the exported bundle,
 *                         # DIR/offline-site the store the bundle is installed into, DIR/warehouse the
 *                         # H2 database
 * </pre>
 */
public final class Demo {
  /** Tribuo logs each training run through java.util.logging; the demo prints its own summary instead. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");
  private final PrintStream out;
  private final Clock clock;
  /** The preprocessing part's result, for the test. */
  PreprocessingDemo.Result preprocessing;
  /** The benchmarking part's result, for the test. */
  BenchmarkDemo.Result benchmark;

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

  /** Runs every step in the working directory {@code dir} (store in {@code dir/store}); returns the snapshots. */
  List<Snapshot> run(Path dir) throws IOException {
    out.println("MLOps Commons demo: embedded defaults, no server, no cloud account");
    out.println("working directory: " + dir.toAbsolutePath());
    Frame iris = load("iris.csv");
    Frame cancer = load("breast_cancer.csv");

    section("1. Load the bundled datasets");
    show("iris", iris, iris.columnNames());
    show("breast_cancer", cancer, List.of("mean_radius", "mean_texture", "mean_area", "worst_concavity", "target"));

    try (BlobStore store = FileBlobStore.open(dir.resolve("store"))) {
      section("2. Put them into an embedded H2 database (the stand-in for a production database)");
      String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("warehouse/db") + ";DATABASE_TO_LOWER=TRUE";
      JdbcConfig loader = JdbcConfig.builder("warehouse-loader").url(url).user("sa").readOnly(false).build();
      try (JdbcSource db = JdbcSource.open(loader)) {
        for (var table : List.of(Map.entry("iris", iris), Map.entry("breast_cancer", cancer))) {
          if (db.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE lower(table_name) = ?",
              table.getKey()).readAll().getLong(0, "n") == 0) {
            long n = db.write(table.getKey(), FrameSource.of(table.getValue(), 100),
                WriteOptions.defaults().withCreateTable());
            out.printf("  table %-14s <- %d rows (one transaction)%n", table.getKey(), n);
          } else {
            out.printf("  table %-14s is there from an earlier run%n", table.getKey());
          }
        }
      }

      section("3. Snapshot queries with a purpose: governed, audited, content-addressed");
      AuditLog audit = AuditLog.builder().user("demo").clock(clock).inBlobStore(store, "governance");
      DatasetStore datasets = DatasetStore.builder(store).formats(DatasetFormat.PARQUET).user("demo").clock(clock)
          .auditLog(audit).build();
      JdbcConfig governed = JdbcConfig.builder("warehouse").url(url).user("sa").auditUser("demo").build();
      Snapshot irisSnap;
      Snapshot cancerSnap;
      try (JdbcSource warehouse = JdbcSource.open(governed, audit)) {
        irisSnap = datasets.snapshot("iris-train", warehouse, Query.of("SELECT * FROM iris"),
            "iris species classifier training");
        cancerSnap = datasets.snapshot("breast-cancer-train", warehouse,
            Query.of("SELECT * FROM breast_cancer WHERE mean_radius > ?", 0.0), "tumour classifier training");
      }
      for (Snapshot sn : List.of(irisSnap, cancerSnap)) {
        out.printf("  %-24s id %s...  %d rows, %s%n", sn.ref(), sn.id().substring(0, 16), sn.rows(),
            sn.files().stream().map(f -> f.format() + " " + f.size() + " bytes").toList());
      }
      out.println("  manifest of " + irisSnap.ref() + ":");
      out.println(indent(Json.toPrettyJson(Json.parseTree(irisSnap.toJson(), irisSnap.ref()))));
      out.println("  audit log (" + audit.describe() + "):");
      audit.entries().forEach(e -> out.printf("    #%d %s %s by %s: %s, %d rows, query %s...%s%n", e.seq(), e.time(),
          e.action(), e.user(), e.purpose(), e.rows(), e.queryHash().substring(0, 12),
          e.snapshotId() == null ? "" : ", snapshot " + e.snapshotId().substring(0, 12) + "..."));
      out.println("  audit chain verified: " + audit.verify().isOk());

      section("4. Read the snapshots back and verify them");
      verify(datasets, irisSnap, iris);
      verify(datasets, cancerSnap, cancer);

      section("5. Train a model, publish it to the model store, serve it");
      new ModelStoreDemo(out, clock).run(store, dir, iris, irisSnap.id());

      section("6. Preprocessing: fit a pipeline once, save it, serve it, train on it, watch for drift");
      Frame cancerBack;
      try (FrameSource in = datasets.open(cancerSnap.ref())) {
        cancerBack = in.readAll();
      }
      preprocessing = new PreprocessingDemo(out, clock).run(cancerBack, cancerSnap.id(), dir);

      section("7. Benchmark: Tribuo, the same model on ONNX Runtime, a random forest; then tune");
      ModelStore models = ModelStore.builder(store).user("demo").clock(clock).build();
      benchmark = new BenchmarkDemo(out, clock).run(preprocessing, models, dir);

      section("8. What the store holds");
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

  private void verify(DatasetStore datasets, Snapshot snap, Frame original) {
    DatasetVerifyReport report = datasets.verify(snap.ref()).throwIfFailed();
    for (DatasetFormat format : List.of(DatasetFormat.CSV_GZIP, DatasetFormat.PARQUET)) {
      Frame back;
      try (FrameSource in = datasets.open(snap, format)) {
        back = in.readAll();
      }
      boolean equal = sameValues(back, original);
      if (!equal) {
        throw new IllegalStateException(snap.ref() + ": the " + format + " file read back differs from the original");
      }
      out.printf("  %-24s <- %-8s %d rows, digests and content id verified (%d files), equal to the original: %s%n",
          snap.ref(), format, back.rowCount(), report.filesChecked(), equal);
    }
  }

  /** Equal names, types and values (the snapshot's schema carries the database's type tags; the CSV's does not). */
  static boolean sameValues(Frame a, Frame b) {
    if (a.rowCount() != b.rowCount() || !a.columnNames().equals(b.columnNames())) {
      return false;
    }
    for (int c = 0; c < a.columnCount(); c++) {
      if (a.column(c).type() != b.column(c).type() || !a.column(c).equals(b.column(c))) {
        return false;
      }
    }
    return true;
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }

  private void section(String title) {
    out.println();
    out.println("== " + title + " ==");
  }
}
