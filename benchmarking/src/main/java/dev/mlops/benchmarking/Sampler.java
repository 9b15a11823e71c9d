package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Chooses the hyper-parameters of the next trial. Three are built in:
 * <ul>
 *   <li>{@link #grid(int)}: every combination, like scikit-learn's {@code GridSearchCV}; int ranges and
 *       categorical choices contribute all their values, real ranges {@code pointsPerRealAxis} evenly spaced points
 *       (geometrically for log scale) including both bounds. Trial {@code n} gets combination {@code n}, the last
 *       dimension varying fastest; the study stops asking when the grid is exhausted.</li>
 *   <li>{@link #random()}: uniform, in log space for {@code logReal}; trial {@code n} draws from a generator seeded by
 *       (study seed, n), so a seed gives the same trials in any thread order.</li>
 *   <li>{@link #tpe()}: a Tree-structured Parzen Estimator, as Optuna's {@code TPESampler} (see
 *       {@link #tpe(int, double, int)}).</li>
 * </ul>
 *
 * <pre>{@code
 * Study s = Tuner.study(space, Sampler.tpe(), Direction.MAXIMIZE, 42);
 * }</pre>
 *
 * <p>A sampler is called under the study's lock, in ask order; it must be deterministic given its request.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface Sampler {

  /**
   * What a sampler is asked for.
   *
   * @param space the search space
   * @param number the number of the trial being asked
   * @param direction the study's direction
   * @param seed the study's seed
   * @param history every trial asked before, by number (running ones included)
   */
  record Request(SearchSpace space, int number, Direction direction, long seed, List<TrialResult> history) {
    /** Copies the history. */
    public Request {
      Objects.requireNonNull(space, "space");
      Objects.requireNonNull(direction, "direction");
      history = List.copyOf(history);
    }

    /** A generator for this trial, seeded by (seed, number) with a well-mixed 64-bit hash. */
    public Random random() {
      long z = seed * 0x9E3779B97F4A7C15L + number + 0x632BE59BD9B4E019L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return new Random(z ^ (z >>> 31));
    }
  }

  /** The parameters for trial {@code request.number()}. */
  Params sample(Request request);

  /** How many trials this sampler can give for {@code space}: {@code Long.MAX_VALUE} unless it is a grid. */
  default long capacity(SearchSpace space) {
    return Long.MAX_VALUE;
  }

  /** A grid over a space without real ranges; a space with them needs {@link #grid(int)}. */
  static Sampler grid() {
    return new GridSampler(0);
  }

  /** A grid with {@code pointsPerRealAxis} (at least 2) evenly spaced points on each real range. */
  static Sampler grid(int pointsPerRealAxis) {
    if (pointsPerRealAxis < 2) {
      throw new ValidationException("grid: pointsPerRealAxis is " + pointsPerRealAxis + "; it must be at least 2 "
          + "(both bounds)");
    }
    return new GridSampler(pointsPerRealAxis);
  }

  /** Independent uniform draws, seeded per trial. */
  static Sampler random() {
    return new RandomSampler();
  }

  /** TPE with Optuna's defaults: 10 random startup trials, gamma 0.25, 24 candidates. */
  static Sampler tpe() {
    return tpe(10, 0.25, 24);
  }

  /**
   * A Tree-structured Parzen Estimator (Bergstra et al. 2011; Optuna's {@code TPESampler}, univariate). The first
   * {@code startupTrials} trials are random. After that, the completed trials are sorted by value and split: the best
   * {@code ceil(gamma * n)} (at least 1) are "good", the rest "bad". For each parameter on its own, a density is
   * fitted to each group:
   * <ul>
   *   <li>numeric (in the internal space: {@code log x} for logReal, widened by half a step for ints): a Parzen
   *       mixture {@code p(x) = 1/(m+1) * sum_i N(x; mu_i, sigma_i)} over the m observations plus a prior component
   *       at the range's middle with {@code sigma = range width}; each observation's {@code sigma_i} is the larger
   *       distance to its sorted neighbours (the bounds and the prior count as neighbours), clipped to
   *       {@code [width / min(100, m + 1), width]} (Hyperopt's rule);</li>
   *   <li>categorical: smoothed frequencies {@code (count_c + 1) / (m + k)}.</li>
   * </ul>
   * {@code candidates} values are drawn from the good density {@code l(x)}, and the one with the largest
   * {@code l(x) / g(x)} ({@code g} the bad density) is chosen, which maximises expected improvement under the TPE
   * model. Draws come from the per-trial generator, so the sampler is deterministic given the history. Differs
   * from Optuna in details: equal component weights, no truncation renormalisation of the Gaussians (draws outside
   * the range are redrawn), failed and pruned trials are ignored.
   */
  static Sampler tpe(int startupTrials, double gamma, int candidates) {
    if (startupTrials < 2) {
      throw new ValidationException("tpe: startupTrials is " + startupTrials + "; at least 2 are needed to split "
          + "trials into good and bad");
    }
    if (!(gamma > 0 && gamma < 1)) {
      throw new ValidationException("tpe: gamma is " + gamma + "; it must be in (0, 1), e.g. 0.25");
    }
    if (candidates < 1) {
      throw new ValidationException("tpe: candidates is " + candidates + "; it must be at least 1, e.g. 24");
    }
    return new TpeSampler(startupTrials, gamma, candidates);
  }
}
