package dev.mlops.benchmarking;

import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Classification metrics as scikit-learn 1.2 defines them, over rows weighted by how often a bootstrap resample
 * drew them. What does not depend on the weights (per-row log loss, each class's score order) is computed once.
 */
final class ClassificationScorer implements Scorers.Scorer {
  /** {@code log_loss(eps='auto')} in scikit-learn 1.2.1: {@code np.finfo(np.float64).eps}. */
  static final double LOG_LOSS_EPS = Math.ulp(1.0);

  private final List<String> labels;
  private final int k;
  private final int[] yTrue;
  private final int[] yPred;
  private final double[] proba;
  private final double[] rowLoss;
  /** Rows by descending score of each ROC column (binary: the positive label only). */
  private final int[][] order;
  /** Per ROC column: whether the row at each sorted position is of the column's class. */
  private final boolean[][] positiveAt;
  /** Per ROC column: the end (exclusive) of each run of tied scores in {@link #order}. */
  private final int[][] groupEnds;
  private final String probabilityProblem;

  ClassificationScorer(int[] yTrue, Predictions pred) {
    if (pred.task() != Task.CLASSIFICATION) {
      throw new ValidationException("classification metrics need classification predictions, got " + pred.task());
    }
    Scorers.checkSize(yTrue.length, pred.size(), "the true classes");
    this.labels = pred.labels();
    this.k = labels.size();
    this.yTrue = yTrue;
    this.yPred = pred.classes();
    int n = yTrue.length;
    for (int i = 0; i < n; i++) {
      if (yTrue[i] < 0 || yTrue[i] >= k) {
        throw new ValidationException("true class index " + yTrue[i] + " at row " + i + " is not one of the " + k
            + " labels " + labels);
      }
    }
    this.proba = pred.probabilities();
    if (proba == null) {
      rowLoss = null;
      order = null;
      positiveAt = null;
      groupEnds = null;
      probabilityProblem = null;
      return;
    }
    String problem = null;
    rowLoss = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double clippedSum = 0;
      for (int c = 0; c < k; c++) {
        double p = proba[i * k + c];
        if (!Double.isFinite(p)) {
          throw new ValidationException("probability of class '" + labels.get(c) + "' at row " + i + " is " + p
              + "; the model must give finite probabilities");
        }
        sum += p;
        clippedSum += clip(p);
      }
      rowLoss[i] = -Math.log(clip(proba[i * k + yTrue[i]]) / clippedSum);
      // np.allclose(1, sums): |1 - s| <= 1e-8 + 1e-5 * |s|
      if (problem == null && k > 2 && !(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) {
        problem = "probabilities at row " + i + " sum to " + sum + ", not 1";
      }
    }
    probabilityProblem = problem;
    int columns = k == 2 ? 1 : k;
    order = new int[columns][];
    positiveAt = new boolean[columns][n];
    groupEnds = new int[columns][];
    for (int c = 0; c < columns; c++) {
      int col = k == 2 ? 1 : c;
      int[] ord = IntStream.range(0, n).boxed()
          .sorted((a, b) -> Double.compare(proba[b * k + col], proba[a * k + col]))
          .mapToInt(Integer::intValue).toArray();
      order[c] = ord;
      int[] ends = new int[n];
      int groups = 0;
      for (int j = 0; j < n; j++) {
        positiveAt[c][j] = yTrue[ord[j]] == col;
        if (j + 1 == n || proba[ord[j + 1] * k + col] != proba[ord[j] * k + col]) {
          ends[groups++] = j + 1;
        }
      }
      groupEnds[c] = Arrays.copyOf(ends, groups);
    }
  }

  private static double clip(double p) {
    return Math.max(LOG_LOSS_EPS, Math.min(1 - LOG_LOSS_EPS, p));
  }

  @Override
  public int size() {
    return yTrue.length;
  }

  @Override
  public ClassificationMetrics score(int[] w) {
    int n = yTrue.length;
    long[] conf = new long[k * k];
    double lossSum = 0;
    for (int i = 0; i < n; i++) {
      int wi = w == null ? 1 : w[i];
      conf[yTrue[i] * k + yPred[i]] += wi;
      if (rowLoss != null && wi != 0) {
        lossSum += wi * rowLoss[i];
      }
    }
    long total = 0;
    long correct = 0;
    long[] trueSum = new long[k];
    long[] predSum = new long[k];
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        long c = conf[t * k + p];
        total += c;
        trueSum[t] += c;
        predSum[p] += c;
      }
      correct += conf[t * k + t];
    }
    double[] precision = new double[k];
    double[] recall = new double[k];
    double[] f1 = new double[k];
    List<String> precisionZero = new ArrayList<>();
    List<String> recallZero = new ArrayList<>();
    double balanced = 0;
    int balancedCount = 0;
    double[] macro = new double[3];
    double[] weighted = new double[3];
    int present = 0;
    long tpPresent = 0;
    long predPresent = 0;
    long truePresent = 0;
    for (int c = 0; c < k; c++) {
      long tp = conf[c * k + c];
      precision[c] = predSum[c] == 0 ? 0.0 : (double) tp / predSum[c];
      recall[c] = trueSum[c] == 0 ? 0.0 : (double) tp / trueSum[c];
      f1[c] = fscore(precision[c], recall[c]);
      if (predSum[c] == 0) {
        precisionZero.add(labels.get(c));
      }
      if (trueSum[c] == 0) {
        recallZero.add(labels.get(c));
      } else {
        balanced += recall[c];
        balancedCount++;
      }
      if (trueSum[c] > 0 || predSum[c] > 0) {
        present++;
        macro[0] += precision[c];
        macro[1] += recall[c];
        macro[2] += f1[c];
        weighted[0] += precision[c] * trueSum[c];
        weighted[1] += recall[c] * trueSum[c];
        weighted[2] += f1[c] * trueSum[c];
        tpPresent += tp;
        predPresent += predSum[c];
        truePresent += trueSum[c];
      }
    }
    double microP = predPresent == 0 ? 0.0 : (double) tpPresent / predPresent;
    double microR = truePresent == 0 ? 0.0 : (double) tpPresent / truePresent;
    double[] micro = {microP, microR, fscore(microP, microR)};
    for (int j = 0; j < 3; j++) {
      macro[j] /= present;
      weighted[j] /= truePresent;
    }
    List<String> notes = new ArrayList<>();
    if (!precisionZero.isEmpty()) {
      notes.add("precision and f1: zero division for labels never predicted " + precisionZero
          + "; set to 0.0 as scikit-learn's zero_division='warn'");
    }
    if (!recallZero.isEmpty()) {
      notes.add("recall and f1: zero division for labels absent from the true labels " + recallZero
          + "; set to 0.0 as scikit-learn's zero_division='warn' (balanced_accuracy leaves them out)");
    }
    double rocAuc = Double.NaN;
    double ovrMacro = Double.NaN;
    double ovrWeighted = Double.NaN;
    double logLoss = Double.NaN;
    if (proba == null) {
      notes.add((k == 2 ? "roc_auc" : "roc_auc_ovr_macro, roc_auc_ovr_weighted")
          + ", log_loss: undefined, the predictions have no class probabilities");
    } else {
      logLoss = lossSum / total;
      if (k == 2) {
        rocAuc = auc(0, trueSum[1], total - trueSum[1], w);
        if (Double.isNaN(rocAuc)) {
          notes.add("roc_auc: undefined, only one class (" + labels.get(trueSum[1] == 0 ? 0 : 1)
              + ") is present in the true labels (scikit-learn raises)");
        }
      } else if (probabilityProblem != null) {
        notes.add("roc_auc_ovr_macro, roc_auc_ovr_weighted: undefined, " + probabilityProblem
            + " (scikit-learn raises for multi-class ROC AUC)");
      } else {
        double sum = 0;
        double weightedSum = 0;
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          double a = auc(c, trueSum[c], total - trueSum[c], w);
          if (Double.isNaN(a)) {
            absent.add(labels.get(c));
          }
          sum += a;
          weightedSum += a * trueSum[c];
        }
        if (absent.isEmpty()) {
          ovrMacro = sum / k;
          ovrWeighted = weightedSum / total;
        } else {
          notes.add("roc_auc_ovr_macro, roc_auc_ovr_weighted: undefined, one-vs-rest needs every label in the true "
              + "labels and " + absent + (absent.size() == 1 ? " is" : " are") + " not (scikit-learn raises)");
        }
      }
    }
    long[][] confusion = new long[k][];
    for (int t = 0; t < k; t++) {
      confusion[t] = Arrays.copyOfRange(conf, t * k, t * k + k);
    }
    return new ClassificationMetrics(labels, (int) total, (double) correct / total,
        balanced / balancedCount, precision, recall, f1, trueSum, macro, micro, weighted, confusion, rocAuc,
        ovrMacro, ovrWeighted, logLoss, precisionZero, recallZero, notes);
  }

  /** scikit-learn's F-score: {@code (1 + beta^2) * p * r / (beta^2 * p + r)}, 0 when p + r is 0. */
  private static double fscore(double p, double r) {
    double denom = p + r;
    return 2 * p * r / (denom == 0 ? 1 : denom);
  }

  /**
   * Area under the ROC curve of ROC column {@code column} (its class against the rest), rows visited by descending score: the trapezoid rule
   * over the distinct scores (tied rows move the curve diagonally), as {@code roc_auc_score}, in exact integer
   * arithmetic. NaN when the positive or negative count is 0.
   */
  private double auc(int column, long pos, long neg, int[] w) {
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    int[] ord = order[column];
    boolean[] positive = positiveAt[column];
    long area = 0;
    long tp = 0;
    int j = 0;
    for (int end : groupEnds[column]) {
      long dtp = 0;
      long dfp = 0;
      for (; j < end; j++) {
        int wi = w == null ? 1 : w[ord[j]];
        if (positive[j]) {
          dtp += wi;
        } else {
          dfp += wi;
        }
      }
      area += dfp * (2 * tp + dtp);
      tp += dtp;
    }
    return area / (2.0 * pos * neg);
  }
}
