package dev.mlops.examples;

import dev.mlops.benchmarking.Benchmark;
import dev.mlops.benchmarking.BenchmarkReport;
import dev.mlops.benchmarking.BenchmarkHistory;
import dev.mlops.benchmarking.ClassificationMetrics;
import dev.mlops.benchmarking.CompareOptions;
import dev.mlops.benchmarking.Comparison;
import dev.mlops.benchmarking.CrossValidation;
import dev.mlops.benchmarking.Direction;
import dev.mlops.benchmarking.LabeledData;
import dev.mlops.benchmarking.PerformanceResult;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.RunOptions;
import dev.mlops.benchmarking.Sampler;
import dev.mlops.benchmarking.Scenario;
import dev.mlops.benchmarking.SearchSpace;
import dev.mlops.benchmarking.Study;
import dev.mlops.benchmarking.Tuner;
import dev.mlops.benchmarking.TunerResults;
import dev.mlops.benchmarking.onnx.OnnxOptions;
import dev.mlops.benchmarking.onnx.OnnxPredictor;
import dev.mlops.benchmarking.tribuo.TribuoCodec;
import dev.mlops.benchmarking.tribuo.TribuoData;
import dev.mlops.benchmarking.tribuo.TribuoPredictor;
import dev.mlops.core.Frame;
import dev.mlops.core.Matrix;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import dev.mlops.preprocessing.FittedPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.optimisers.SGD;

/**
 * The demo's benchmarking part: the preprocessing part's logistic regression, the same model exported to ONNX and
 * served by ONNX Runtime, and a random forest, measured on the same held-out rows (accuracy with intervals, paired
 * tests, latency and throughput); then a short hyper-parameter search published to the model store.
 */
final class BenchmarkDemo {
  private final PrintStream out;
  private final Clock clock;

  BenchmarkDemo(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** What the demo found, for its test. */
  record Result(BenchmarkReport report, Study study, ModelVersion tuned, Path onnx, Comparison gate) {}

  Result run(PreprocessingDemo.Result pre, ModelStore store, Path dir) throws IOException {
    FittedPipeline fitted = pre.fitted();
    LabeledData train = labeled("breast-cancer-train", fitted, pre.train());
    LabeledData test = labeled("breast-cancer-test", fitted, pre.test());
    Model<Label> lr = pre.model();
    Model<Label> forest = new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.5f, 11), new VotingCombiner(),
        25, 11).train(TribuoData.classification(train));
    Path onnx = dir.resolve("models/breast-cancer-lr.onnx");
    Files.createDirectories(onnx.getParent());
    ((ONNXExportable) lr).saveONNXModel("dev.mlops.demo", 1, onnx);
    List<String> tribuoFeatures = TribuoPredictor.classifier("probe", lr).featureNames();
    out.printf("  exported the logistic regression to ONNX: %s (%d bytes)%n", dir.relativize(onnx), Files.size(onnx));

    RunOptions quick = RunOptions.builder().warmupWindow(Duration.ofMillis(100)).maxWarmup(Duration.ofSeconds(1))
        .minDuration(Duration.ofMillis(300)).minQueries(500).build();
    Benchmark benchmark = Benchmark.builder("breast-cancer")
        .data(test)
        .predictor("tribuo-lr", () -> TribuoPredictor.classifier("tribuo-lr", lr))
        .predictor("onnx-lr", () -> OnnxPredictor.open(onnx, OnnxOptions.classifier("onnx-lr",
            TribuoPredictor.outputOrder(lr)).withFeatureNames(tribuoFeatures)))
        .predictor("tribuo-forest", () -> TribuoPredictor.classifier("tribuo-forest", forest))
        .scenarios(Scenario.singleStream(), Scenario.offline(1, 16, test.size()))
        .runOptions(quick).bootstrap(500, 0.95).seed(7).clock(clock).build();
    BenchmarkReport report = benchmark.run();

    out.printf("  %-14s %-22s %-24s %-24s %10s %10s %12s%n", "predictor", "framework", "accuracy [95% CI]",
        "roc_auc [95% CI]", "p50 us", "p99 us", "rows/s");
    for (BenchmarkReport.PredictorResult p : report.predictors()) {
      PerformanceResult single = p.performance(Scenario.SingleStream.class);
      PerformanceResult offline = p.performance(Scenario.Offline.class);
      out.printf(Locale.ROOT, "  %-14s %-22s %-24s %-24s %10.1f %10.1f %12.0f%n", p.name(), p.framework(),
          interval(p.metrics().get("accuracy")), interval(p.metrics().get("roc_auc")), single.latency().p50() / 1e3,
          single.latency().p99() / 1e3, offline.rowsPerSecond());
    }
    for (BenchmarkReport.PairResult c : report.comparisons()) {
      out.printf(Locale.ROOT, "  %s vs %s: McNemar p = %.3g (%d vs %d discordant), accuracy difference %+.3f [%.3f, %.3f]%n",
          c.a(), c.b(), c.mcNemar().pValue(), c.mcNemar().b(), c.mcNemar().c(), c.differences().get(0).estimate(),
          c.differences().get(0).lower(), c.differences().get(0).upper());
    }
    boolean same = Arrays.equals(report.predictor("tribuo-lr").predictions().classes(),
        labelsAsIn(report.predictor("onnx-lr"), report.predictor("tribuo-lr").predictions().labels()));
    out.println("  Tribuo and ONNX Runtime predict the same class for every held-out row: " + same);
    Path json = dir.resolve("benchmarks/breast-cancer.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, report.toJson());
    Path html = dir.resolve("benchmarks/breast-cancer.html");
    Files.writeString(html, report.toHtml());
    Files.writeString(dir.resolve("benchmarks/breast-cancer.md"), report.toMarkdown());
    out.printf("  report: %s (%d bytes; per-sample predictions, raw latency histograms, environment), %s (charts),"
        + " breast-cancer.md%n", dir.relativize(json), Files.size(json), dir.relativize(html));
    ModelVersion lrVersion = store.publish("breast-cancer-lr", lr, TribuoCodec.classification(),
        dev.mlops.core.ModelMetadata.builder().description("logistic regression on the preprocessing pipeline's output")
            .build());
    report.attachTo(store, lrVersion.name(), lrVersion.version());
    out.println("  attached to " + lrVersion.ref() + ": " + store.get(lrVersion.name(), lrVersion.version())
        .tags().entrySet().stream().filter(t -> t.getKey().startsWith("benchmark.breast-cancer.tribuo-lr."))
        .map(t -> t.getKey().substring("benchmark.breast-cancer.".length()) + "=" + shorten(t.getValue())).toList());

    // History and the regression gate: the first run becomes the baseline; later runs are compared with it.
    BenchmarkHistory history = BenchmarkHistory.open(store.blobs(), "benchmark-history", clock);
    if (history.baseline("breast-cancer").isEmpty()) {
      BenchmarkHistory.Entry first = history.record(report);
      history.setBaseline("breast-cancer", first.sequence(), "first demo run", "demo");
      out.println("  recorded as run " + first.sequence() + " and set as the baseline; measuring again, as a new build"
          + " would be measured");
      report = benchmark.run();
    }
    BenchmarkHistory.Entry current = history.record(report);
    Comparison gate = Comparison.compare(report, history.baseline("breast-cancer").orElseThrow().report(),
        CompareOptions.builder().latencyThreshold(0.5).build());
    out.printf("  run %d vs baseline run %d: %s%n", current.sequence(),
        history.baselineRef("breast-cancer").orElseThrow().sequence(), gate.verdict());
    out.println(gate.toString().indent(4));

    // A short search: epochs and learning rate of a logistic regression, 3-fold stratified cross-validation.
    SearchSpace space = SearchSpace.builder().intRange("epochs", 1, 15).logReal("learning_rate", 0.01, 1.0).build();
    Study study = Tuner.study(space, Sampler.tpe(), Direction.MAXIMIZE, 7);
    Tuner.optimize(study, 12, 2, CrossValidation.objective(train, 3, 7, true, BenchmarkDemo::trainLogistic,
        (data, predictions) -> ClassificationMetrics.of(data, predictions).accuracy()));
    out.println(study.table().indent(2));
    Predictor best = trainLogistic(train, study.best().params());
    @SuppressWarnings("unchecked")
    Model<Label> bestModel = (Model<Label>) ((TribuoPredictor) best).model();
    ModelVersion tuned = store.publish("breast-cancer-lr-tuned", bestModel, TribuoCodec.classification(),
        TunerResults.metadata(study).build());
    out.printf("  best trial %d (cross-validated accuracy %.3f) published as %s with its parameters %s%n",
        study.best().number(), study.best().value(), tuned.ref(), tuned.metadata().parameters());
    return new Result(report, study, tuned, onnx, gate);
  }

  /** The classes of {@code p} mapped to {@code labels}' indexes (the ONNX predictor keeps the model's label order). */
  private static int[] labelsAsIn(BenchmarkReport.PredictorResult p, List<String> labels) {
    int[] c = p.predictions().classes();
    int[] out = new int[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = labels.indexOf(p.predictions().labels().get(c[i]));
    }
    return out;
  }

  private static String shorten(String number) {
    try {
      return String.format(Locale.ROOT, "%.4g", Double.parseDouble(number));
    } catch (NumberFormatException e) {
      return number;
    }
  }

  private static String interval(BenchmarkReport.MetricValue v) {
    return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v.estimate(), v.lower(), v.upper());
  }

  static Predictor trainLogistic(LabeledData train, dev.mlops.benchmarking.Params params) {
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(params.getDouble("learning_rate")),
        params.getInt("epochs"), 7);
    return TribuoPredictor.classifier("lr", trainer.train(TribuoData.classification(train)));
  }

  /** Pipeline output plus the label column as benchmark data. */
  static LabeledData labeled(String name, FittedPipeline fitted, Frame frame) {
    Matrix x = fitted.toMatrix(frame);
    List<String> y = new ArrayList<>();
    for (int r = 0; r < frame.rowCount(); r++) {
      y.add(frame.getString(r, "target"));
    }
    return LabeledData.classification(name, x, y);
  }
}
