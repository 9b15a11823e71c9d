package dev.mlops.benchmarking.onnx;

import static dev.mlops.benchmarking.tribuo.IrisModels.IRIS;
import static dev.mlops.benchmarking.tribuo.IrisModels.LIBLINEAR;
import static dev.mlops.benchmarking.tribuo.IrisModels.LINEAR;
import static dev.mlops.benchmarking.tribuo.IrisModels.LOGISTIC;
import static dev.mlops.benchmarking.tribuo.IrisModels.PETAL_WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.benchmarking.Loaded;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictors;
import dev.mlops.benchmarking.Task;
import dev.mlops.benchmarking.tribuo.IrisModels;
import dev.mlops.benchmarking.tribuo.TribuoPredictor;
import dev.mlops.core.Matrix;
import dev.mlops.core.MlopsException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ONNXExportable;

class OnnxPredictorTest {
  @TempDir static Path dir;

  static Path logistic;
  static Path liblinear;
  static Path linear;
  static TribuoPredictor tribuoLogistic;

  @BeforeAll
  static void export() throws IOException {
    logistic = dir.resolve("logistic.onnx");
    ((ONNXExportable) LOGISTIC).saveONNXModel("dev.mlops.test", 1, logistic);
    liblinear = dir.resolve("liblinear.onnx");
    ((ONNXExportable) LIBLINEAR).saveONNXModel("dev.mlops.test", 1, liblinear);
    linear = dir.resolve("linear.onnx");
    ((ONNXExportable) LINEAR).saveONNXModel("dev.mlops.test", 1, linear);
    tribuoLogistic = TribuoPredictor.classifier("tribuo", LOGISTIC);
  }

  static OnnxOptions logisticOptions() {
    return OnnxOptions.classifier("onnx", TribuoPredictor.outputOrder(LOGISTIC))
        .withFeatureNames(tribuoLogistic.featureNames());
  }

  /** Same predicted labels on every row, probabilities within 1e-5 (the export runs in float). */
  static void assertSameAsTribuo(Predictions tribuo, Predictions onnx, boolean probabilities) {
    assertEquals(tribuo.size(), onnx.size());
    for (int r = 0; r < tribuo.size(); r++) {
      assertEquals(tribuo.label(r), onnx.label(r), "row " + r);
      if (probabilities) {
        for (int k = 0; k < tribuo.labels().size(); k++) {
          int j = onnx.labels().indexOf(tribuo.labels().get(k));
          assertEquals(tribuo.probability(r, k), onnx.probability(r, j), 1e-5, "row " + r + " " + tribuo.labels().get(k));
        }
      }
    }
  }

  @Test
  void aTribuoLogisticRegressionExportPredictsTheSameClassesAndProbabilities() {
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions())) {
      assertEquals(Task.CLASSIFICATION, onnx.task());
      assertEquals("ONNX Runtime", onnx.framework().name());
      assertEquals("1.20.0", onnx.framework().version());
      Predictions o = onnx.predict(IRIS.features());   // columns in the file's order, matched by name
      assertTrue(o.hasProbabilities());
      assertSameAsTribuo(tribuoLogistic.predict(IRIS.features()), o, true);
      assertEquals(o, onnx.predict(IrisModels.reorderedWithNoise(IRIS.features(), 2, 0, 3, 1)));
    }
  }

  @Test
  void theTribuoExportHasOneInputAndOneOutput() {
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions())) {
      OnnxOptions found = onnx.options();
      assertEquals("input", found.input());
      assertEquals("output", found.probabilitiesOutput());
      assertEquals(null, found.labelOutput());
    }
    try (OnnxPredictor onnx = OnnxPredictor.open(linear, OnnxOptions.regressor("r"))) {
      assertEquals("input", onnx.options().input());
      assertEquals("output", onnx.options().valueOutput());
    }
  }

  @Test
  void withoutFeatureNamesTheMatrixIsTakenInTheModelsColumnOrder() {
    Matrix sorted = IrisModels.reorderedWithNoise(IRIS.features(), 2, 3, 0, 1);
    Matrix x = new Matrix(sorted.rows(), 4, stripLast(sorted), sorted.names().subList(0, 4));
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, OnnxOptions.classifier("onnx",
        TribuoPredictor.outputOrder(LOGISTIC)))) {
      assertEquals(List.of(), onnx.featureNames());
      assertSameAsTribuo(tribuoLogistic.predict(IRIS.features()), onnx.predict(x), true);
    }
  }

  private static double[] stripLast(Matrix m) {
    double[] out = new double[m.rows() * (m.cols() - 1)];
    for (int r = 0; r < m.rows(); r++) {
      System.arraycopy(m.data(), r * m.cols(), out, r * (m.cols() - 1), m.cols() - 1);
    }
    return out;
  }

  @Test
  void aTribuoLinearRegressionExportPredictsTheSameValues() {
    TribuoPredictor tribuo = TribuoPredictor.regressor("tribuo", LINEAR);
    try (OnnxPredictor onnx = OnnxPredictor.open(linear, OnnxOptions.regressor("onnx")
        .withFeatureNames(tribuo.featureNames()))) {
      double[] want = tribuo.predict(PETAL_WIDTH.features()).values();
      double[] got = onnx.predict(PETAL_WIDTH.features()).values();
      assertArrayEquals(want, got, 1e-5);
    }
  }

  @Test
  void scoresOfAModelWithoutProbabilitiesGiveClassesOnly() {
    TribuoPredictor tribuo = TribuoPredictor.classifier("tribuo", LIBLINEAR);
    try (OnnxPredictor onnx = OnnxPredictor.open(liblinear, OnnxOptions.classifier("onnx",
        TribuoPredictor.outputOrder(LIBLINEAR)).withFeatureNames(tribuo.featureNames()).withScores())) {
      Predictions o = onnx.predict(IRIS.features());
      assertFalse(o.hasProbabilities());
      assertThrows(ValidationException.class, () -> o.probability(0, 0));
      assertSameAsTribuo(tribuo.predict(IRIS.features()), o, false);
    }
  }

  @Test
  void sizeIsTheFileSize() throws IOException {
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions())) {
      assertEquals(Files.size(logistic), onnx.sizeBytes().orElseThrow());
    }
  }

  @Test
  void aWrongWidthNamesExpectedAndActual() {
    Matrix three = PETAL_WIDTH.features();
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, OnnxOptions.classifier("iris",
        TribuoPredictor.outputOrder(LOGISTIC)))) {
      ValidationException e = assertThrows(ValidationException.class, () -> onnx.predict(three));
      assertTrue(e.getMessage().contains("takes 4 features; the matrix has 3 columns"), e.getMessage());
      assertTrue(e.getMessage().contains("'iris'"), e.getMessage());
    }
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions())) {
      ValidationException e = assertThrows(ValidationException.class, () -> onnx.predict(three));
      assertTrue(e.getMessage().contains("[petal_width_cm]"), e.getMessage());
    }
    ValidationException e = assertThrows(ValidationException.class, () -> OnnxPredictor.open(logistic,
        OnnxOptions.classifier("iris", TribuoPredictor.outputOrder(LOGISTIC)).withFeatureNames(three.names())));
    assertTrue(e.getMessage().contains("takes 4 features but the options name 3"), e.getMessage());
  }

  @Test
  void aMissingFileIsNotFound() {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> OnnxPredictor.open(dir.resolve("nope.onnx"), logisticOptions()));
    assertTrue(e.getMessage().contains("nope.onnx"), e.getMessage());
  }

  @Test
  void aFileThatIsNotAModelIsRejected() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    ValidationException e = assertThrows(ValidationException.class, () -> OnnxPredictor.open(junk, logisticOptions()));
    assertTrue(e.getMessage().contains("cannot load"), e.getMessage());
  }

  @Test
  void outputsThatDoNotFitAreErrorsListingTheOutputs() {
    ValidationException asked = assertThrows(ValidationException.class,
        () -> OnnxPredictor.open(logistic, logisticOptions().withProbabilitiesOutput("probabilities")));
    assertTrue(asked.getMessage().contains("no output 'probabilities'"), asked.getMessage());
    assertTrue(asked.getMessage().contains("'output' FLOAT [-1, 3]"), asked.getMessage());
    ValidationException regressorAsClassifier = assertThrows(ValidationException.class,
        () -> OnnxPredictor.open(linear, OnnxOptions.classifier("r", List.of("a", "b", "c"))));
    assertTrue(regressorAsClassifier.getMessage().contains("no output of class probabilities"),
        regressorAsClassifier.getMessage());
    ValidationException input = assertThrows(ValidationException.class,
        () -> OnnxPredictor.open(logistic, logisticOptions().withInput("x")));
    assertTrue(input.getMessage().contains("no input 'x'; its inputs are ['input' FLOAT [-1, 4]]"),
        input.getMessage());
  }

  @Test
  void badOptionsAreRejected() {
    assertThrows(ValidationException.class, () -> OnnxOptions.classifier("c", List.of()));
    assertThrows(ValidationException.class, () -> OnnxOptions.classifier("c", List.of("a", "a")));
    assertThrows(ValidationException.class, () -> OnnxOptions.regressor("r").withThreads(-1));
    assertThrows(ValidationException.class, () -> OnnxOptions.classifier("c", List.of("a")).withValueOutput("v"));
    assertThrows(ValidationException.class, () -> OnnxOptions.regressor(" "));
  }

  @Test
  void closeReleasesTheSessionAndPredictingAfterIsAnError() {
    OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions().withThreads(1));
    assertEquals(150, onnx.predict(IRIS.features()).size());
    onnx.close();
    MlopsException e = assertThrows(MlopsException.class, () -> onnx.predict(IRIS.features()));
    assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    onnx.close();
  }

  @Test
  void predictsFromSeveralThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (OnnxPredictor onnx = OnnxPredictor.open(logistic, logisticOptions())) {
      Predictions one = onnx.predict(IRIS.features());
      List<Future<Predictions>> runs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        runs.add(pool.submit(() -> onnx.predict(IRIS.features())));
      }
      for (Future<Predictions> f : runs) {
        assertEquals(one, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loadingTimesTheLoadAndTheFirstPrediction() {
    try (Loaded<OnnxPredictor> loaded = Predictors.load("onnx", () -> OnnxPredictor.open(logistic, logisticOptions()),
        IRIS.features())) {
      assertTrue(loaded.stats().load().toNanos() > 0);
      assertTrue(loaded.stats().firstPrediction().toNanos() > 0);
      assertEquals(loaded.predictor().sizeBytes(), loaded.stats().sizeBytes());
      assertEquals(150, loaded.predictor().predict(IRIS.features()).size());
    }
  }
}
