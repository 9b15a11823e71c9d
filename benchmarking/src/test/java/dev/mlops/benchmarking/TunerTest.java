package dev.mlops.benchmarking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.Json;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TunerTest {
  static final SearchSpace MIXED = SearchSpace.builder()
      .intRange("depth", 2, 10, 2)
      .logReal("lr", 1e-4, 1.0)
      .real("dropout", -0.5, 0.5)
      .categorical("opt", "sgd", "adam", "adagrad")
      .build();

  static final SearchSpace PLANE = SearchSpace.builder().real("x", -5, 5).real("y", -5, 5).build();

  static double quadratic(Params p) {
    double x = p.getDouble("x") - 0.7;
    double y = p.getDouble("y") + 1.3;
    return x * x + y * y;
  }

  @Test
  void gridEnumeratesExactlyEveryCombination() {
    SearchSpace space = SearchSpace.builder().intRange("a", 1, 3).categorical("b", "x", "y").real("c", 0, 1)
        .build();
    Study study = Tuner.study(space, Sampler.grid(3), Direction.MINIMIZE, 0);
    assertEquals(18, study.remaining());
    Tuner.optimize(study, 100, 1, p -> 0.0);

    assertEquals(18, study.trials().size());
    Set<List<Object>> seen = new HashSet<>();
    for (TrialResult t : study.trials()) {
      seen.add(List.copyOf(t.params().asMap().values()));
    }
    Set<List<Object>> expected = new HashSet<>();
    for (int a = 1; a <= 3; a++) {
      for (String b : List.of("x", "y")) {
        for (double c : new double[] {0, 0.5, 1}) {
          expected.add(List.of(a, b, c));
        }
      }
    }
    assertEquals(expected, seen);
    assertEquals(Map.of("a", 1, "b", "x", "c", 0.0), study.trials().get(0).params().asMap());
    assertEquals(Map.of("a", 1, "b", "x", "c", 0.5), study.trials().get(1).params().asMap(), "last axis fastest");
    assertEquals(0, study.remaining());
    ValidationException e = assertThrows(ValidationException.class, study::ask);
    assertTrue(e.getMessage().contains("no more trials"), e.getMessage());
  }

  @Test
  void gridSpacesLogRangesGeometricallyAndNeedPointsForReals() {
    SearchSpace space = SearchSpace.builder().logReal("lr", 1e-3, 1e-1).intRange("k", 0, 7, 3).build();
    Study study = Tuner.study(space, Sampler.grid(3), Direction.MINIMIZE, 0);
    Tuner.optimize(study, 9, 1, p -> 0.0);
    double[] lrs = study.trials().stream().mapToDouble(t -> t.params().getDouble("lr")).distinct().toArray();
    assertEquals(3, lrs.length);
    assertEquals(1e-3, lrs[0], 1e-15);
    assertEquals(1e-2, lrs[1], 1e-12);
    assertEquals(1e-1, lrs[2], 1e-15);
    assertEquals(List.of(0, 3, 6), study.trials().stream().limit(3).map(t -> t.params().getInt("k")).toList());

    ValidationException e = assertThrows(ValidationException.class,
        () -> Tuner.study(space, Sampler.grid(), Direction.MINIMIZE, 0));
    assertTrue(e.getMessage().contains("'lr'") && e.getMessage().contains("grid(pointsPerRealAxis)"),
        e.getMessage());
    assertThrows(ValidationException.class, () -> Sampler.grid(1));
  }

  @Test
  void randomIsSeededAndStaysWithinBounds() {
    List<Params> a = sample(Sampler.random(), 42, 2000);
    assertEquals(a, sample(Sampler.random(), 42, 2000));
    assertNotEquals(a, sample(Sampler.random(), 43, 2000));

    int belowGeometricMiddle = 0;
    Set<Object> depths = new HashSet<>();
    Set<Object> opts = new HashSet<>();
    for (Params p : a) {
      int depth = p.getInt("depth");
      assertTrue(depth >= 2 && depth <= 10 && depth % 2 == 0, "depth " + depth);
      depths.add(depth);
      double lr = p.getDouble("lr");
      assertTrue(lr >= 1e-4 && lr <= 1.0, "lr " + lr);
      belowGeometricMiddle += lr < 1e-2 ? 1 : 0;
      double dropout = p.getDouble("dropout");
      assertTrue(dropout >= -0.5 && dropout <= 0.5, "dropout " + dropout);
      opts.add(p.getString("opt"));
    }
    assertEquals(Set.of(2, 4, 6, 8, 10), depths);
    assertEquals(Set.of("sgd", "adam", "adagrad"), opts);
    // uniform in log(lr): half the draws fall below 1e-2 (uniform in lr would put 1% there)
    assertEquals(0.5, belowGeometricMiddle / 2000.0, 0.05);
  }

  private static List<Params> sample(Sampler sampler, long seed, int n) {
    Study study = Tuner.study(MIXED, sampler, Direction.MAXIMIZE, seed);
    List<Params> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Trial t = study.ask();
      out.add(t.params());
      study.tell(t, 0.0);
    }
    return out;
  }

  @Test
  void tpeFindsTheMinimumOfAQuadraticFasterThanRandom() {
    double[] tpe = new double[5];
    double[] random = new double[5];
    int tpeWins = 0;
    for (int seed = 0; seed < 5; seed++) {
      tpe[seed] = bestAfter60(Sampler.tpe(), seed);
      random[seed] = bestAfter60(Sampler.random(), seed);
      tpeWins += tpe[seed] < random[seed] ? 1 : 0;
    }
    assertTrue(tpeWins >= 4, "TPE beat random on " + tpeWins + " of 5 seeds: " + Arrays.toString(tpe) + " vs "
        + Arrays.toString(random));
    Arrays.sort(tpe);
    Arrays.sort(random);
    assertTrue(tpe[2] < random[2] / 2, "TPE median best " + tpe[2] + " vs random median best " + random[2]);
    assertEquals(bestAfter60(Sampler.tpe(), 3), bestAfter60(Sampler.tpe(), 3), "deterministic for a seed");
  }

  private static double bestAfter60(Sampler sampler, long seed) {
    Study study = Tuner.study(PLANE, sampler, Direction.MINIMIZE, seed);
    Tuner.optimize(study, 60, 1, TunerTest::quadratic);
    return study.best().value();
  }

  @Test
  void tpeConcentratesOnGoodIntAndLogValues() {
    Study study = Tuner.study(MIXED, Sampler.tpe(5, 0.25, 24), Direction.MAXIMIZE, 1);
    Tuner.optimize(study, 40, 1, p -> -Math.abs(Math.log10(p.getDouble("lr")) + 2) - Math.abs(p.getInt("depth") - 6));
    TrialResult best = study.best();
    assertEquals(6, best.params().getInt("depth"));
    assertEquals(-2, Math.log10(best.params().getDouble("lr")), 0.2);
    long late = study.trials().stream().skip(20).filter(t -> t.params().getInt("depth") == 6).count();
    assertTrue(late >= 12, "late trials at depth 6: " + late + " of 20 (random would give 4)");
  }

  @Test
  void tpePrefersTheGoodCategory() {
    Study study = Tuner.study(MIXED, Sampler.tpe(5, 0.25, 24), Direction.MAXIMIZE, 1);
    Tuner.optimize(study, 40, 1, p -> (p.getString("opt").equals("adam") ? 1 : 0) - 0.01 * p.getInt("depth"));
    assertEquals("adam", study.best().params().getString("opt"));
    long late = study.trials().stream().skip(20).filter(t -> t.params().getString("opt").equals("adam")).count();
    assertTrue(late >= 12, "late trials with adam: " + late + " of 20 (random would give about 7)");
    assertThrows(ValidationException.class, () -> Sampler.tpe(1, 0.25, 24));
    assertThrows(ValidationException.class, () -> Sampler.tpe(10, 1.0, 24));
    assertThrows(ValidationException.class, () -> Sampler.tpe(10, 0.25, 0));
  }

  @Test
  void askAndTellFromManyThreadsLosesNothing() throws Exception {
    Study study = Tuner.study(MIXED, Sampler.random(), Direction.MAXIMIZE, 5);
    int threads = 8;
    int each = 50;
    CountDownLatch start = new CountDownLatch(1);
    Map<Integer, Double> told = new ConcurrentHashMap<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < each; i++) {
          Trial t = study.ask();
          t.report(1, 0.5);
          double v = t.number() * 0.25;
          assertEquals(null, told.put(t.number(), v), "trial number handed out twice: " + t.number());
          study.tell(t, v);
        }
      });
      th.start();
      workers.add(th);
    }
    start.countDown();
    for (Thread th : workers) {
      th.join();
    }
    List<TrialResult> all = study.trials();
    assertEquals(threads * each, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i).number());
      assertEquals(TrialState.COMPLETE, all.get(i).state());
      assertEquals(told.get(i), all.get(i).value());
    }
    assertEquals(threads * each - 1, study.best().number());
  }

  @Test
  void randomResultsDoNotDependOnParallelism() {
    Function<Params, Double> objective = p -> p.getDouble("lr") * p.getInt("depth") + p.getDouble("dropout");
    Study one = Tuner.study(MIXED, Sampler.random(), Direction.MAXIMIZE, 9);
    Study four = Tuner.study(MIXED, Sampler.random(), Direction.MAXIMIZE, 9);
    Tuner.optimize(one, 64, 1, objective);
    Tuner.optimize(four, 64, 4, objective);
    assertEquals(one.trials().stream().map(t -> List.of(t.params(), t.value())).toList(),
        four.trials().stream().map(t -> List.of(t.params(), t.value())).toList());
    assertEquals(one.best().params(), four.best().params());
  }

  @Test
  void failuresAreRecordedAndTrialsAreToldOnce() {
    Study study = Tuner.study(MIXED, Sampler.random(), Direction.MINIMIZE, 3);
    IllegalStateException none = assertThrows(IllegalStateException.class, study::best);
    assertTrue(none.getMessage().contains("no trial"), none.getMessage());

    Tuner.optimize(study, 6, 2, p -> {
      if (p.getString("opt").equals("sgd")) {
        throw new IllegalArgumentException("diverged");
      }
      return p.getString("opt").equals("adam") ? Double.NaN : 1.0;
    });
    for (TrialResult t : study.trials()) {
      switch (t.params().getString("opt")) {
        case "sgd" -> {
          assertEquals(TrialState.FAILED, t.state());
          assertTrue(t.error().contains("diverged"), t.error());
        }
        case "adam" -> assertEquals(TrialState.FAILED, t.state(), "NaN fails the trial");
        default -> assertEquals(TrialState.COMPLETE, t.state());
      }
    }
    Trial t = study.ask();
    study.tell(t, 2.0);
    assertThrows(IllegalStateException.class, () -> study.tell(t, 3.0));
    assertThrows(IllegalStateException.class, () -> study.tell(t, TrialState.FAILED));
    Trial u = study.ask();
    assertThrows(ValidationException.class, () -> study.tell(u, TrialState.COMPLETE));
    assertThrows(ValidationException.class, () -> u.report(-1, 0));
    u.report(3, 0.1);
    assertThrows(ValidationException.class, () -> u.report(3, 0.2));
    Study other = Tuner.study(MIXED, Sampler.random(), Direction.MINIMIZE, 3);
    assertThrows(ValidationException.class, () -> other.tell(u, 1.0));
    assertThrows(ValidationException.class, () -> Tuner.optimize(study, 1, 0, p -> 1.0));
    assertThrows(ValidationException.class, () -> Tuner.builder(MIXED).sampler(Sampler.random()).build());
  }

  @Test
  void badSpacesAreClearErrors() {
    assertError("lo 5.0 > hi 1.0", () -> SearchSpace.builder().intRange("n", 5, 1));
    assertError("lo 2.0 > hi 1.0", () -> SearchSpace.builder().real("x", 2, 1));
    assertError("0 < lo", () -> SearchSpace.builder().logReal("lr", 0, 1));
    assertError("0 < lo", () -> SearchSpace.builder().logReal("lr", -1, 1));
    assertError("lo 1.0 > hi 0.1", () -> SearchSpace.builder().logReal("lr", 1, 0.1));
    assertError("has no values", () -> SearchSpace.builder().categorical("opt"));
    assertError("twice", () -> SearchSpace.builder().categorical("opt", "a", "a"));
    assertError("'x' is defined twice", () -> SearchSpace.builder().real("x", 0, 1).intRange("x", 0, 1));
    assertError("step is 0", () -> SearchSpace.builder().intRange("n", 0, 10, 0));
    assertError("finite", () -> SearchSpace.builder().real("x", 0, Double.POSITIVE_INFINITY));
    assertError("empty", () -> SearchSpace.builder().build());
  }

  private static void assertError(String expected, Runnable r) {
    ValidationException e = assertThrows(ValidationException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void paramsHaveTypedGetters() {
    Params p = Params.of(Map.of("n", 3, "lr", 0.01, "opt", "adam"));
    assertEquals(3, p.getInt("n"));
    assertEquals(3.0, p.getDouble("n"));
    assertEquals("0.01", p.getString("lr"));
    assertEquals("3", p.getString("n"));
    assertError("not an integer", () -> p.getInt("lr"));
    assertError("not a number", () -> p.getDouble("opt"));
    assertError("no parameter 'missing'", () -> p.get("missing"));
    assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("x", 1));
  }

  @Test
  void tableAndJsonShowEveryTrial() {
    AtomicLong now = new AtomicLong();
    Study study = Tuner.builder(SearchSpace.builder().intRange("epochs", 1, 3).logReal("lr", 0.001, 0.1).build())
        .sampler(Sampler.grid(2)).direction(Direction.MAXIMIZE).objectiveName("accuracy").ticker(now::get).build();
    Tuner.optimize(study, 6, 1, p -> {
      now.addAndGet(12_000_000);
      return p.getInt("epochs") == 3 ? Double.NaN : 0.5 + p.getInt("epochs") / 10.0;
    });
    String table = study.table();
    List<String> lines = table.lines().toList();
    assertEquals(7, lines.size(), table);
    assertEquals("trial  epochs  lr     accuracy  state     duration", lines.get(0));
    assertEquals("    0  1       0.001  0.6       COMPLETE  12 ms", lines.get(1));
    assertEquals("    5  3       0.1    -         FAILED    12 ms", lines.get(6));

    JsonNode json = Json.parseTree(study.toJson(), "study");
    assertEquals("accuracy", json.get("objective").asText());
    assertEquals("maximize", json.get("direction").asText());
    assertEquals(2, json.get("best").asInt());
    assertEquals(6, json.get("trials").size());
    assertEquals(0.7, json.get("trials").get(2).get("value").asDouble());
    assertEquals("failed", json.get("trials").get(4).get("state").asText());
    assertEquals(12, json.get("trials").get(4).get("durationMillis").asLong());
  }
}
