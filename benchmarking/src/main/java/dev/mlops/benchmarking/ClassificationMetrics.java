package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification accuracy as scikit-learn 1.2 computes it, for class indexes into the predictions' labels.
 *
 * <ul>
 *   <li>Per-class precision, recall, F1 and support for every label ({@code labels=range(K), average=None}); a
 *       class never predicted has precision 0.0 and one absent from the true labels recall 0.0
 *       ({@code zero_division="warn"}), listed in {@link #precisionZeroDivision()} / {@link #recallZeroDivision()}.
 *   <li>Macro, micro and weighted averages over the labels present in the true or predicted classes (scikit-learn's
 *       {@code labels=None}); a label in neither is left out. Binary tasks also report the positive (second) label's
 *       precision, recall and F1 ({@code average="binary"}).
 *   <li>Balanced accuracy: mean recall over the labels present in the true classes.
 *   <li>The confusion matrix: rows true, columns predicted, in label order, every label included.
 *   <li>ROC AUC (binary: the second label's probability; multi-class: one-vs-rest, macro and support-weighted),
 *       ties handled by the trapezoid over distinct scores. Where scikit-learn raises (one class only in the true
 *       labels, a class absent in the multi-class case, multi-class probabilities not summing to 1) the value is
 *       NaN with a note.
 *   <li>Log loss: probabilities clipped to {@code [eps, 1 - eps]} with {@code eps = 2.220446049250313e-16}
 *       (scikit-learn 1.2.1's {@code eps="auto"}) and each row renormalised to sum 1.
 * </ul>
 *
 * <p>ROC AUC and log loss need probabilities; without them they are NaN with a note.
 *
 * <pre>{@code
 * Predictions p = Predictions.classes(List.of("no", "yes"), new int[] {0, 1, 1}, new double[] {.8, .2, .3, .7, .6, .4});
 * ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 1, 0}, p);
 * m.accuracy();            // 0.6666666666666666
 * m.values().get("f1_macro");
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ClassificationMetrics implements Metrics {
  private final List<String> labels;
  private final int rows;
  private final double accuracy;
  private final double balancedAccuracy;
  private final double[] precision;
  private final double[] recall;
  private final double[] f1;
  private final long[] support;
  private final double[] macro;
  private final double[] micro;
  private final double[] weighted;
  private final long[][] confusion;
  private final double rocAuc;
  private final double rocAucOvrMacro;
  private final double rocAucOvrWeighted;
  private final double logLoss;
  private final List<String> precisionZeroDivision;
  private final List<String> recallZeroDivision;
  private final List<String> notes;

  ClassificationMetrics(List<String> labels, int rows, double accuracy, double balancedAccuracy, double[] precision,
      double[] recall, double[] f1, long[] support, double[] macro, double[] micro, double[] weighted,
      long[][] confusion, double rocAuc, double rocAucOvrMacro, double rocAucOvrWeighted, double logLoss,
      List<String> precisionZeroDivision, List<String> recallZeroDivision, List<String> notes) {
    this.labels = List.copyOf(labels);
    this.rows = rows;
    this.accuracy = accuracy;
    this.balancedAccuracy = balancedAccuracy;
    this.precision = precision;
    this.recall = recall;
    this.f1 = f1;
    this.support = support;
    this.macro = macro;
    this.micro = micro;
    this.weighted = weighted;
    this.confusion = confusion;
    this.rocAuc = rocAuc;
    this.rocAucOvrMacro = rocAucOvrMacro;
    this.rocAucOvrWeighted = rocAucOvrWeighted;
    this.logLoss = logLoss;
    this.precisionZeroDivision = List.copyOf(precisionZeroDivision);
    this.recallZeroDivision = List.copyOf(recallZeroDivision);
    this.notes = List.copyOf(notes);
  }

  /**
   * The metrics of {@code pred} against the true classes {@code yTrue} (indexes into {@code pred.labels()}).
   * Length mismatch, an index out of range, regression predictions or non-finite probabilities are errors.
   */
  public static ClassificationMetrics of(int[] yTrue, Predictions pred) {
    return new ClassificationScorer(yTrue, pred).score(null);
  }

  /** The metrics of {@code pred} against {@code truth}, whose labels are matched to the predictions' by name. */
  public static ClassificationMetrics of(LabeledData truth, Predictions pred) {
    if (truth.task() != Task.CLASSIFICATION) {
      throw new ValidationException("data '" + truth.name() + "' is for regression; use RegressionMetrics");
    }
    return (ClassificationMetrics) Scorers.of(truth, pred).score(null);
  }

  /** The labels, in the order of every per-class array and of the confusion matrix. */
  public List<String> labels() {
    return labels;
  }

  @Override
  public int rows() {
    return rows;
  }

  /** Fraction of rows predicted right. */
  public double accuracy() {
    return accuracy;
  }

  /** Mean recall over the labels present in the true classes. */
  public double balancedAccuracy() {
    return balancedAccuracy;
  }

  /** Precision per label (a copy). */
  public double[] precision() {
    return precision.clone();
  }

  /** Recall per label (a copy). */
  public double[] recall() {
    return recall.clone();
  }

  /** F1 per label (a copy). */
  public double[] f1() {
    return f1.clone();
  }

  /** Number of true rows per label (a copy). */
  public long[] support() {
    return support.clone();
  }

  /** Macro-averaged precision. */
  public double precisionMacro() {
    return macro[0];
  }

  /** Macro-averaged recall. */
  public double recallMacro() {
    return macro[1];
  }

  /** Macro-averaged F1. */
  public double f1Macro() {
    return macro[2];
  }

  /** Micro-averaged precision. */
  public double precisionMicro() {
    return micro[0];
  }

  /** Micro-averaged recall. */
  public double recallMicro() {
    return micro[1];
  }

  /** Micro-averaged F1. */
  public double f1Micro() {
    return micro[2];
  }

  /** Support-weighted precision. */
  public double precisionWeighted() {
    return weighted[0];
  }

  /** Support-weighted recall. */
  public double recallWeighted() {
    return weighted[1];
  }

  /** Support-weighted F1. */
  public double f1Weighted() {
    return weighted[2];
  }

  /** Counts: {@code confusion()[t][p]} rows of true label t predicted as p (a copy). */
  public long[][] confusion() {
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    return c;
  }

  /** Binary ROC AUC of the second label's probability; NaN for multi-class or when undefined. */
  public double rocAuc() {
    return rocAuc;
  }

  /** One-vs-rest ROC AUC, unweighted mean; NaN for binary or when undefined. */
  public double rocAucOvrMacro() {
    return rocAucOvrMacro;
  }

  /** One-vs-rest ROC AUC, weighted by support; NaN for binary or when undefined. */
  public double rocAucOvrWeighted() {
    return rocAucOvrWeighted;
  }

  /** Log loss; NaN without probabilities. */
  public double logLoss() {
    return logLoss;
  }

  /** Labels never predicted, whose precision (and F1) were set to 0.0. */
  public List<String> precisionZeroDivision() {
    return precisionZeroDivision;
  }

  /** Labels absent from the true classes, whose recall (and F1) were set to 0.0. */
  public List<String> recallZeroDivision() {
    return recallZeroDivision;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.ACCURACY.id(), accuracy);
    m.put(Metric.BALANCED_ACCURACY.id(), balancedAccuracy);
    boolean binary = labels.size() == 2;
    if (binary) {
      m.put(Metric.PRECISION.id(), precision[1]);
      m.put(Metric.RECALL.id(), recall[1]);
      m.put(Metric.F1.id(), f1[1]);
    }
    m.put(Metric.PRECISION_MACRO.id(), macro[0]);
    m.put(Metric.RECALL_MACRO.id(), macro[1]);
    m.put(Metric.F1_MACRO.id(), macro[2]);
    m.put(Metric.PRECISION_MICRO.id(), micro[0]);
    m.put(Metric.RECALL_MICRO.id(), micro[1]);
    m.put(Metric.F1_MICRO.id(), micro[2]);
    m.put(Metric.PRECISION_WEIGHTED.id(), weighted[0]);
    m.put(Metric.RECALL_WEIGHTED.id(), weighted[1]);
    m.put(Metric.F1_WEIGHTED.id(), weighted[2]);
    if (binary) {
      m.put(Metric.ROC_AUC.id(), rocAuc);
    } else {
      m.put(Metric.ROC_AUC_OVR_MACRO.id(), rocAucOvrMacro);
      m.put(Metric.ROC_AUC_OVR_WEIGHTED.id(), rocAucOvrWeighted);
    }
    m.put(Metric.LOG_LOSS.id(), logLoss);
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "ClassificationMetrics" + values() + (notes.isEmpty() ? "" : " notes " + notes);
  }
}
