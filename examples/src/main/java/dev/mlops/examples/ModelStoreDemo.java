package dev.mlops.examples;

import dev.mlops.benchmarking.tribuo.TribuoCodec;
import dev.mlops.benchmarking.tribuo.TribuoModels;
import dev.mlops.core.BlobStore;
import dev.mlops.core.FileBlobStore;
import dev.mlops.core.Frame;
import dev.mlops.core.ImportResult;
import dev.mlops.core.LiveModel;
import dev.mlops.core.ModelMetadata;
import dev.mlops.core.ModelSigner;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.core.Sha256;
import dev.mlops.core.SignaturePolicy;
import dev.mlops.core.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The model-store part of the {@link Demo}: train a Tribuo logistic regression on the iris snapshot, publish it
 * signed with its model card, point {@code production} at it, export it as a bundle, import the bundle into a
 * second store that trusts only the demo's key (an offline, self-managed site), verify it there, and serve it
 * through a {@link LiveModel}.
 */
final class ModelStoreDemo {
  static final String MODEL = "iris-classifier";
  static final List<String> FEATURES = List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm",
      "petal_width_cm");

  /** What the demo published and checked. */
  record Result(ModelVersion version, double accuracy, List<String> predictions, Path bundle, ImportResult imported) {}

  private final PrintStream out;
  private final Clock clock;

  ModelStoreDemo(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  Result run(BlobStore blobs, Path dir, Frame iris, String snapshotId) throws IOException {
    List<Example<Label>> train = new ArrayList<>();
    List<Example<Label>> test = new ArrayList<>();
    for (int i = 0; i < iris.rowCount(); i++) {
      (i % 5 == 0 ? test : train).add(example(iris, i));
    }
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> trainSet = new MutableDataset<>(new ListDataSource<>(train, labels,
        new SimpleDataSourceProvenance("iris snapshot " + snapshotId.substring(0, 12) + " (4 of 5 rows)", labels)));
    MutableDataset<Label> testSet = new MutableDataset<>(new ListDataSource<>(test, labels,
        new SimpleDataSourceProvenance("iris snapshot " + snapshotId.substring(0, 12) + " (every 5th row)", labels)));
    Model<Label> model = new LogisticRegressionTrainer().train(trainSet);
    double accuracy = new LabelEvaluator().evaluate(model, testSet).accuracy();
    out.printf("  trained %s on %d rows; accuracy on %d held-out rows: %.3f%n",
        model.getClass().getSimpleName(), train.size(), test.size(), accuracy);

    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path privateKey = keys.resolve("demo-signer.key");
    if (!Files.exists(privateKey)) {
      ModelSigner.generate("demo-signer").writePem(privateKey, keys.resolve("demo-signer.pub"));
    }
    ModelSigner signer = ModelSigner.fromPemFile("demo-signer", privateKey);
    ModelStore store = ModelStore.builder(blobs).user("demo").clock(clock).signer(signer).build();
    ModelMetadata meta = ModelMetadata.builder()
        .params(TribuoModels.parameters(model))
        .metric("accuracy", accuracy)
        .tag("dataset", "iris")
        .description("Iris species from four flower measurements (Tribuo logistic regression)")
        .creator("mlops-examples demo")
        .createdAt(clock.instant())
        .dataset(snapshotId)
        .license("CC-BY-4.0 (the iris data); the model: Apache-2.0")
        .intendedUse("demonstrating the model store")
        .limitations("trained on 120 flowers of three species; not for real botany")
        .build();
    ModelVersion v = store.publish(MODEL, model, TribuoCodec.classification(), meta);
    out.println("  published " + v);
    v.files().forEach(f -> out.printf("    %-10s %8d bytes  sha256 %s...%n", f.path(), f.size(),
        f.sha256().substring(0, 12)));
    store.setAlias(MODEL, "production", v.version(), "demo: accuracy " + String.format("%.3f", accuracy));
    out.println("  production -> " + store.byAlias(MODEL, "production").ref() + "; history: "
        + store.aliasHistory(MODEL, "production").size() + " move(s)");
    out.println("  verify: " + (store.verify(MODEL, v.version()).throwIfFailed().isOk() ? "every file re-hashed, ok" : ""));

    Path bundle = dir.resolve("bundles").resolve(MODEL + "-" + v.version() + ".zip");
    Files.createDirectories(bundle.getParent());
    store.exportBundle(v, bundle);
    Path again = Files.createTempFile(bundle.getParent(), "again-", ".zip");
    try {
      store.exportBundle(v, again);
      out.printf("  exported %s to %s: %d bytes, sha256 %s...; exported again: %s%n", v.ref(), dir.relativize(bundle),
          Files.size(bundle), Sha256.of(bundle).substring(0, 12), Sha256.of(again).equals(Sha256.of(bundle))
              ? "byte for byte the same" : "DIFFERENT");
    } finally {
      Files.delete(again);
    }

    List<String> predictions = new ArrayList<>();
    ImportResult imported;
    try (BlobStore siteBlobs = FileBlobStore.open(dir.resolve("offline-site"))) {
      TrustStore trusted = TrustStore.fromDirectory(keys);
      ModelStore site = ModelStore.builder(siteBlobs).user("site-admin").clock(clock)
          .signaturePolicy(SignaturePolicy.require(trusted)).build();
      imported = site.importBundle(bundle);
      out.println("  offline site: import " + imported.outcome() + " " + imported.version().ref() + " ("
          + imported.blobsWritten() + " blob(s) written), signature " + site.verify(MODEL, v.version()).signature()
          + ", trusting " + trusted.keyIds());
      site.setAlias(MODEL, "production", imported.version().version(), "installed from bundle");
      try (LiveModel<Model<Label>> live = LiveModel.builder(site, MODEL, "production", TribuoCodec.classification())
          .clock(clock).manual().start()) {
        for (int i = 0; i < 3; i++) {
          Example<Label> e = test.get(i * 10);
          String predicted = live.get().predict(e).getOutput().getLabel();
          String expected = model.predict(e).getOutput().getLabel();
          if (!predicted.equals(expected)) {
            throw new IllegalStateException("the installed model predicts " + predicted + " where the trained one says "
                + expected);
          }
          predictions.add(predicted);
          out.printf("  live %s at the site predicts %-10s (true: %s)%n", live.version().ref(), predicted,
              e.getOutput().getLabel());
        }
      }
    }
    return new Result(v, accuracy, predictions, bundle, imported);
  }

  static Example<Label> example(Frame iris, int row) {
    double[] values = new double[FEATURES.size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = iris.doubles(FEATURES.get(j)).getDouble(row);
    }
    return new ArrayExample<>(new Label(iris.strings("target").get(row)), FEATURES.toArray(new String[0]), values);
  }
}
