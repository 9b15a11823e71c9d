package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * K-fold cross-validation, as scikit-learn's {@code KFold(shuffle=True)} and {@code StratifiedKFold}, and the
 * cross-validated score of a trainer for a {@link Study}.
 *
 * <pre>{@code
 * List<CrossValidation.Fold> folds = CrossValidation.kFold(data, 5, 42, true);   // stratified
 * ToDoubleBiFunction<LabeledData, Predictions> accuracy = (test, p) -> ...;
 * Function<Params, Double> objective = CrossValidation.objective(data, 5, 42, true, trainer, accuracy);
 * Tuner.optimize(study, 40, 4, objective);
 * }</pre>
 *
 * <p>Rows are shuffled with {@code new Random(seed)}, so folds are reproducible but not the same rows as
 * scikit-learn's for the same seed. Fold sizes follow scikit-learn: the first {@code n % k} folds hold one row
 * more. Stratified folds deal each class's shuffled rows round-robin over the folds (continuing where the previous
 * class stopped), so every fold holds each class in nearly the same proportion as the data and fold sizes differ by
 * at most one; scikit-learn allocates slightly differently. Rows in a fold are in ascending order.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * One split.
   *
   * @param index the fold number, 0-based
   * @param trainRows the rows to train on, ascending
   * @param testRows the rows to test on, ascending
   * @param train the training rows of the data
   * @param test the test rows of the data
   */
  public record Fold(int index, int[] trainRows, int[] testRows, LabeledData train, LabeledData test) {}

  /** Shuffled k folds (not stratified). */
  public static List<Fold> kFold(LabeledData data, int k, long seed) {
    return kFold(data, k, seed, false);
  }

  /**
   * Shuffled k folds; {@code stratified} keeps class proportions (classification only).
   *
   * @throws ValidationException if {@code k < 2}, {@code k} exceeds the rows, or (stratified) every class has fewer
   *     than {@code k} rows, as scikit-learn
   */
  public static List<Fold> kFold(LabeledData data, int k, long seed, boolean stratified) {
    Objects.requireNonNull(data, "data");
    int n = data.size();
    if (k < 2) {
      throw new ValidationException("kFold: k is " + k + "; it must be at least 2");
    }
    if (k > n) {
      throw new ValidationException("kFold: k is " + k + " but data '" + data.name() + "' has only " + n
          + " rows; use k <= " + n);
    }
    Random rng = new Random(seed);
    int[] foldOf = new int[n];
    if (stratified) {
      if (data.task() != Task.CLASSIFICATION) {
        throw new ValidationException("kFold: stratified folds need classification data; '" + data.name()
            + "' is " + data.task() + "; use stratified = false");
      }
      List<List<Integer>> byClass = new ArrayList<>();
      for (int c = 0; c < data.labels().size(); c++) {
        byClass.add(new ArrayList<>());
      }
      for (int r = 0; r < n; r++) {
        byClass.get(data.classes()[r]).add(r);
      }
      int largest = byClass.stream().mapToInt(List::size).max().orElse(0);
      if (largest < k) {
        throw new ValidationException("kFold: k is " + k + " but no class of '" + data.name() + "' has that many "
            + "rows (the largest has " + largest + "); use k <= " + largest);
      }
      int next = 0;
      for (List<Integer> rows : byClass) {
        int[] perm = shuffle(rows.stream().mapToInt(Integer::intValue).toArray(), rng);
        for (int r : perm) {
          foldOf[r] = next;
          next = (next + 1) % k;
        }
      }
    } else {
      int[] perm = new int[n];
      Arrays.setAll(perm, i -> i);
      shuffle(perm, rng);
      int start = 0;
      for (int f = 0; f < k; f++) {
        int size = n / k + (f < n % k ? 1 : 0);
        for (int i = start; i < start + size; i++) {
          foldOf[perm[i]] = f;
        }
        start += size;
      }
    }
    List<Fold> folds = new ArrayList<>(k);
    for (int f = 0; f < k; f++) {
      final int fold = f;
      int[] test = java.util.stream.IntStream.range(0, n).filter(r -> foldOf[r] == fold).toArray();
      int[] train = java.util.stream.IntStream.range(0, n).filter(r -> foldOf[r] != fold).toArray();
      folds.add(new Fold(f, train, test, data.rows(train), data.rows(test)));
    }
    return List.copyOf(folds);
  }

  /**
   * The score of {@code trainer} with {@code params} on each of {@code folds}: trained on the fold's train rows,
   * {@code metric} computed on its test rows. Predictors are closed after use.
   */
  public static double[] scores(List<Fold> folds, BiFunction<LabeledData, Params, Predictor> trainer, Params params,
      ToDoubleBiFunction<LabeledData, Predictions> metric) {
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(metric, "metric");
    double[] out = new double[folds.size()];
    for (int i = 0; i < out.length; i++) {
      Fold f = folds.get(i);
      try (Predictor p = trainer.apply(f.train(), params)) {
        out[i] = metric.applyAsDouble(f.test(), p.predict(f.test().features()));
      }
    }
    return out;
  }

  /** The mean of {@link #scores} over {@code kFold(data, k, seed, stratified)}. */
  public static double score(LabeledData data, int k, long seed, boolean stratified,
      BiFunction<LabeledData, Params, Predictor> trainer, Params params,
      ToDoubleBiFunction<LabeledData, Predictions> metric) {
    return Arrays.stream(scores(kFold(data, k, seed, stratified), trainer, params, metric)).average().orElseThrow();
  }

  /**
   * An objective for {@link Tuner#optimize}: the mean k-fold score of {@code trainer}. The folds are made once, so
   * every trial is scored on the same splits.
   */
  public static Function<Params, Double> objective(LabeledData data, int k, long seed, boolean stratified,
      BiFunction<LabeledData, Params, Predictor> trainer, ToDoubleBiFunction<LabeledData, Predictions> metric) {
    List<Fold> folds = kFold(data, k, seed, stratified);
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(metric, "metric");
    return params -> Arrays.stream(scores(folds, trainer, params, metric)).average().orElseThrow();
  }

  private static int[] shuffle(int[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
