package dev.mlops.benchmarking.tribuo;

import dev.mlops.benchmarking.Framework;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.Predictor;
import dev.mlops.benchmarking.Task;
import dev.mlops.benchmarking.internal.FeatureColumns;
import dev.mlops.core.Matrix;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A Tribuo classification or (single-dimension) regression model as a {@link Predictor}.
 *
 * <pre>{@code
 * Model<Label> model = new LogisticRegressionTrainer().train(train);
 * Predictor p = TribuoPredictor.classifier("logistic", model);
 * Predictions out = p.predict(test.features());   // columns matched to the model's features by name
 * }</pre>
 *
 * <p>Features: {@link #featureNames()} are the model's features in its feature ID order (Tribuo numbers them by
 * sorted name; it is also the column order of an exported ONNX model's input). Matrix columns are matched to them
 * by name once per column list: a column the model does not know is ignored, as Tribuo ignores unknown features;
 * a model feature missing from the matrix is an error listing them; a NaN value is an error naming the row and
 * column, since Tribuo rejects NaN features.
 *
 * <p>Labels: the model's output domain sorted by name (stable whatever order the model numbered them in);
 * {@link #outputOrder(Model)} gives the model's own numbering, the column order of an exported ONNX model's
 * probabilities. Probabilities are returned when {@link Model#generatesProbabilities()}; otherwise only classes.
 *
 * <p>Thread-safe: Tribuo models may predict from several threads at once.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TribuoPredictor implements Predictor {
  private static final Framework TRIBUO = new Framework("Tribuo", Tribuo.VERSION);

  private final String name;
  private final Model<?> model;
  private final Task task;
  private final List<String> labels;
  private final FeatureColumns features;
  private final Adapter<?> adapter;
  private volatile OptionalLong size;

  private TribuoPredictor(String name, Model<?> model, Task task, List<String> labels, Adapter<?> adapter) {
    this.name = name;
    this.model = model;
    this.task = task;
    this.labels = labels;
    this.adapter = adapter;
    this.features = new FeatureColumns("Tribuo predictor '" + name + "'", idOrder(model.getFeatureIDMap()));
  }

  /** A classifier; labels sorted by name, probabilities when the model generates them. */
  public static TribuoPredictor classifier(String name, Model<Label> model) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    List<String> labels = model.getOutputIDInfo().getDomain().stream().map(Label::getLabel).sorted().toList();
    if (labels.isEmpty()) {
      throw new ValidationException("Tribuo model for '" + name + "' has no labels in its output domain");
    }
    return new TribuoPredictor(name, model, Task.CLASSIFICATION, labels, new Classifier(model, labels));
  }

  /**
   * A single-dimension regressor.
   *
   * @throws ValidationException when the model predicts several dimensions
   */
  public static TribuoPredictor regressor(String name, Model<Regressor> model) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    int dims = model.getOutputIDInfo().size();
    if (dims != 1) {
      throw new ValidationException("Tribuo model for '" + name + "' predicts " + dims + " dimensions "
          + model.getOutputIDInfo().getDomain() + "; only single-dimension regression is supported: train one model"
          + " per dimension");
    }
    return new TribuoPredictor(name, model, Task.REGRESSION, List.of(), new Regression(model));
  }

  /**
   * The model's labels in its own output ID order: the columns of its ONNX export's probabilities (pass them as
   * the labels of an {@code OnnxOptions.classifier}).
   */
  public static List<String> outputOrder(Model<Label> model) {
    var info = model.getOutputIDInfo();
    List<String> out = new ArrayList<>(info.size());
    for (int id = 0; id < info.size(); id++) {
      out.add(info.getOutput(id).getLabel());
    }
    return List.copyOf(out);
  }

  private static List<String> idOrder(ImmutableFeatureMap map) {
    List<String> out = new ArrayList<>(map.size());
    for (int id = 0; id < map.size(); id++) {
      out.add(map.get(id).getName());
    }
    return out;
  }

  /** The wrapped model. */
  public Model<?> model() {
    return model;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Framework framework() {
    return TRIBUO;
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public List<String> labels() {
    return labels;
  }

  @Override
  public List<String> featureNames() {
    return features.expected();
  }

  @Override
  public Predictions predict(Matrix x) {
    int[] columns = features.columns(x);
    String[] names = features.expected().toArray(new String[0]);
    double[] data = x.data();
    int cols = x.cols();
    for (int r = 0; r < x.rows(); r++) {
      for (int j = 0; j < columns.length; j++) {
        if (Double.isNaN(data[r * cols + columns[j]])) {
          throw new ValidationException("Tribuo predictor '" + name + "': feature '" + names[j] + "' is NaN at row "
              + r + "; Tribuo models reject missing values: impute them first (a preprocessing step does)");
        }
      }
    }
    return adapter.predict(x, columns, names);
  }

  /** The size of the model's Tribuo protobuf form, computed once; empty if the model cannot be serialized. */
  @Override
  public OptionalLong sizeBytes() {
    OptionalLong s = size;
    if (s == null) {
      try {
        s = OptionalLong.of(model.serialize().getSerializedSize());
      } catch (RuntimeException e) {
        s = OptionalLong.empty();
      }
      size = s;
    }
    return s;
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  @Override
  public String toString() {
    return "TribuoPredictor[" + name + ", " + model.getClass().getSimpleName() + ", " + task + ", "
        + features.expected().size() + " features]";
  }

  /** Predictions of one output type; kept apart so a program with only one Tribuo output module loads. */
  private abstract static class Adapter<T extends Output<T>> {
    private final Model<T> model;
    private final T unknown;

    Adapter(Model<T> model, T unknown) {
      this.model = model;
      this.unknown = unknown;
    }

    final Predictions predict(Matrix x, int[] columns, String[] names) {
      int rows = x.rows();
      int cols = x.cols();
      double[] data = x.data();
      List<Example<T>> batch = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        double[] values = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
          values[j] = data[r * cols + columns[j]];
        }
        batch.add(new ArrayExample<>(unknown, names, values));
      }
      return convert(model.predict(batch));
    }

    abstract Predictions convert(List<Prediction<T>> predictions);
  }

  private static final class Classifier extends Adapter<Label> {
    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();
    private final boolean probabilities;

    Classifier(Model<Label> model, List<String> labels) {
      super(model, LabelFactory.UNKNOWN_LABEL);
      this.labels = labels;
      for (int k = 0; k < labels.size(); k++) {
        index.put(labels.get(k), k);
      }
      this.probabilities = model.generatesProbabilities();
    }

    @Override
    Predictions convert(List<Prediction<Label>> predictions) {
      int n = predictions.size();
      int k = labels.size();
      int[] classes = new int[n];
      double[] p = probabilities ? new double[n * k] : null;
      for (int r = 0; r < n; r++) {
        Prediction<Label> prediction = predictions.get(r);
        classes[r] = index.get(prediction.getOutput().getLabel());
        if (p != null) {
          Map<String, Label> scores = prediction.getOutputScores();
          for (int c = 0; c < k; c++) {
            Label s = scores.get(labels.get(c));
            p[r * k + c] = s == null ? 0 : s.getScore();
          }
        }
      }
      return Predictions.classes(labels, classes, p);
    }
  }

  private static final class Regression extends Adapter<Regressor> {
    Regression(Model<Regressor> model) {
      super(model, RegressionFactory.UNKNOWN_REGRESSOR);
    }

    @Override
    Predictions convert(List<Prediction<Regressor>> predictions) {
      double[] values = new double[predictions.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = predictions.get(r).getOutput().getValues()[0];
      }
      return Predictions.values(values);
    }
  }
}
