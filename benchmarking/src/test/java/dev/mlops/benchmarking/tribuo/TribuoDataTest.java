package dev.mlops.benchmarking.tribuo;

import static dev.mlops.benchmarking.tribuo.IrisModels.IRIS;
import static dev.mlops.benchmarking.tribuo.IrisModels.PETAL_WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

class TribuoDataTest {
  @Test
  void classificationDataKeepsEveryRowFeatureAndLabel() {
    MutableDataset<Label> d = TribuoData.classification(IRIS);
    assertEquals(IRIS.size(), d.size());
    assertEquals(IRIS.features().cols(), d.getFeatureMap().size());
    assertEquals(IRIS.labels().get(IRIS.classes()[7]), d.getExample(7).getOutput().getLabel());
    assertTrue(d.getProvenance().getSourceProvenance().toString().contains(IRIS.sha256()));
  }

  @Test
  void regressionDataKeepsTheValues() {
    MutableDataset<Regressor> d = TribuoData.regression(PETAL_WIDTH, "petal_width");
    assertEquals(PETAL_WIDTH.values()[3], d.getExample(3).getOutput().getValues()[0]);
  }

  @Test
  void theWrongTaskIsAClearError() {
    ValidationException e = assertThrows(ValidationException.class, () -> TribuoData.regression(IRIS, "y"));
    assertTrue(e.getMessage().contains("use TribuoData.classification"), e.getMessage());
  }
}
