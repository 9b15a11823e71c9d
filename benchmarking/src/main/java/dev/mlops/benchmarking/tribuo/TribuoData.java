package dev.mlops.benchmarking.tribuo;

import dev.mlops.benchmarking.LabeledData;
import dev.mlops.benchmarking.Task;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Benchmark data as Tribuo training data, for trainers a {@link dev.mlops.benchmarking.Tuner} tunes: every feature of
 * every row (dense), named by the matrix's column names, the data's name and content hash in the provenance.
 *
 * <pre>{@code
 * Model<Label> m = new LogisticRegressionTrainer().train(TribuoData.classification(train));
 * Predictor p = TribuoPredictor.classifier("lr", m);
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TribuoData {
  private TribuoData() {}

  /** A classification dataset of {@code data}'s rows and true labels. */
  public static MutableDataset<Label> classification(LabeledData data) {
    require(data, Task.CLASSIFICATION);
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> out = new MutableDataset<>(provenance(data, factory), factory);
    String[] names = data.features().names().toArray(new String[0]);
    for (int r = 0; r < data.size(); r++) {
      out.add(new ArrayExample<>(new Label(data.labels().get(data.classes()[r])), names, data.features().row(r)));
    }
    return out;
  }

  /** A regression dataset of {@code data}'s rows and true values (one dimension, named {@code target}). */
  public static MutableDataset<Regressor> regression(LabeledData data, String target) {
    require(data, Task.REGRESSION);
    RegressionFactory factory = new RegressionFactory();
    MutableDataset<Regressor> out = new MutableDataset<>(provenance(data, factory), factory);
    String[] names = data.features().names().toArray(new String[0]);
    for (int r = 0; r < data.size(); r++) {
      out.add(new ArrayExample<>(new Regressor(target, data.values()[r]), names, data.features().row(r)));
    }
    return out;
  }

  private static void require(LabeledData data, Task task) {
    if (data.task() != task) {
      throw new ValidationException("data '" + data.name() + "' is " + data.task() + " data; use TribuoData."
          + (data.task() == Task.CLASSIFICATION ? "classification" : "regression") + " for it");
    }
  }

  private static SimpleDataSourceProvenance provenance(LabeledData data, org.tribuo.OutputFactory<?> factory) {
    return new SimpleDataSourceProvenance(data.name() + " sha256=" + data.sha256(), factory);
  }
}
