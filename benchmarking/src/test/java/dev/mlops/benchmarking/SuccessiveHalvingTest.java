package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
  static final int MAX_STEPS = 27;

  /** A learning curve: rises towards {@code quality} with the steps. */
  static double curve(double quality, int step) {
    return quality * (1 - Math.exp(-step / 4.0));
  }

  @Test
  void prunesTheBadTrialsOfSyntheticLearningCurves() {
    Study study = Tuner.builder(SearchSpace.builder().real("quality", 0, 1).build()).sampler(Sampler.random())
        .direction(Direction.MAXIMIZE).seed(11).pruner(Pruner.successiveHalving(1, 3)).build();
    Tuner.optimizeTrials(study, 40, 1, t -> {
      double q = t.params().getDouble("quality");
      for (int step = 1; step <= MAX_STEPS; step++) {
        t.report(step, curve(q, step));
        if (t.shouldPrune()) {
          throw new TrialPrunedException(t);
        }
      }
      return curve(q, MAX_STEPS);
    });

    List<TrialResult> trials = study.trials();
    long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
    assertTrue(pruned >= 25, "pruned " + pruned + " of 40");
    TrialResult bestQuality = trials.stream()
        .max((a, b) -> Double.compare(a.params().getDouble("quality"), b.params().getDouble("quality"))).orElseThrow();
    assertEquals(TrialState.COMPLETE, bestQuality.state(), "the best curve is never pruned");
    assertEquals(bestQuality.number(), study.best().number());

    double bestSoFar = Double.NEGATIVE_INFINITY;
    int steps = 0;
    for (TrialResult t : trials) {
      double q = t.params().getDouble("quality");
      if (t.state() == TrialState.PRUNED) {
        assertTrue(q < bestSoFar, "trial " + t.number() + " (quality " + q + ") was pruned though no earlier trial "
            + "was better (best " + bestSoFar + ")");
        int stoppedAt = t.intermediate().lastKey();
        assertTrue(stoppedAt == 1 || stoppedAt == 3 || stoppedAt == 9 || stoppedAt == 27, "pruned off a rung at step " + stoppedAt);
        assertEquals(curve(q, stoppedAt), t.value(), "a pruned trial keeps its last reported value");
      }
      bestSoFar = Math.max(bestSoFar, q);
      steps += t.intermediate().size();
    }
    assertTrue(steps < 40 * MAX_STEPS / 3, "steps used " + steps + " of " + 40 * MAX_STEPS);
  }

  @Test
  void keepsTheTopThirdAtARungWhenMinimizing() {
    Study study = Tuner.builder(SearchSpace.builder().intRange("id", 0, 100).build()).sampler(Sampler.grid())
        .direction(Direction.MINIMIZE).pruner(Pruner.successiveHalving(2, 3)).build();
    double[] losses = {0.5, 0.4, 0.9, 0.3, 0.35, 0.8};
    boolean[] expected = {false, false, true, false, true, true};
    for (int i = 0; i < losses.length; i++) {
      Trial t = study.ask();
      t.report(1, 0.0);
      assertFalse(t.shouldPrune(), "before the first rung (step 2) nothing is pruned");
      t.report(2, losses[i]);
      // competitors at rung 2: trials 0..i; keep the best max(1, (i + 1) / 3)
      assertEquals(expected[i], t.shouldPrune(), "trial " + i + " with loss " + losses[i]);
      study.tell(t, losses[i]);
    }
    assertThrows(ValidationException.class, () -> Pruner.successiveHalving(0, 3));
    assertThrows(ValidationException.class, () -> Pruner.successiveHalving(1, 1));
  }

  @Test
  void withoutAPrunerNothingIsPruned() {
    Study study = Tuner.study(SearchSpace.builder().real("q", 0, 1).build(), Sampler.random(), Direction.MAXIMIZE, 1);
    for (int i = 0; i < 5; i++) {
      Trial t = study.ask();
      t.report(1, i == 0 ? 1 : 0);
      assertFalse(t.shouldPrune());
      study.tell(t, 0);
    }
  }
}
