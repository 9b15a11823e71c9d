package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.util.List;
import java.util.Map;

/**
 * Accuracy metrics of one set of predictions, listed uniformly for reports: {@link #values()} maps each
 * {@link Metric#id()} to its value (NaN where undefined, with the reason in {@link #notes()}).
 *
 * <pre>{@code
 * Metrics m = Metrics.of(testData, predictor.predict(testData.features()));
 * m.values().forEach((name, v) -> System.out.println(name + " " + v + (Metric.byName(name).higherIsBetter() ? " ^" : " v")));
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public sealed interface Metrics permits ClassificationMetrics, RegressionMetrics {

  /** Every metric for this task by stable name, in {@link Metric} order; unmodifiable. */
  Map<String, Double> values();

  /** Why a value is NaN or was set by a rule (zero division, constant target...); empty when nothing to say. */
  List<String> notes();

  /** The number of rows measured. */
  int rows();

  /** The value of {@code metric}; a clear error when this task does not report it. */
  default double value(Metric metric) {
    Double v = values().get(metric.id());
    if (v == null) {
      throw new dev.mlops.core.ValidationException("metric '" + metric.id() + "' is not reported here; reported: "
          + values().keySet());
    }
    return v;
  }

  /** Classification or regression metrics of {@code pred} against {@code truth}, by the truth's task. */
  static Metrics of(LabeledData truth, Predictions pred) {
    return Scorers.of(truth, pred).score(null);
  }
}
