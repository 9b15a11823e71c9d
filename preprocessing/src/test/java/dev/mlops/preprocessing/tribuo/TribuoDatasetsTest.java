package dev.mlops.preprocessing.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.mlops.core.BooleanColumn;
import dev.mlops.core.Csv;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.RowHash;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.Columns;
import dev.mlops.preprocessing.FittedPipeline;
import dev.mlops.preprocessing.Pipeline;
import dev.mlops.preprocessing.Remainder;
import dev.mlops.preprocessing.steps.OneHot;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;

class TribuoDatasetsTest {
  static final List<String> FEATURES = List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm",
      "petal_width_cm", "sepal_band_narrow", "sepal_band_wide");

  /** Iris with a derived STRING column, sepal_band (narrow below 3 cm, else wide), to one-hot encode. */
  static Frame iris() {
    Frame f;
    try {
      f = Csv.read(Path.of(TribuoDatasetsTest.class.getResource("/sklearn/iris.csv").toURI()));
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
    String[] band = new String[f.rowCount()];
    for (int r = 0; r < band.length; r++) {
      band[r] = f.getDouble(r, "sepal_width_cm") < 3.0 ? "narrow" : "wide";
    }
    return f.withColumn("sepal_band", dev.mlops.core.StringColumn.of(band));
  }

  /** One-hot on sepal_band, the numeric columns passed through; fitted without the label. */
  static FittedPipeline fitted(Frame data, String... notFeatures) {
    return Pipeline.builder()
        .step("band", Columns.names("sepal_band"), OneHot.of())
        .remainder(Remainder.PASSTHROUGH)
        .build()
        .fit(data.drop(notFeatures));
  }

  static Map<String, Object> record(Frame f, int row) {
    Map<String, Object> m = new HashMap<>();
    for (String c : f.columnNames()) {
      m.put(c, f.get(row, c));
    }
    return m;
  }

  static String description(DataProvenance p) {
    for (Pair<String, Provenance> kv : (SimpleDataSourceProvenance) p) {
      if (kv.getA().equals(SimpleDataSourceProvenance.DESCRIPTION)) {
        return ((StringProvenance) kv.getB()).getValue();
      }
    }
    throw new AssertionError("no description in " + p);
  }

  @Test
  void aClassificationDatasetHasOneExamplePerRowWithThePipelinesOutputsAsFeatures() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    assertEquals(FEATURES, f.outputNames());
    MutableDataset<Label> d = TribuoDatasets.classification(f, iris, "target");
    assertEquals(150, d.size());
    assertEquals(new HashSet<>(FEATURES), d.getFeatureMap().keySet());
    assertEquals(Set.of(new Label("setosa"), new Label("versicolor"), new Label("virginica")), d.getOutputs());
    Example<Label> first = d.getExample(0);
    assertEquals(new Label("setosa"), first.getOutput());
    Map<String, Double> values = new HashMap<>();
    for (Feature feat : first) {
      values.put(feat.getName(), feat.getValue());
    }
    assertEquals(Map.of("sepal_length_cm", 5.1, "sepal_width_cm", 3.5, "petal_length_cm", 1.4, "petal_width_cm",
        0.2, "sepal_band_narrow", 0.0, "sepal_band_wide", 1.0), values, "zeros are kept: every example is dense");
  }

  @Test
  void aLogisticRegressionTrainedOnItFitsIrisAndServesSingleRecordsTheSame() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    MutableDataset<Label> d = TribuoDatasets.classification(f, iris, "target");
    Model<Label> model = new LogisticRegressionTrainer().train(d);
    List<Prediction<Label>> batch = model.predict(d);
    int right = 0;
    for (int r = 0; r < batch.size(); r++) {
      if (batch.get(r).getOutput().getLabel().equals(iris.getString(r, "target"))) {
        right++;
      }
    }
    assertTrue(right / 150.0 > 0.9, "training accuracy " + right / 150.0);

    for (int r = 0; r < iris.rowCount(); r += 7) {
      Map<String, Object> rec = record(iris, r);
      rec.remove("target"); // a serving record has no label
      ArrayExample<Label> one = TribuoDatasets.example(f, rec);
      assertEquals(Label.UNKNOWN, one.getOutput().getLabel());
      Prediction<Label> p = model.predict(one);
      assertEquals(batch.get(r).getOutput().getLabel(), p.getOutput().getLabel(), "row " + r);
      assertEquals(batch.get(r).getOutputScores(), p.getOutputScores(), "row " + r);
    }
  }

  @Test
  void theProvenanceNamesThePipelineItsTrainingDataAndTheDataConverted() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    Frame test = iris.slice(100, 150);
    MutableDataset<Label> d = TribuoDatasets.classification(f, test, "target");
    String desc = description(d.getSourceProvenance());
    String content = Json.parseTree(f.toJson(), "saved").get("contentSha256").asText();
    RowHash h = new RowHash(test.schema());
    h.add(test);
    assertEquals(TribuoDatasets.PROVENANCE_PREFIX + content + " fitted " + f.fittedAt() + " on training data sha256="
        + f.trainingData().sha256() + " (150 rows); data sha256=" + h.finish() + " (50 rows); label 'target';"
        + " 6 features", desc);
    assertEquals(desc, description(TribuoDatasets.classification(f, test, "target").getSourceProvenance()),
        "the same data and pipeline give the same provenance");
    Model<Label> model = new LogisticRegressionTrainer().train(d);
    assertEquals(desc, description(model.getProvenance().getDatasetProvenance().getSourceProvenance()),
        "a model trained on the dataset carries it");
  }

  @Test
  void aMissingLabelIsAnErrorNamingTheRow() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    String[] labels = iris.strings("target").toArray();
    labels[42] = null;
    Frame holed = iris.withColumn("target", dev.mlops.core.StringColumn.of(labels));
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoDatasets.classification(f, holed, "target"));
    assertEquals("row 42 has no label ('target' is missing); drop or fill the rows without one before building the"
        + " dataset", e.getMessage());
  }

  @Test
  void aMissingFeatureIsAnErrorNamingRowAndColumn() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    double[] v = iris.doubles("petal_length_cm").toArray();
    boolean[] nulls = new boolean[v.length];
    nulls[7] = true;
    Frame holed = iris.withColumn("petal_length_cm", DoubleColumn.of(v, nulls));
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoDatasets.classification(f, holed, "target"));
    assertTrue(e.getMessage().startsWith("row 7 has a missing value in output column 'petal_length_cm'"),
        e.getMessage());
    Map<String, Object> rec = record(holed, 7);
    ValidationException one = assertThrows(ValidationException.class, () -> TribuoDatasets.example(f, rec));
    assertTrue(one.getMessage().startsWith("the record has a missing value in output column 'petal_length_cm'"),
        one.getMessage());
  }

  @Test
  void theLabelColumnMustExistAndBeOfALabelType() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    ValidationException missing = assertThrows(ValidationException.class,
        () -> TribuoDatasets.classification(f, iris, "species"));
    assertTrue(missing.getMessage().startsWith("the data has no column 'species' for a classification label"),
        missing.getMessage());
    ValidationException type = assertThrows(ValidationException.class,
        () -> TribuoDatasets.classification(f, iris, "sepal_length_cm"));
    assertEquals("column 'sepal_length_cm' is DOUBLE but a classification label is STRING or LONG or BOOLEAN;"
        + " cast it first", type.getMessage());
    ValidationException target = assertThrows(ValidationException.class,
        () -> TribuoDatasets.regression(f, iris, "target"));
    assertTrue(target.getMessage().contains("is STRING but a regression target is DOUBLE or LONG"),
        target.getMessage());
  }

  @Test
  void aBooleanOrLongLabelIsItsText() {
    Frame iris = iris();
    boolean[] setosa = new boolean[iris.rowCount()];
    long[] klass = new long[iris.rowCount()];
    for (int r = 0; r < setosa.length; r++) {
      setosa[r] = iris.getString(r, "target").equals("setosa");
      klass[r] = r / 50;
    }
    Frame labelled = iris.withColumn("is_setosa", BooleanColumn.of(setosa))
        .withColumn("klass", dev.mlops.core.LongColumn.of(klass));
    FittedPipeline f = fitted(labelled, "target", "is_setosa", "klass");
    MutableDataset<Label> b = TribuoDatasets.classification(f, labelled, "is_setosa");
    assertEquals(Set.of(new Label("true"), new Label("false")), b.getOutputs());
    MutableDataset<Label> l = TribuoDatasets.classification(f, labelled, "klass");
    assertEquals(Set.of(new Label("0"), new Label("1"), new Label("2")), l.getOutputs());
  }

  @Test
  void aRegressionDatasetHasTheTargetAsAOneDimensionalRegressorNamedAfterTheColumn() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target", "petal_width_cm");
    MutableDataset<Regressor> d = TribuoDatasets.regression(f, iris, "petal_width_cm");
    assertEquals(150, d.size());
    Regressor first = d.getExample(0).getOutput();
    assertArrayEquals(new String[] {"petal_width_cm"}, first.getNames());
    assertArrayEquals(new double[] {0.2}, first.getValues());
    assertFalse(d.getFeatureMap().keySet().contains("petal_width_cm"));
    assertTrue(description(d.getSourceProvenance()).endsWith("label 'petal_width_cm'; 5 features"));

    double[] w = iris.doubles("petal_width_cm").toArray();
    w[3] = Double.NaN;
    Frame nan = iris.withColumn("petal_width_cm", DoubleColumn.of(w));
    ValidationException e = assertThrows(ValidationException.class,
        () -> TribuoDatasets.regression(f, nan, "petal_width_cm"));
    assertTrue(e.getMessage().startsWith("row 3 has no target"), e.getMessage());

    Map<String, Object> rec = record(iris, 0);
    ArrayExample<Regressor> one = TribuoDatasets.regressionExample(f, rec);
    assertEquals(5, one.size());
    assertInstanceOf(Regressor.class, one.getOutput());
  }

  @Test
  void aSingleRecordExampleHasTheSameFeaturesAsTheBatchOne() {
    Frame iris = iris();
    FittedPipeline f = fitted(iris, "target");
    MutableDataset<Label> d = TribuoDatasets.classification(f, iris, "target");
    for (int r = 0; r < iris.rowCount(); r += 11) {
      List<Feature> batch = new ArrayList<>();
      d.getExample(r).forEach(batch::add);
      List<Feature> one = new ArrayList<>();
      TribuoDatasets.example(f, record(iris, r)).forEach(one::add);
      assertEquals(batch, one, "row " + r);
    }
  }
}
