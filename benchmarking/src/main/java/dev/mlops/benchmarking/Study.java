package dev.mlops.benchmarking;

import dev.mlops.core.Json;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One hyper-parameter search, driven by ask and tell so that any trainer can be tuned (Optuna's ask/tell
 * interface): {@link #ask()} numbers a trial and samples its parameters, the caller trains and evaluates, then
 * {@link #tell(Trial, double)} records the value. {@link Tuner#optimize} does the loop on a thread pool.
 *
 * <pre>{@code
 * Study study = Tuner.study(space, Sampler.tpe(), Direction.MAXIMIZE, 42);
 * for (int i = 0; i < 50; i++) {
 *   Trial t = study.ask();
 *   try {
 *     study.tell(t, evaluate(t.params()));
 *   } catch (RuntimeException e) {
 *     study.tell(t, TrialState.FAILED);
 *   }
 * }
 * TrialResult best = study.best();
 * System.out.println(study.table());
 * }</pre>
 *
 * <p>Thread-safe: trials may be asked, reported and told from any threads. Trial numbers are 0, 1, 2... in ask
 * order and the sampler runs in that order, so grid and random samplers give trial {@code n} the same parameters
 * whatever the threads do; a model-based sampler (TPE) sees the trials completed when it is asked, which depends on
 * timing when trials run in parallel.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Study {
  private final SearchSpace space;
  private final Sampler sampler;
  private final Direction direction;
  private final long seed;
  private final Pruner pruner;
  private final String objectiveName;
  private final LongSupplier nanoTime;
  private final List<Entry> trials = new ArrayList<>();

  /** The mutable state of one trial; guarded by the study's lock. */
  private static final class Entry {
    final Trial trial;
    final long start;
    final TreeMap<Integer, Double> intermediate = new TreeMap<>();
    TrialState state = TrialState.RUNNING;
    double value = Double.NaN;
    long end;
    String error;

    Entry(Trial trial, long start) {
      this.trial = trial;
      this.start = start;
    }
  }

  Study(SearchSpace space, Sampler sampler, Direction direction, long seed, Pruner pruner, String objectiveName,
      LongSupplier nanoTime) {
    this.space = Objects.requireNonNull(space, "space");
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.direction = Objects.requireNonNull(direction, "direction");
    this.seed = seed;
    this.pruner = Objects.requireNonNull(pruner, "pruner");
    this.objectiveName = Objects.requireNonNull(objectiveName, "objectiveName");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The search space. */
  public SearchSpace space() {
    return space;
  }

  /** The sampler. */
  public Sampler sampler() {
    return sampler;
  }

  /** Whether larger or smaller values are better. */
  public Direction direction() {
    return direction;
  }

  /** The seed the sampler draws from. */
  public long seed() {
    return seed;
  }

  /** The pruner ({@link Pruner#none()} unless set). */
  public Pruner pruner() {
    return pruner;
  }

  /** The name of the objective, e.g. {@code "accuracy"}; the metric name when the best model is published. */
  public String objectiveName() {
    return objectiveName;
  }

  /** How many more trials the sampler can give ({@code Long.MAX_VALUE} unless it is a grid). */
  public synchronized long remaining() {
    long cap = sampler.capacity(space);
    return cap == Long.MAX_VALUE ? cap : Math.max(0, cap - trials.size());
  }

  /**
   * Starts the next trial: numbers it and samples its parameters.
   *
   * @throws ValidationException if the grid is exhausted ({@link #remaining()} is 0)
   */
  public synchronized Trial ask() {
    int number = trials.size();
    if (remaining() == 0) {
      throw new ValidationException("the sampler " + sampler + " has no more trials: all " + number + " combinations "
          + "were asked; check study.remaining() before asking");
    }
    Params params = sampler.sample(new Sampler.Request(space, number, direction, seed, snapshot()));
    Trial t = new Trial(this, number, params);
    trials.add(new Entry(t, nanoTime.getAsLong()));
    return t;
  }

  /**
   * Completes {@code trial} with the objective {@code value}. A NaN or infinite value marks it FAILED, as in Optuna.
   *
   * @throws IllegalStateException if the trial was already told
   */
  public synchronized void tell(Trial trial, double value) {
    Entry e = running(trial);
    if (Double.isFinite(value)) {
      finish(e, TrialState.COMPLETE, value, null);
    } else {
      finish(e, TrialState.FAILED, Double.NaN, "the objective returned " + value);
    }
  }

  /** Ends {@code trial} as {@link TrialState#FAILED} or {@link TrialState#PRUNED}. */
  public void tell(Trial trial, TrialState state) {
    tell(trial, state, null);
  }

  /** Ends {@code trial} as FAILED or PRUNED, with the reason it failed (recorded and shown), or {@code null}. */
  public synchronized void tell(Trial trial, TrialState state, String error) {
    Entry e = running(trial);
    if (state == TrialState.PRUNED) {
      finish(e, state, e.intermediate.isEmpty() ? Double.NaN : e.intermediate.lastEntry().getValue(), error);
    } else if (state == TrialState.FAILED) {
      finish(e, state, Double.NaN, error);
    } else {
      throw new ValidationException("tell(trial, " + state + "): only FAILED or PRUNED can be told without a value; "
          + "use tell(trial, value) to complete it");
    }
  }

  /** Records an intermediate value of a running trial; see {@link Trial#report}. */
  synchronized void report(Trial trial, int step, double value) {
    Entry e = running(trial);
    if (step < 0) {
      throw new ValidationException("trial " + trial.number() + ": step is " + step + "; steps start at 0");
    }
    if (e.intermediate.containsKey(step)) {
      throw new ValidationException("trial " + trial.number() + " already reported step " + step + " (value "
          + e.intermediate.get(step) + "); report each step once");
    }
    e.intermediate.put(step, value);
  }

  /** Whether the pruner would stop {@code trial} given what it and the other trials have reported so far. */
  public synchronized boolean shouldPrune(Trial trial) {
    Entry e = running(trial);
    List<TrialResult> all = snapshot();
    return pruner.shouldPrune(all.get(e.trial.number()), all, direction);
  }

  /**
   * The best completed trial (ties: the earliest).
   *
   * @throws IllegalStateException if no trial completed
   */
  public synchronized TrialResult best() {
    Entry best = null;
    int failed = 0;
    int pruned = 0;
    for (Entry e : trials) {
      failed += e.state == TrialState.FAILED ? 1 : 0;
      pruned += e.state == TrialState.PRUNED ? 1 : 0;
      if (e.state == TrialState.COMPLETE && (best == null || direction.better(e.value, best.value))) {
        best = e;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no trial of the study has completed (" + trials.size() + " asked, " + failed
          + " failed, " + pruned + " pruned); run trials and tell their values first");
    }
    return result(best);
  }

  /** Every trial so far, by number. */
  public synchronized List<TrialResult> trials() {
    return snapshot();
  }

  /**
   * The trials as an aligned text table: number, each parameter, the value (headed by the objective name; "-" when
   * there is none), state, duration. Reals are shown with 6 significant digits; {@link #toJson()} keeps every digit.
   *
   * <pre>
   * trial  epochs  learningRate  accuracy  state     duration
   *     0  12      0.0131        0.953333  COMPLETE  41 ms
   * </pre>
   */
  public String table() {
    return StudyFormat.table(this, trials());
  }

  /** The study as JSON: direction, objective, sampler, pruner, seed, best trial number and every trial. */
  public String toJson() {
    List<TrialResult> all = trials();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("objective", objectiveName);
    root.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
    root.put("sampler", sampler.toString());
    root.put("pruner", pruner.toString());
    root.put("seed", seed);
    root.put("space", space.dimensions().stream().map(SearchSpace.Dimension::toString).toList());
    all.stream().filter(TrialResult::isComplete).reduce((a, b) -> direction.better(b.value(), a.value()) ? b : a)
        .ifPresent(b -> root.put("best", b.number()));
    List<Map<String, Object>> list = new ArrayList<>();
    for (TrialResult t : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("number", t.number());
      m.put("params", t.params().asMap());
      m.put("state", t.state().name().toLowerCase(java.util.Locale.ROOT));
      if (Double.isFinite(t.value())) {
        m.put("value", t.value());
      }
      Map<String, Object> steps = new LinkedHashMap<>();
      t.intermediate().forEach((k, v) -> steps.put(Integer.toString(k), Double.isFinite(v) ? v : null));
      if (!steps.isEmpty()) {
        m.put("intermediate", steps);
      }
      m.put("durationMillis", t.duration().toMillis());
      if (t.error() != null) {
        m.put("error", t.error());
      }
      list.add(m);
    }
    root.put("trials", list);
    return Json.toPrettyJson(root);
  }

  private Entry running(Trial trial) {
    Objects.requireNonNull(trial, "trial");
    if (trial.study() != this) {
      throw new ValidationException("trial " + trial.number() + " belongs to another study");
    }
    Entry e = trials.get(trial.number());
    if (e.state != TrialState.RUNNING) {
      throw new IllegalStateException("trial " + trial.number() + " is already " + e.state + "; a trial is told once");
    }
    return e;
  }

  private void finish(Entry e, TrialState state, double value, String error) {
    e.state = state;
    e.value = value;
    e.error = error;
    e.end = nanoTime.getAsLong();
  }

  private List<TrialResult> snapshot() {
    List<TrialResult> out = new ArrayList<>(trials.size());
    for (Entry e : trials) {
      out.add(result(e));
    }
    return out;
  }

  private TrialResult result(Entry e) {
    long end = e.state == TrialState.RUNNING ? nanoTime.getAsLong() : e.end;
    return new TrialResult(e.trial.number(), e.trial.params(), e.state, e.value, e.intermediate,
        Duration.ofNanos(Math.max(0, end - e.start)), e.error);
  }

  @Override
  public synchronized String toString() {
    return "Study[" + objectiveName + ", " + direction + ", " + sampler + ", " + trials.size() + " trials]";
  }
}
