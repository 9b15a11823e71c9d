package dev.mlops.benchmarking;

import dev.mlops.core.MlopsException;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Hyper-parameter tuning for any trainer: make a {@link Study}, then drive it by ask and tell or let
 * {@link #optimize} run the trials on a thread pool.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder().intRange("epochs", 1, 30).logReal("lr", 1e-3, 1).build();
 * Study study = Tuner.study(space, Sampler.tpe(), Direction.MAXIMIZE, 42);
 * Tuner.optimize(study, 60, 4, p -> CrossValidation.score(data, 5, 7, true, trainer, p, accuracy));
 * TrialResult best = study.best();
 * TunerResults.publishBest(store, "iris", Path.of("model.bin"), study);
 * }</pre>
 *
 * <h2>Reproducibility</h2>
 * A study's trials are numbered in ask order and the built-in samplers draw trial {@code n} from a generator seeded by
 * (seed, n). With the grid and random samplers the same seed therefore gives the same parameters for every trial at
 * any parallelism (and so the same results for a deterministic objective). With the TPE sampler and
 * {@code parallelism > 1}, which trials have completed when trial {@code n} is asked depends on timing, so results can
 * differ from run to run; use {@code parallelism = 1} for a reproducible TPE search. Pruning decisions compare
 * against the trials that reached a rung first, which also depends on timing when trials run in parallel.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class Tuner {
  private Tuner() {}

  /** The objective of {@link #optimizeTrials}: gets the running trial (for params, report, shouldPrune). */
  @FunctionalInterface
  public interface TrialObjective {
    /** The objective value of {@code trial}; throw {@link TrialPrunedException} to stop it early. */
    double evaluate(Trial trial);
  }

  /** A study with no pruner, its objective named {@code "objective"}. */
  public static Study study(SearchSpace space, Sampler sampler, Direction direction, long seed) {
    return builder(space).sampler(sampler).direction(direction).seed(seed).build();
  }

  /**
   * A builder for a study with every option.
   *
   * <pre>{@code
   * Study s = Tuner.builder(space).sampler(Sampler.tpe()).direction(Direction.MINIMIZE).seed(7)
   *     .pruner(Pruner.successiveHalving(1, 3)).objectiveName("logloss").build();
   * }</pre>
   */
  public static Builder builder(SearchSpace space) {
    return new Builder(space);
  }

  /**
   * Runs {@code trials} trials of {@code study} (fewer if a grid runs out) on {@code parallelism} threads: each asks,
   * evaluates {@code objective} on the parameters, and tells the value. An objective that throws or returns null
   * marks its trial FAILED with the exception's message; other trials go on. Returns when all are done. See the class
   * comment on reproducibility.
   *
   * @throws ValidationException if {@code trials < 0} or {@code parallelism < 1}
   */
  public static Study optimize(Study study, int trials, int parallelism, Function<Params, Double> objective) {
    Objects.requireNonNull(objective, "objective");
    return optimizeTrials(study, trials, parallelism, t -> {
      Double v = objective.apply(t.params());
      if (v == null) {
        throw new ValidationException("the objective returned null for " + t.params());
      }
      return v;
    });
  }

  /**
   * {@link #optimize} with an objective that gets the {@link Trial}, to report intermediate values and stop early by
   * throwing {@link TrialPrunedException} (the trial is then told PRUNED).
   *
   * <pre>{@code
   * Tuner.optimizeTrials(study, 40, 4, t -> {
   *   for (int epoch = 1; epoch <= 27; epoch++) {
   *     t.report(epoch, trainOneEpochAndScore(t.params()));
   *     if (t.shouldPrune()) throw new TrialPrunedException(t);
   *   }
   *   return finalScore;
   * });
   * }</pre>
   */
  public static Study optimizeTrials(Study study, int trials, int parallelism, TrialObjective objective) {
    Objects.requireNonNull(study, "study");
    Objects.requireNonNull(objective, "objective");
    if (trials < 0) {
      throw new ValidationException("optimize: trials is " + trials + "; it must be at least 0");
    }
    if (parallelism < 1) {
      throw new ValidationException("optimize: parallelism is " + parallelism + "; it must be at least 1");
    }
    int n = (int) Math.min(trials, study.remaining());
    if (parallelism == 1) {
      for (int i = 0; i < n; i++) {
        runOne(study, objective);
      }
      return study;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "tuner-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> runOne(study, objective)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlopsException("interrupted while tuning " + study + "; trials in flight were cancelled", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error err) {
        throw err;
      }
      throw new MlopsException("a tuning trial of " + study + " failed outside its objective", cause);
    } finally {
      pool.shutdownNow();
    }
    return study;
  }

  private static void runOne(Study study, TrialObjective objective) {
    Trial t = study.ask();
    double value;
    try {
      value = objective.evaluate(t);
    } catch (TrialPrunedException e) {
      study.tell(t, TrialState.PRUNED);
      return;
    } catch (RuntimeException e) {
      study.tell(t, TrialState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    } catch (Error e) {
      study.tell(t, TrialState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
    study.tell(t, value);
  }

  /**
   * Builds a {@link Study}; sampler and direction are required. Not thread-safe.
   *
   * <p>Stability: experimental.
   */
  public static final class Builder {
    private final SearchSpace space;
    private Sampler sampler;
    private Direction direction;
    private long seed;
    private Pruner pruner = Pruner.none();
    private String objectiveName = "objective";
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(SearchSpace space) {
      this.space = Objects.requireNonNull(space, "space");
    }

    /** The sampler (required). */
    public Builder sampler(Sampler value) {
      sampler = Objects.requireNonNull(value, "sampler");
      return this;
    }

    /** The direction (required). */
    public Builder direction(Direction value) {
      direction = Objects.requireNonNull(value, "direction");
      return this;
    }

    /** The seed; 0 by default. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** The pruner; {@link Pruner#none()} by default. */
    public Builder pruner(Pruner value) {
      pruner = Objects.requireNonNull(value, "pruner");
      return this;
    }

    /** What the objective measures, e.g. {@code "accuracy"}; {@code "objective"} by default. */
    public Builder objectiveName(String value) {
      if (value == null || value.isBlank()) {
        throw new ValidationException("objectiveName must be a non-blank name, e.g. \"accuracy\"");
      }
      objectiveName = value;
      return this;
    }

    /** The nanosecond clock trial durations are measured with; {@code System::nanoTime} by default. */
    public Builder ticker(LongSupplier value) {
      nanoTime = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /** The study. */
    public Study build() {
      if (sampler == null || direction == null) {
        throw new ValidationException("a study needs a sampler and a direction; set them with .sampler(...) and "
            + ".direction(Direction.MAXIMIZE or MINIMIZE)");
      }
      sampler.capacity(space);
      return new Study(space, sampler, direction, seed, pruner, objectiveName, nanoTime);
    }
  }
}
