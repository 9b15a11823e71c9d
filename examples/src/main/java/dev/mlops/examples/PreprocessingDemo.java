package dev.mlops.examples;

import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Matrix;
import dev.mlops.preprocessing.Columns;
import dev.mlops.preprocessing.DriftReport;
import dev.mlops.preprocessing.DriftStatus;
import dev.mlops.preprocessing.FittedPipeline;
import dev.mlops.preprocessing.Pipeline;
import dev.mlops.preprocessing.steps.Expression;
import dev.mlops.preprocessing.steps.Impute;
import dev.mlops.preprocessing.steps.Log1p;
import dev.mlops.preprocessing.steps.StandardScale;
import dev.mlops.preprocessing.tribuo.TribuoDatasets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;

/**
 * The demo's preprocessing part: fit a pipeline on the breast-cancer training split (it names the snapshot it was
 * fitted on by content hash), save and reload it, transform, train a Tribuo model on the output, check the serving
 * path gives the same numbers, and report drift against a shifted copy of the data.
 */
final class PreprocessingDemo {
  /** The features the demo shifts to show a drift alert. */
  static final List<String> SHIFTED = List.of("mean_radius", "worst_area");

  private final PrintStream out;
  private final Clock clock;

  PreprocessingDemo(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** What the demo found, for its test. */
  record Result(FittedPipeline fitted, double testAccuracy, DriftReport unshifted, DriftReport shifted, Path saved,
      Frame train, Frame test, Model<Label> model) {}

  Result run(Frame cancer, String snapshotId, Path dir) throws java.io.IOException {
    Pipeline pipeline = Pipeline.builder().clock(clock)
        .step("impute", Columns.numeric(), Impute.median())
        .step("ratio", Columns.names("worst_area", "mean_area"),
            Expression.of("area_growth", "worst_area / mean_area").withKeepInputs(true))
        .step("log", Columns.matching(".*_area.*|area_growth"), Log1p.of())
        .step("scale", Columns.numeric(), StandardScale.of())
        .build();
    out.println("  spec (JSON, as a file would hold it):");
    out.println(pipeline.toJson().indent(4));

    // A seeded 80/20 split: the pipeline and the model see only the training rows.
    int[] order = IntStream.range(0, cancer.rowCount()).toArray();
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int cut = order.length * 4 / 5;
    Frame train = cancer.take(java.util.Arrays.copyOfRange(order, 0, cut));
    Frame test = cancer.take(java.util.Arrays.copyOfRange(order, cut, order.length));

    FittedPipeline whole = pipeline.fit(cancer);
    out.printf("  fitted on all %d rows: training data %s... %s the snapshot's content id%n",
        whole.trainingData().rows(), whole.trainingData().sha256().substring(0, 16),
        whole.trainingData().sha256().equals(snapshotId) ? "equals" : "DIFFERS FROM");

    FittedPipeline fitted = pipeline.fit(train);
    Path saved = dir.resolve("pipelines/breast-cancer.json");
    fitted.save(saved);
    FittedPipeline reloaded = FittedPipeline.load(saved);
    Matrix a = fitted.toMatrix(test);
    Matrix b = reloaded.toMatrix(test);
    out.printf("  fitted on the %d training rows, saved (%d bytes, %s), reloaded: %d outputs, identical output: %s%n",
        train.rowCount(), Files.size(saved), dir.relativize(saved), reloaded.outputNames().size(), a.equals(b));
    out.println("  lineage: area_growth <- " + reloaded.lineage().get("area_growth") + ", mean_radius <- "
        + reloaded.lineage().get("mean_radius") + "; target is not a feature (STRING, remainder dropped)");
    out.println(reloaded.transform(test).select("mean_radius", "mean_area", "worst_area", "area_growth").head(3)
        .toString().indent(2));

    MutableDataset<Label> trainSet = TribuoDatasets.classification(reloaded, train, "target");
    MutableDataset<Label> testSet = TribuoDatasets.classification(reloaded, test, "target");
    Model<Label> model = new LogisticRegressionTrainer().train(trainSet);
    LabelEvaluation eval = new LabelEvaluator().evaluate(model, testSet);
    out.printf("  Tribuo logistic regression on the pipeline's %d features: held-out accuracy %.3f (%d rows)%n",
        trainSet.getFeatureMap().size(), eval.accuracy(), testSet.size());
    out.println("  dataset provenance: " + trainSet.getProvenance().getSourceProvenance().toString().lines()
        .findFirst().orElse("").strip());

    Map<String, Object> record = new HashMap<>();
    for (Field f : test.schema().fields()) {
      record.put(f.name(), test.get(0, f.name()));
    }
    double[] served = reloaded.transformRecord(record);
    out.println("  one record through the serving path equals the batch row bit for bit: "
        + java.util.Arrays.equals(served, b.row(0)));

    // PSI over 10 bins reads about 9/n on n rows of undrifted data, so compare a few hundred rows, not a handful.
    DriftReport same = reloaded.drift(cancer);
    DriftReport shifted = reloaded.drift(shift(cancer));
    out.printf("  drift of all %d rows vs the training profile: %s (%d of %d features alerting)%n", cancer.rowCount(),
        same.status(), same.withStatus(DriftStatus.ALERT).size(), same.features().size());
    out.println("  drift of a copy with " + SHIFTED + " scaled by 1.3: " + shifted.status()
        + (shifted.shouldRetrain() ? ", retraining advised" : ""));
    out.println(shifted.toTable().lines().filter(l -> !l.contains(" OK ")).reduce((x, y) -> x + "\n" + y).orElse("")
        .indent(4));
    return new Result(reloaded, eval.accuracy(), same, shifted, saved, train, test, model);
  }

  static Frame shift(Frame f) {
    Frame out = f;
    for (String c : SHIFTED) {
      double[] v = f.doubles(c).toArray();
      for (int i = 0; i < v.length; i++) {
        v[i] *= 1.3;
      }
      out = out.withColumn(f.schema().field(c), DoubleColumn.of(v));
    }
    return out;
  }
}
