package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a {@link PerformanceRunner} run. Like MLPerf LoadGen, a run lasts until <em>both</em> the minimum
 * duration and the minimum query count are met. Before it, warm-up windows of {@link #warmupWindow()} run until
 * the mean latency of the last two windows differs by less than {@link #warmupTolerance()} (steady), or
 * {@link #maxWarmup()} has passed.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.defaults().withMinDuration(Duration.ofSeconds(10)).withSeed(7);
 * RunOptions p = RunOptions.builder().minQueries(100_000).latencyBound(Duration.ofMillis(5)).build();
 * }</pre>
 *
 * @param warmupWindow the length of one warm-up window, at least 1 ms
 * @param warmupTolerance the relative difference of the last two windows' mean latency under which the
 *     predictor counts as warm, above 0 and below 1 (0.05 = 5%)
 * @param maxWarmup the longest warm-up, at least one window (zero: no warm-up at all)
 * @param minDuration the shortest measured phase, at least 0
 * @param minQueries the fewest measured queries, at least 1
 * @param seed the seed of the server scenario's arrival times
 * @param latencyBound a latency bound; queries over it are counted ({@link PerformanceResult#overBound()}), or
 *     null for none
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record RunOptions(Duration warmupWindow, double warmupTolerance, Duration maxWarmup, Duration minDuration,
    long minQueries, long seed, Duration latencyBound) {

  private static final RunOptions DEFAULTS = new RunOptions(Duration.ofMillis(200), 0.05, Duration.ofSeconds(10),
      Duration.ofSeconds(1), 1024, 42, null);

  /** Checks every option; the message names the option, its value and the allowed range. */
  public RunOptions {
    Objects.requireNonNull(warmupWindow, "warmupWindow");
    Objects.requireNonNull(maxWarmup, "maxWarmup");
    Objects.requireNonNull(minDuration, "minDuration");
    if (warmupWindow.compareTo(Duration.ofMillis(1)) < 0) {
      throw new ValidationException("warmupWindow is " + warmupWindow + "; it must be at least 1 ms (PT0.001S)");
    }
    if (!(warmupTolerance > 0 && warmupTolerance < 1)) {
      throw new ValidationException("warmupTolerance is " + warmupTolerance
          + "; it must be above 0 and below 1 (0.05 means the last two windows differ by under 5%)");
    }
    if (maxWarmup.isNegative() || (!maxWarmup.isZero() && maxWarmup.compareTo(warmupWindow) < 0)) {
      throw new ValidationException("maxWarmup is " + maxWarmup + "; it must be zero (no warm-up) or at least one"
          + " warmupWindow (" + warmupWindow + ")");
    }
    if (minDuration.isNegative()) {
      throw new ValidationException("minDuration is " + minDuration + "; it must not be negative");
    }
    if (minQueries < 1) {
      throw new ValidationException("minQueries is " + minQueries + "; it must be at least 1");
    }
    if (latencyBound != null && (latencyBound.isNegative() || latencyBound.isZero())) {
      throw new ValidationException("latencyBound is " + latencyBound + "; it must be above zero, or absent");
    }
  }

  /**
   * Warm-up windows of 200 ms, steady at 5%, at most 10 s of warm-up; at least 1 s and 1024 queries measured
   * (LoadGen's single-stream minimum query count); seed 42; no latency bound.
   */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The latency bound, if one is set. */
  public Optional<Duration> bound() {
    return Optional.ofNullable(latencyBound);
  }

  /** These options with another warm-up window. */
  public RunOptions withWarmupWindow(Duration window) {
    return toBuilder().warmupWindow(window).build();
  }

  /** These options with another warm-up tolerance. */
  public RunOptions withWarmupTolerance(double tolerance) {
    return toBuilder().warmupTolerance(tolerance).build();
  }

  /** These options with another longest warm-up ({@link Duration#ZERO}: none). */
  public RunOptions withMaxWarmup(Duration max) {
    return toBuilder().maxWarmup(max).build();
  }

  /** These options with another minimum duration. */
  public RunOptions withMinDuration(Duration min) {
    return toBuilder().minDuration(min).build();
  }

  /** These options with another minimum query count. */
  public RunOptions withMinQueries(long min) {
    return toBuilder().minQueries(min).build();
  }

  /** These options with another seed. */
  public RunOptions withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** These options with a latency bound (null: none). */
  public RunOptions withLatencyBound(Duration bound) {
    return toBuilder().latencyBound(bound).build();
  }

  /** Builds {@link RunOptions}; {@link #build()} checks them. */
  public static final class Builder {
    private Duration warmupWindow;
    private double warmupTolerance;
    private Duration maxWarmup;
    private Duration minDuration;
    private long minQueries;
    private long seed;
    private Duration latencyBound;

    private Builder(RunOptions o) {
      warmupWindow = o.warmupWindow;
      warmupTolerance = o.warmupTolerance;
      maxWarmup = o.maxWarmup;
      minDuration = o.minDuration;
      minQueries = o.minQueries;
      seed = o.seed;
      latencyBound = o.latencyBound;
    }

    /** See {@link RunOptions#warmupWindow()}. */
    public Builder warmupWindow(Duration v) {
      warmupWindow = v;
      return this;
    }

    /** See {@link RunOptions#warmupTolerance()}. */
    public Builder warmupTolerance(double v) {
      warmupTolerance = v;
      return this;
    }

    /** See {@link RunOptions#maxWarmup()}. */
    public Builder maxWarmup(Duration v) {
      maxWarmup = v;
      return this;
    }

    /** No warm-up at all. */
    public Builder noWarmup() {
      maxWarmup = Duration.ZERO;
      return this;
    }

    /** See {@link RunOptions#minDuration()}. */
    public Builder minDuration(Duration v) {
      minDuration = v;
      return this;
    }

    /** See {@link RunOptions#minQueries()}. */
    public Builder minQueries(long v) {
      minQueries = v;
      return this;
    }

    /** See {@link RunOptions#seed()}. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** See {@link RunOptions#latencyBound()}; null for none. */
    public Builder latencyBound(Duration v) {
      latencyBound = v;
      return this;
    }

    /** The options, checked. */
    public RunOptions build() {
      return new RunOptions(warmupWindow, warmupTolerance, maxWarmup, minDuration, minQueries, seed, latencyBound);
    }
  }
}
