package dev.mlops.benchmarking;

import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Objects;

/** Builds the scorer for a truth / predictions pair after checking that they fit together. */
final class Scorers {
  private Scorers() {}

  /** Computes metrics for rows weighted by how often a resample drew them ({@code null}: every row once). */
  interface Scorer {
    int size();

    Metrics score(int[] weights);
  }

  static Scorer of(LabeledData truth, Predictions pred) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(pred, "pred");
    if (truth.task() != pred.task()) {
      throw new ValidationException("data '" + truth.name() + "' is for " + truth.task() + " but the predictions are "
          + pred.task() + "; measure a " + truth.task().name().toLowerCase(java.util.Locale.ROOT)
          + " model on it");
    }
    checkSize(truth.size(), pred.size(), "data '" + truth.name() + "'");
    if (truth.task() == Task.CLASSIFICATION) {
      return new ClassificationScorer(classIndexes(truth, pred.labels()), pred);
    }
    return new RegressionScorer(truth.values(), pred);
  }

  static void checkSize(int truth, int pred, String what) {
    if (truth != pred) {
      throw new ValidationException(what + " has " + truth + " rows but the predictions have " + pred
          + "; predict every row of the same data");
    }
    if (truth == 0) {
      throw new ValidationException(what + " has no rows; metrics need at least one");
    }
  }

  /** The true class of each row as an index into the predictions' labels (matched by name). */
  static int[] classIndexes(LabeledData truth, List<String> predLabels) {
    List<String> labels = truth.labels();
    int[] map = new int[labels.size()];
    for (int k = 0; k < map.length; k++) {
      map[k] = predLabels.indexOf(labels.get(k));
    }
    int[] y = truth.classes();
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = map[y[i]];
      if (out[i] < 0) {
        throw new ValidationException("data '" + truth.name() + "' has the label '" + labels.get(y[i]) + "' (row " + i
            + ") which is not one of the predictor's labels " + predLabels + "; drop those rows or retrain with it");
      }
    }
    return out;
  }
}
