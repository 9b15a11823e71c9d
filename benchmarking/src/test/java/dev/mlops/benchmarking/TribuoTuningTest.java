package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.benchmarking.tribuo.TribuoData;
import dev.mlops.benchmarking.tribuo.TribuoPredictor;
import dev.mlops.core.Csv;
import dev.mlops.core.MemoryBlobStore;
import dev.mlops.core.ModelStore;
import dev.mlops.core.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.SGD;

/** Tunes a real Tribuo logistic regression on iris by stratified 3-fold CV and publishes the best. */
class TribuoTuningTest {
  static final Path IRIS = Path.of("../preprocessing/src/test/resources/sklearn/iris.csv");

  /** Logistic regression (LogisticRegressionTrainer's objective) with the tuned epochs and learning rate. */
  static Model<Label> train(LabeledData data, Params p) {
    return new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(p.getDouble("learningRate")),
        p.getInt("epochs"), 1L).train(TribuoData.classification(data));
  }

  @Test
  void tuningALogisticRegressionImprovesOnTheWorstTrialAndPublishesTheBest() throws IOException {
    LabeledData iris = LabeledData.fromFrame("iris", Csv.read(IRIS), "target");
    assertEquals(150, iris.size());
    SearchSpace space = SearchSpace.builder().intRange("epochs", 1, 20).logReal("learningRate", 1e-5, 0.5).build();
    Study study = Tuner.builder(space).sampler(Sampler.tpe(6, 0.25, 24)).direction(Direction.MAXIMIZE).seed(7)
        .objectiveName("accuracy").build();
    Tuner.optimize(study, 16, 1, CrossValidation.objective(iris, 3, 42, true,
        (train, p) -> TribuoPredictor.classifier("tribuo-logistic", train(train, p)), CrossValidationTest.ACCURACY));

    TrialResult best = study.best();
    double worst = study.trials().stream().filter(TrialResult::isComplete).mapToDouble(TrialResult::value).min()
        .orElseThrow();
    assertEquals(16, study.trials().stream().filter(TrialResult::isComplete).count(), study.table());
    assertTrue(best.value() >= 0.85, study.table());
    assertTrue(best.value() > worst + 0.1, "best " + best.value() + " vs worst " + worst + "\n" + study.table());

    Model<Label> model = train(iris, best.params());
    byte[] bytes = model.serialize().toByteArray();
    ModelStore store = ModelStore.open(MemoryBlobStore.create());
    ModelVersion v = TunerResults.publishBest(store, "iris-logistic", "model.pb", bytes, study);

    assertEquals(1, v.version());
    ModelVersion stored = store.latest("iris-logistic");
    assertEquals(Map.of("epochs", best.params().getString("epochs"),
        "learningRate", best.params().getString("learningRate")), stored.metadata().parameters());
    assertEquals(Map.of("accuracy", best.value()), stored.metadata().metrics());
    assertEquals(Integer.toString(best.number()), stored.metadata().tags().get("tuner.trial"));
    assertEquals("16", stored.metadata().tags().get("tuner.trials"));
    try (InputStream in = store.open(stored, "model.pb")) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    assertEquals(best.params().getDouble("learningRate"),
        Double.parseDouble(stored.metadata().parameters().get("learningRate")), "parameters keep every digit");
  }

  @Test
  void publishesAModelFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Study study = Tuner.study(SearchSpace.builder().categorical("kernel", "rbf", "linear").build(), Sampler.grid(),
        Direction.MINIMIZE, 0);
    Tuner.optimize(study, 2, 1, p -> p.getString("kernel").equals("rbf") ? 0.2 : 0.3);
    Path file = java.nio.file.Files.write(dir.resolve("svm.bin"), new byte[] {1, 2, 3});
    ModelStore store = ModelStore.open(MemoryBlobStore.create());
    ModelVersion v = TunerResults.publishBest(store, "svm", file, study);
    assertEquals(List.of("svm.bin"), v.files().stream().map(f -> f.path()).toList());
    assertEquals(Map.of("kernel", "rbf"), v.metadata().parameters());
    assertEquals(Map.of("objective", 0.2), v.metadata().metrics());
    assertEquals("minimize", v.metadata().tags().get("tuner.direction"));
  }
}
