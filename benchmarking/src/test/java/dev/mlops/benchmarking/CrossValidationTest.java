package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.Matrix;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  static final ToDoubleBiFunction<LabeledData, Predictions> ACCURACY = (test, p) ->
      IntStream.range(0, test.size()).filter(i -> test.classes()[i] == p.classes()[i]).count() / (double) test.size();

  /** Rows 0..n-1 with feature = row number; class counts as given, in blocks. */
  static LabeledData data(int... counts) {
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      for (int i = 0; i < counts[c]; i++) {
        labels.add("c" + c);
      }
    }
    double[] x = IntStream.range(0, labels.size()).asDoubleStream().toArray();
    return LabeledData.classification("blocks", new Matrix(x.length, 1, x, List.of("row")), labels);
  }

  @Test
  void foldsPartitionTheRows() {
    LabeledData d = data(6, 4);
    List<CrossValidation.Fold> folds = CrossValidation.kFold(d, 3, 7);
    assertEquals(3, folds.size());
    int[] seen = new int[d.size()];
    int[] sizes = new int[3];
    for (CrossValidation.Fold f : folds) {
      sizes[f.index()] = f.testRows().length;
      for (int r : f.testRows()) {
        seen[r]++;
      }
      int[] both = IntStream.concat(Arrays.stream(f.trainRows()), Arrays.stream(f.testRows())).sorted().toArray();
      assertArrayEquals(IntStream.range(0, d.size()).toArray(), both, "train and test of fold " + f.index());
      assertEquals(f.testRows().length, f.test().size());
      for (int i = 0; i < f.testRows().length; i++) {
        assertEquals(f.testRows()[i], f.test().features().get(i, 0), "the test data holds the test rows");
      }
    }
    int[] once = new int[d.size()];
    Arrays.fill(once, 1);
    assertArrayEquals(once, seen, "each row is tested exactly once");
    assertArrayEquals(new int[] {4, 3, 3}, sizes, "the first n % k folds hold one more row, as in scikit-learn");
    assertEquals(folds.get(0).testRows().length, CrossValidation.kFold(d, 3, 7).get(0).testRows().length);
    assertArrayEquals(folds.get(0).testRows(), CrossValidation.kFold(d, 3, 7).get(0).testRows(), "seeded");
    assertNotEquals(Arrays.toString(folds.get(0).testRows()),
        Arrays.toString(CrossValidation.kFold(d, 3, 8).get(0).testRows()), "another seed, other folds");
  }

  @Test
  void stratifiedFoldsKeepClassProportions() {
    LabeledData d = data(60, 30, 10);
    for (CrossValidation.Fold f : CrossValidation.kFold(d, 5, 3, true)) {
      int[] counts = new int[3];
      for (int r : f.testRows()) {
        counts[d.classes()[r]]++;
      }
      assertArrayEquals(new int[] {12, 6, 2}, counts, "fold " + f.index());
    }
    LabeledData odd = data(7, 5, 4);
    int total = 0;
    for (CrossValidation.Fold f : CrossValidation.kFold(odd, 3, 3, true)) {
      int[] counts = new int[3];
      for (int r : f.testRows()) {
        counts[odd.classes()[r]]++;
      }
      assertTrue(counts[0] >= 2 && counts[0] <= 3 && counts[1] >= 1 && counts[1] <= 2 && counts[2] >= 1
          && counts[2] <= 2, Arrays.toString(counts));
      assertTrue(f.testRows().length == 5 || f.testRows().length == 6, "fold sizes differ by at most one");
      total += f.testRows().length;
    }
    assertEquals(16, total);
  }

  @Test
  void badFoldsAreClearErrors() {
    LabeledData d = data(3, 2);
    assertTrue(assertThrows(ValidationException.class, () -> CrossValidation.kFold(d, 1, 0)).getMessage()
        .contains("at least 2"));
    assertTrue(assertThrows(ValidationException.class, () -> CrossValidation.kFold(d, 6, 0)).getMessage()
        .contains("only 5 rows"));
    assertTrue(assertThrows(ValidationException.class, () -> CrossValidation.kFold(d, 4, 0, true)).getMessage()
        .contains("largest has 3"));
    LabeledData r = LabeledData.regression("r", new Matrix(4, 1, new double[4], List.of("x")), new double[4]);
    assertTrue(assertThrows(ValidationException.class, () -> CrossValidation.kFold(r, 2, 0, true)).getMessage()
        .contains("stratified"));
    assertEquals(2, CrossValidation.kFold(r, 2, 0).size());
  }

  @Test
  void scoresATrainerOnEveryFold() {
    LabeledData d = data(60, 30, 10);
    // "trains" a rule: predict c0 for rows below the threshold, c1 above; the threshold is a parameter
    Params params = Params.of(Map.of("threshold", 60.0));
    double[] scores = CrossValidation.scores(CrossValidation.kFold(d, 5, 1, true),
        (train, p) -> Predictors.function("rule", train.labels(), row -> row[0] < p.getDouble("threshold") ? 0 : 1),
        params, ACCURACY);
    assertEquals(5, scores.length);
    for (double s : scores) {
      assertEquals(0.9, s, 1e-12, "the 10% of class c2 are always wrong");
    }
    assertEquals(0.9, CrossValidation.score(d, 5, 1, true, (train, p) -> Predictors.function("rule", train.labels(),
        row -> row[0] < p.getDouble("threshold") ? 0 : 1), params, ACCURACY), 1e-12);

    Study study = Tuner.study(SearchSpace.builder().intRange("threshold", 0, 100, 10).build(), Sampler.grid(),
        Direction.MAXIMIZE, 0);
    Tuner.optimize(study, 100, 3, CrossValidation.objective(d, 5, 1, true, (train, p) -> Predictors.function("rule",
        train.labels(), row -> row[0] < p.getInt("threshold") ? 0 : 1), ACCURACY));
    assertEquals(60, study.best().params().getInt("threshold"));
    assertEquals(0.9, study.best().value(), 1e-12);
  }
}
