package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The metrics {@link Metrics#values()} reports, by stable name, with the direction that is better (so a regression
 * gate knows whether a rise is an improvement). Definitions follow scikit-learn 1.2.
 *
 * <pre>{@code
 * Metric m = Metric.byName("log_loss");
 * m.higherIsBetter();    // false
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public enum Metric {
  /** Fraction of rows predicted right ({@code accuracy_score}). */
  ACCURACY(true),
  /** Mean recall over the classes present in the true labels ({@code balanced_accuracy_score}). */
  BALANCED_ACCURACY(true),
  /** Binary only: precision of the positive (second) label ({@code average='binary'}). */
  PRECISION(true),
  /** Binary only: recall of the positive (second) label. */
  RECALL(true),
  /** Binary only: F1 of the positive (second) label. */
  F1(true),
  /** Unweighted mean of per-class precision over the classes present in the true or predicted labels. */
  PRECISION_MACRO(true),
  /** Unweighted mean of per-class recall (same classes as {@link #PRECISION_MACRO}). */
  RECALL_MACRO(true),
  /** Unweighted mean of per-class F1 (same classes as {@link #PRECISION_MACRO}). */
  F1_MACRO(true),
  /** Precision from the summed true and false positives over all classes. */
  PRECISION_MICRO(true),
  /** Recall from the summed counts. */
  RECALL_MICRO(true),
  /** F1 of the micro precision and recall. */
  F1_MICRO(true),
  /** Per-class precision averaged with the class supports as weights. */
  PRECISION_WEIGHTED(true),
  /** Per-class recall averaged with the class supports as weights. */
  RECALL_WEIGHTED(true),
  /** Per-class F1 averaged with the class supports as weights. */
  F1_WEIGHTED(true),
  /** Binary only: area under the ROC curve of the positive (second) label's probability. */
  ROC_AUC(true),
  /** Multi-class only: one-vs-rest ROC AUC, unweighted mean over the classes. */
  ROC_AUC_OVR_MACRO(true),
  /** Multi-class only: one-vs-rest ROC AUC, weighted by class support. */
  ROC_AUC_OVR_WEIGHTED(true),
  /** Mean negative log-likelihood of the true class (probabilities clipped and renormalised as scikit-learn). */
  LOG_LOSS(false),
  /** Mean absolute error. */
  MAE(false),
  /** Root mean squared error. */
  RMSE(false),
  /** Coefficient of determination (scikit-learn's {@code r2_score}, {@code force_finite=True}). */
  R2(true),
  /** Mean absolute percentage error as a fraction ({@code |e| / max(|y|, 2.2e-16)}), not times 100. */
  MAPE(false);

  private final boolean higherIsBetter;
  private final String id;

  Metric(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
    this.id = name().toLowerCase(Locale.ROOT);
  }

  /** The stable name used in reports and {@link Metrics#values()}: lower snake case, e.g. {@code f1_macro}. */
  public String id() {
    return id;
  }

  /** Whether a larger value is better (accuracy, R2) rather than worse (log loss, errors). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Whether {@code a} is strictly better than {@code b} for this metric (false when either is NaN). */
  public boolean better(double a, double b) {
    return higherIsBetter ? a > b : a < b;
  }

  /** The metric called {@code id} ({@code "roc_auc"}); a clear error naming the known ones otherwise. */
  public static Metric byName(String id) {
    for (Metric m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    throw new ValidationException("unknown metric '" + id + "'; known metrics: "
        + Arrays.stream(values()).map(Metric::id).toList());
  }

  @Override
  public String toString() {
    return id;
  }
}
