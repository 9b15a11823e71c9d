package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression accuracy as scikit-learn 1.2 computes it: {@code mean_absolute_error}, the square root of
 * {@code mean_squared_error}, {@code r2_score} (force_finite: a constant target gives 1.0 when predicted exactly,
 * else 0.0; NaN with fewer than two rows) and {@code mean_absolute_percentage_error}
 * ({@code mean(|y - p| / max(|y|, 2.220446049250313e-16))}, a fraction, huge when a true value is 0).
 *
 * <pre>{@code
 * RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2, 3}, Predictions.values(new double[] {1, 2, 4}));
 * m.mae();   // 0.3333333333333333
 * }</pre>
 *
 * @param rows the number of rows measured
 * @param mae mean absolute error
 * @param rmse root mean squared error
 * @param r2 coefficient of determination
 * @param mape mean absolute percentage error (fraction)
 * @param notes rules applied (constant target) and undefined values
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record RegressionMetrics(int rows, double mae, double rmse, double r2, double mape, List<String> notes)
    implements Metrics {
  /** Copies the notes. */
  public RegressionMetrics {
    notes = List.copyOf(notes);
  }

  /** The metrics of {@code pred} against the true values {@code yTrue}; NaN or infinite values are errors. */
  public static RegressionMetrics of(double[] yTrue, Predictions pred) {
    return new RegressionScorer(yTrue, pred).score(null);
  }

  /** The metrics of {@code pred} against the regression data {@code truth}. */
  public static RegressionMetrics of(LabeledData truth, Predictions pred) {
    if (truth.task() != Task.REGRESSION) {
      throw new dev.mlops.core.ValidationException("data '" + truth.name() + "' is for classification; use"
          + " ClassificationMetrics");
    }
    return (RegressionMetrics) Scorers.of(truth, pred).score(null);
  }

  @Override
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.MAE.id(), mae);
    m.put(Metric.RMSE.id(), rmse);
    m.put(Metric.R2.id(), r2);
    m.put(Metric.MAPE.id(), mape);
    return java.util.Collections.unmodifiableMap(m);
  }
}
