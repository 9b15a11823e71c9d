package dev.mlops.benchmarking.tribuo;

import dev.mlops.benchmarking.LabeledData;
import dev.mlops.core.Csv;
import dev.mlops.core.Matrix;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/** Iris (data/iris.csv) and Tribuo models trained on it, for the predictor tests. */
public final class IrisModels {
  /** Iris: 4 features in the file's order, 3 labels. */
  public static final LabeledData IRIS = read();
  /** Sepal length, sepal width, petal length -> petal width. */
  public static final LabeledData PETAL_WIDTH = petalWidth();
  public static final Model<Label> LOGISTIC = logistic();
  public static final Model<Label> LIBLINEAR = new LibLinearClassificationTrainer().train(classes());
  public static final Model<Regressor> LINEAR =
      new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 10, 1L).train(widths());

  private IrisModels() {}

  private static LabeledData read() {
    try {
      Path file = Path.of(IrisModels.class.getResource("/data/iris.csv").toURI());
      return LabeledData.fromFrame("iris", Csv.read(file), "target");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LabeledData petalWidth() {
    Matrix x = IRIS.features();
    double[] data = new double[x.rows() * 3];
    double[] y = new double[x.rows()];
    for (int r = 0; r < x.rows(); r++) {
      System.arraycopy(x.data(), r * 4, data, r * 3, 3);
      y[r] = x.get(r, 3);
    }
    return LabeledData.regression("petal-width", new Matrix(x.rows(), 3, data, x.names().subList(0, 3)), y);
  }

  static MutableDataset<Label> classes() {
    return TribuoData.classification(IRIS);
  }

  private static Model<Label> logistic() {
    return new LogisticRegressionTrainer().train(classes());
  }

  static MutableDataset<Regressor> widths() {
    return TribuoData.regression(PETAL_WIDTH, "petal_width");
  }

  /** {@code m} with its columns in the order {@code order} (names), plus a column 'noise' no model knows. */
  public static Matrix reorderedWithNoise(Matrix m, int... order) {
    int cols = order.length + 1;
    double[] data = new double[m.rows() * cols];
    String[] names = new String[cols];
    for (int j = 0; j < order.length; j++) {
      names[j] = m.names().get(order[j]);
    }
    names[order.length] = "noise";
    for (int r = 0; r < m.rows(); r++) {
      for (int j = 0; j < order.length; j++) {
        data[r * cols + j] = m.get(r, order[j]);
      }
      data[r * cols + order.length] = 1e6 * r;
    }
    return new Matrix(m.rows(), cols, data, Arrays.asList(names));
  }
}
