package dev.mlops.benchmarking.tribuo;

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

import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Task;
import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

class TribuoPredictorTest {

  @Test
  void aClassifierGivesTheModelsLabelsAndProbabilities() {
    TribuoPredictor p = TribuoPredictor.classifier("logistic", LOGISTIC);
    assertEquals(Task.CLASSIFICATION, p.task());
    assertEquals(List.of("setosa", "versicolor", "virginica"), p.labels());
    assertEquals("Tribuo", p.framework().name());
    assertEquals("4.3.2", p.framework().version());
    assertTrue(p.threadSafe());
    Predictions out = p.predict(IRIS.features());
    List<Prediction<Label>> expected = LOGISTIC.predict(IrisModels.classes());
    assertEquals(150, out.size());
    assertTrue(out.hasProbabilities());
    for (int r = 0; r < 150; r++) {
      assertEquals(expected.get(r).getOutput().getLabel(), out.label(r), "row " + r);
      Map<String, Label> scores = expected.get(r).getOutputScores();
      for (int k = 0; k < 3; k++) {
        assertEquals(scores.get(p.labels().get(k)).getScore(), out.probability(r, k), "row " + r + " class " + k);
      }
    }
  }

  @Test
  void featuresAreTheModelsInIdOrderAndColumnsAreMatchedByName() {
    TribuoPredictor p = TribuoPredictor.classifier("logistic", LOGISTIC);
    assertEquals(List.of("petal_length_cm", "petal_width_cm", "sepal_length_cm", "sepal_width_cm"), p.featureNames());
    Predictions plain = p.predict(IRIS.features());
    Predictions shuffled = p.predict(IrisModels.reorderedWithNoise(IRIS.features(), 3, 1, 0, 2));
    assertEquals(plain, shuffled);
  }

  @Test
  void aMissingFeatureIsAnErrorListingThem() {
    TribuoPredictor p = TribuoPredictor.classifier("logistic", LOGISTIC);
    ValidationException e = assertThrows(ValidationException.class,
        () -> p.predict(IrisModels.reorderedWithNoise(IRIS.features(), 0, 2)));
    assertTrue(e.getMessage().contains("[petal_width_cm, sepal_width_cm]"), e.getMessage());
    assertTrue(e.getMessage().contains("'logistic'"), e.getMessage());
  }

  @Test
  void aNanFeatureIsAnErrorNamingRowAndColumn() {
    double[] data = IRIS.features().data().clone();
    data[7 * 4 + 2] = Double.NaN;
    Matrix x = new Matrix(150, 4, data, IRIS.features().names());
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoPredictor.classifier("logistic", LOGISTIC).predict(x));
    assertTrue(e.getMessage().contains("'petal_length_cm' is NaN at row 7"), e.getMessage());
  }

  @Test
  void aClassifierWithoutProbabilitiesGivesClassesOnly() {
    Predictions out = TribuoPredictor.classifier("liblinear", LIBLINEAR).predict(IRIS.features());
    assertFalse(out.hasProbabilities());
    List<Prediction<Label>> expected = LIBLINEAR.predict(IrisModels.classes());
    for (int r = 0; r < 150; r++) {
      assertEquals(expected.get(r).getOutput().getLabel(), out.label(r), "row " + r);
    }
  }

  @Test
  void aRegressorGivesTheModelsValues() {
    TribuoPredictor p = TribuoPredictor.regressor("linear", LINEAR);
    assertEquals(List.of(), p.labels());
    Predictions out = p.predict(PETAL_WIDTH.features());
    List<Prediction<Regressor>> expected = LINEAR.predict(IrisModels.widths());
    double[] want = expected.stream().mapToDouble(x -> x.getOutput().getValues()[0]).toArray();
    assertArrayEquals(want, out.values());
  }

  @Test
  void aMultiDimensionRegressorIsRejected() {
    RegressionFactory f = new RegressionFactory();
    MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("two", f), f);
    for (int i = 0; i < 20; i++) {
      d.add(new ArrayExample<>(new Regressor(new String[] {"a", "b"}, new double[] {i, -i}), new String[] {"x"},
          new double[] {i}));
    }
    Model<Regressor> two = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 2, 1L).train(d);
    ValidationException e = assertThrows(ValidationException.class, () -> TribuoPredictor.regressor("two", two));
    assertTrue(e.getMessage().contains("2 dimensions"), e.getMessage());
  }

  @Test
  void sizeIsTheProtobufForm() {
    TribuoPredictor p = TribuoPredictor.classifier("logistic", LOGISTIC);
    assertEquals(LOGISTIC.serialize().getSerializedSize(), p.sizeBytes().orElseThrow());
    assertTrue(p.sizeBytes().orElseThrow() > 100);
  }

  @Test
  void outputOrderIsTheModelsIdOrder() {
    List<String> order = TribuoPredictor.outputOrder(LOGISTIC);
    assertEquals(3, order.size());
    for (int id = 0; id < 3; id++) {
      assertEquals(LOGISTIC.getOutputIDInfo().getOutput(id).getLabel(), order.get(id));
    }
    assertEquals(List.of("setosa", "versicolor", "virginica"), order.stream().sorted().toList());
  }
}
