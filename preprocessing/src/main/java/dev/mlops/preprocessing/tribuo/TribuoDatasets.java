package dev.mlops.preprocessing.tribuo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Column;
import dev.mlops.core.ColumnType;
import dev.mlops.core.DoubleColumn;
import dev.mlops.core.Field;
import dev.mlops.core.Frame;
import dev.mlops.core.Json;
import dev.mlops.core.Matrix;
import dev.mlops.core.RowHash;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import dev.mlops.preprocessing.FittedPipeline;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Tribuo datasets and examples from a {@link FittedPipeline}: the features are the pipeline's outputs, named
 * {@link FittedPipeline#outputNames()}, with the numbers of {@link FittedPipeline#toMatrix}; the label or
 * regression target is a column of the data. Training data and serving records go through the same fitted
 * pipeline, so a model sees the same features in both.
 *
 * <pre>{@code
 * FittedPipeline fitted = pipeline.fit(train.drop("species"));          // the label is not a feature
 * MutableDataset<Label> data = TribuoDatasets.classification(fitted, train, "species");
 * Model<Label> model = new LogisticRegressionTrainer().train(data);
 * // serving: one record, the same features
 * Prediction<Label> p = model.predict(TribuoDatasets.example(fitted, Map.of("sepal_length_cm", 5.1, ...)));
 * }</pre>
 *
 * <p><b>Features.</b> Every output column becomes a feature of every example, zeros included: Tribuo's sparse
 * models treat an absent feature as zero anyway, and dense models (and the feature map a model keeps) then see
 * every column, in every example. Every output must be numeric ({@link FittedPipeline#toMatrix} says which is
 * not). A missing value (NaN) in an output is an error naming the row and the column: Tribuo rejects NaN features,
 * and silently dropping them would make a missing value read as zero; impute it in the pipeline.
 *
 * <p><b>Labels and targets.</b> A classification label column is STRING, LONG or BOOLEAN (its text is the
 * label: {@code "setosa"}, {@code "3"}, {@code "true"}); a regression target column is DOUBLE or LONG and becomes
 * a one-dimensional {@link Regressor} named after the column. A missing label or target (null, or NaN) is an error
 * naming the row. The label column need not be one the pipeline reads. If the pipeline does read it, the label is
 * also a feature (or leaks into one): that is allowed, for pipelines that deliberately pass it through for other
 * uses, but a model trained on it learns nothing useful; fit the pipeline on the data without the label column.
 *
 * <p><b>Provenance.</b> The dataset's data provenance ({@link MutableDataset#getSourceProvenance()}) is a
 * {@link SimpleDataSourceProvenance} whose description names the pipeline's saved form by its
 * {@code contentSha256} (see {@link FittedPipeline#toJson()}), the pipeline's training data (its content hash and
 * row count), the data converted (its {@link RowHash} content hash, the id a dataset snapshot of it has, and its
 * row count), the label column and the feature count, for example:
 *
 * <pre>
 * mlops-preprocessing pipeline contentSha256=3f2a... fitted 2026-12-01T10:00:00Z on training data sha256=9b1c...
 * (150 rows); data sha256=9b1c... (150 rows); label 'species'; 4 features
 * </pre>
 *
 * Its creation time is the pipeline's fit time, so converting the same data with the same pipeline twice gives
 * equal provenance. A pipeline that cannot be saved (it keeps values of a {@code pii} column) is named
 * {@code contentSha256=none (not saveable)}. Tribuo records this provenance in every model trained on the dataset.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class TribuoDatasets {
  /** The prefix of the provenance description. */
  static final String PROVENANCE_PREFIX = "mlops-preprocessing pipeline contentSha256=";

  private TribuoDatasets() {}

  /**
   * A classification dataset: one example per row of {@code data}, its features the pipeline's outputs, its label
   * the text of {@code labelColumn} (STRING, LONG or BOOLEAN).
   *
   * <pre>{@code
   * MutableDataset<Label> train = TribuoDatasets.classification(fitted, frame, "species");
   * }</pre>
   *
   * @throws ValidationException if the label column is missing or of another type, a label is missing (naming
   *     the row), an output is not numeric or holds a missing value (naming the row and column)
   */
  public static MutableDataset<Label> classification(FittedPipeline fitted, Frame data, String labelColumn) {
    Column labels = labelColumn(data, labelColumn, "a classification label", ColumnType.STRING, ColumnType.LONG,
        ColumnType.BOOLEAN);
    return dataset(fitted, data, labelColumn, new LabelFactory(), row -> new Label(String.valueOf(labels.get(row))),
        labels);
  }

  /**
   * A regression dataset: one example per row of {@code data}, its features the pipeline's outputs, its target
   * {@code targetColumn} (DOUBLE or LONG) as a one-dimensional {@link Regressor} named after the column.
   *
   * <pre>{@code
   * MutableDataset<Regressor> train = TribuoDatasets.regression(fitted, frame, "price");
   * }</pre>
   *
   * @throws ValidationException if the target column is missing or of another type, a target is missing or NaN
   *     (naming the row), an output is not numeric or holds a missing value (naming the row and column)
   */
  public static MutableDataset<Regressor> regression(FittedPipeline fitted, Frame data, String targetColumn) {
    Column targets = labelColumn(data, targetColumn, "a regression target", ColumnType.DOUBLE, ColumnType.LONG);
    return dataset(fitted, data, targetColumn, new RegressionFactory(),
        row -> new Regressor(targetColumn, ((Number) targets.get(row)).doubleValue()), targets);
  }

  /**
   * A serving example for a classification model: the pipeline's outputs for one record
   * ({@link FittedPipeline#transformRecord}, the same numbers as the batch path), with an unknown label
   * ({@link LabelFactory#UNKNOWN_LABEL}), for {@code model.predict(example)}.
   *
   * <pre>{@code
   * Prediction<Label> p = model.predict(TribuoDatasets.example(fitted, Map.of("age", 41.0, "city", "Lyon")));
   * }</pre>
   *
   * @throws ValidationException if the record lacks a column the pipeline reads, or an output is missing (NaN)
   */
  public static ArrayExample<Label> example(FittedPipeline fitted, Map<String, ?> record) {
    return recordExample(fitted, record, LabelFactory.UNKNOWN_LABEL);
  }

  /**
   * A serving example for a regression model, as {@link #example} with an unknown regression target
   * ({@link RegressionFactory#UNKNOWN_REGRESSOR}).
   */
  public static ArrayExample<Regressor> regressionExample(FittedPipeline fitted, Map<String, ?> record) {
    return recordExample(fitted, record, RegressionFactory.UNKNOWN_REGRESSOR);
  }

  // ---------------------------------------------------------------------------------------------- internals

  /** The output of row {@code row}, its label or target known not to be missing. */
  private interface RowOutput<T> {
    T of(int row);
  }

  private static <T extends Output<T>> MutableDataset<T> dataset(FittedPipeline fitted, Frame data, String label,
      OutputFactory<T> factory, RowOutput<T> output, Column labels) {
    Objects.requireNonNull(fitted, "fitted");
    Matrix m = fitted.toMatrix(data);
    String[] names = m.names().toArray(new String[0]);
    String description = description(fitted, data, label, m.cols());
    OffsetDateTime created = OffsetDateTime.ofInstant(fitted.fittedAt(), ZoneOffset.UTC);
    MutableDataset<T> out = new MutableDataset<>(new SimpleDataSourceProvenance(description, created, factory),
        factory);
    double[] row = new double[m.cols()];
    for (int r = 0; r < m.rows(); r++) {
      if (labels.isNull(r) || (labels instanceof DoubleColumn d && Double.isNaN(d.getDouble(r)))) {
        throw new ValidationException("row " + r + " has no " + (factory instanceof LabelFactory ? "label" : "target")
            + " ('" + label + "' is missing); drop or fill the rows without one before building the dataset");
      }
      System.arraycopy(m.data(), r * m.cols(), row, 0, row.length);
      checkFeatures(row, names, "row " + r);
      out.add(new ArrayExample<>(output.of(r), names, row));
    }
    return out;
  }

  private static <T extends Output<T>> ArrayExample<T> recordExample(FittedPipeline fitted, Map<String, ?> record,
      T unknown) {
    Objects.requireNonNull(fitted, "fitted");
    Objects.requireNonNull(record, "record");
    double[] values = fitted.transformRecord(record);
    String[] names = fitted.outputNames().toArray(new String[0]);
    checkFeatures(values, names, "the record");
    return new ArrayExample<>(unknown, names, values);
  }

  private static void checkFeatures(double[] values, String[] names, String where) {
    if (values.length == 0) {
      throw new ValidationException("the pipeline has no output columns, so a Tribuo example would have no"
          + " features; keep at least one column");
    }
    for (int c = 0; c < values.length; c++) {
      if (Double.isNaN(values[c])) {
        throw new ValidationException(where + " has a missing value in output column '" + names[c] + "'; Tribuo"
            + " takes no missing features: impute it in the pipeline, or drop the rows");
      }
    }
  }

  private static Column labelColumn(Frame data, String name, String what, ColumnType first, ColumnType... more) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(name, "labelColumn");
    var field = data.schema().find(name);
    if (field.isEmpty()) {
      throw new ValidationException("the data has no column '" + name + "' for " + what + "; it has "
          + data.schema().names());
    }
    Field f = field.get();
    boolean ok = f.type() == first;
    for (ColumnType t : more) {
      ok |= f.type() == t;
    }
    if (!ok) {
      StringBuilder allowed = new StringBuilder(first.name());
      for (ColumnType t : more) {
        allowed.append(" or ").append(t.name());
      }
      throw new ValidationException("column '" + name + "' is " + f.type() + " but " + what + " is " + allowed
          + "; cast it first");
    }
    return data.column(name);
  }

  /** The provenance description (see the class comment). */
  static String description(FittedPipeline fitted, Frame data, String label, int features) {
    String content;
    try {
      JsonNode saved = Json.parseTree(fitted.toJson(), "saved pipeline");
      content = saved.path("contentSha256").asText();
    } catch (ValidationException e) {
      content = "none (not saveable: " + e.getMessage() + ")";
    }
    RowHash hash = new RowHash(data.schema());
    hash.add(data);
    return PROVENANCE_PREFIX + content + " fitted " + fitted.fittedAt() + " on training data sha256="
        + fitted.trainingData().sha256() + " (" + fitted.trainingData().rows() + " rows); data sha256="
        + hash.finish() + " (" + data.rowCount() + " rows); label '" + label + "'; " + features + " features";
  }
}
