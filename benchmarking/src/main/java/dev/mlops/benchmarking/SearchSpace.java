package dev.mlops.benchmarking;

import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The hyper-parameters a {@link Study} searches over, in declaration order: integer ranges, real ranges (linear or
 * log scale) and categorical choices.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *     .intRange("epochs", 1, 50, 1)
 *     .logReal("learningRate", 1e-4, 1.0)        // sampled uniformly in log(x)
 *     .real("dropout", 0.0, 0.5)                  // sampled uniformly in x
 *     .categorical("optimizer", "sgd", "adagrad")
 *     .build();
 * }</pre>
 *
 * <p>Bounds are inclusive. An integer range with a step holds {@code lo, lo+step, ...} up to {@code hi}. Immutable
 * and thread-safe.
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class SearchSpace {
  /** What kind of values a dimension holds. */
  public enum Kind {
    /** Integers {@code low, low+step, ...} up to {@code high}. */
    INT,
    /** Reals in {@code [low, high]}, linear scale. */
    REAL,
    /** Reals in {@code [low, high]}, log scale ({@code low > 0}). */
    LOG_REAL,
    /** One of a list of strings. */
    CATEGORICAL
  }

  /**
   * One hyper-parameter.
   *
   * @param name its name, unique in the space
   * @param kind its kind
   * @param low the lower bound (numeric kinds), 0 for categorical
   * @param high the upper bound (numeric kinds; for INT the largest value on the step grid), or the number of
   *     choices minus one for categorical
   * @param step the step (INT), 0 otherwise
   * @param choices the choices (CATEGORICAL), empty otherwise
   */
  public record Dimension(String name, Kind kind, double low, double high, int step, List<String> choices) {
    /** Copies the choices. */
    public Dimension {
      choices = List.copyOf(choices);
    }

    /** The number of values on the grid of an INT or CATEGORICAL dimension. */
    int gridSize() {
      return kind == Kind.CATEGORICAL ? choices.size() : (int) Math.round((high - low) / step) + 1;
    }

    /** The bounds of the internal (transformed) space: log for LOG_REAL, widened by half a step for INT. */
    double internalLow() {
      return kind == Kind.LOG_REAL ? Math.log(low) : kind == Kind.INT ? low - step / 2.0 : low;
    }

    double internalHigh() {
      return kind == Kind.LOG_REAL ? Math.log(high) : kind == Kind.INT ? high + step / 2.0 : high;
    }

    /** A numeric value in the internal space. */
    double toInternal(Object value) {
      double v = ((Number) value).doubleValue();
      return kind == Kind.LOG_REAL ? Math.log(v) : v;
    }

    /** The value at internal coordinate {@code t}: snapped to the step grid (INT), clamped to the bounds. */
    Object fromInternal(double t) {
      return switch (kind) {
        case INT -> {
          long k = Math.round((t - low) / step);
          yield (int) (low + Math.max(0, Math.min(gridSize() - 1, k)) * step);
        }
        case REAL -> Math.max(low, Math.min(high, t));
        case LOG_REAL -> Math.max(low, Math.min(high, Math.exp(t)));
        case CATEGORICAL -> throw new IllegalStateException("categorical has no internal space");
      };
    }

    /** A value drawn uniformly (in the internal space for numeric kinds). */
    Object sampleUniform(Random rng) {
      return switch (kind) {
        case INT -> (int) (low + rng.nextInt(gridSize()) * (long) step);
        case CATEGORICAL -> choices.get(rng.nextInt(choices.size()));
        default -> fromInternal(internalLow() + rng.nextDouble() * (internalHigh() - internalLow()));
      };
    }

    @Override
    public String toString() {
      return switch (kind) {
        case INT -> name + ": int[" + (int) low + ", " + (int) high + (step == 1 ? "" : " step " + step) + "]";
        case REAL -> name + ": real[" + low + ", " + high + "]";
        case LOG_REAL -> name + ": logReal[" + low + ", " + high + "]";
        case CATEGORICAL -> name + ": " + choices;
      };
    }
  }

  private final List<Dimension> dimensions;

  private SearchSpace(List<Dimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
  }

  /** A builder for a space. */
  public static Builder builder() {
    return new Builder();
  }

  /** The dimensions, in declaration order. */
  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** The names of the dimensions, in declaration order. */
  public List<String> names() {
    return dimensions.stream().map(Dimension::name).toList();
  }

  /** A point drawn uniformly (log scale for LOG_REAL) from {@code rng}. */
  Params sampleUniform(Random rng) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      values.put(d.name(), d.sampleUniform(rng));
    }
    return new Params(values);
  }

  @Override
  public String toString() {
    return dimensions.stream().map(Dimension::toString).collect(Collectors.joining(", ", "SearchSpace[", "]"));
  }

  /** Builds a {@link SearchSpace}; each method checks its arguments at once. Not thread-safe. */
  public static final class Builder {
    private final List<Dimension> dims = new ArrayList<>();
    private final HashSet<String> names = new HashSet<>();

    private Builder() {}

    /** Integers {@code lo..hi} inclusive. */
    public Builder intRange(String name, int lo, int hi) {
      return intRange(name, lo, hi, 1);
    }

    /** Integers {@code lo, lo+step, ...} up to {@code hi}. */
    public Builder intRange(String name, int lo, int hi, int step) {
      checkName(name);
      checkOrder(name, lo, hi);
      if (step <= 0) {
        throw new ValidationException("intRange '" + name + "': step is " + step + "; it must be at least 1");
      }
      int top = (int) (lo + ((long) hi - lo) / step * step);
      return add(new Dimension(name, Kind.INT, lo, top, step, List.of()));
    }

    /** Reals in {@code [lo, hi]}, sampled uniformly. */
    public Builder real(String name, double lo, double hi) {
      checkName(name);
      checkFinite(name, lo, hi);
      checkOrder(name, lo, hi);
      return add(new Dimension(name, Kind.REAL, lo, hi, 0, List.of()));
    }

    /** Reals in {@code [lo, hi]}, {@code 0 < lo}, sampled uniformly in {@code log(x)} (learning rates, penalties). */
    public Builder logReal(String name, double lo, double hi) {
      checkName(name);
      checkFinite(name, lo, hi);
      if (!(lo > 0)) {
        throw new ValidationException("logReal '" + name + "': lo is " + lo + "; a log-scale range needs 0 < lo <= hi;"
            + " use real(...) for a range that includes zero or negatives");
      }
      checkOrder(name, lo, hi);
      return add(new Dimension(name, Kind.LOG_REAL, lo, hi, 0, List.of()));
    }

    /** One of {@code values} (at least one, distinct). */
    public Builder categorical(String name, String... values) {
      checkName(name);
      if (values == null || values.length == 0) {
        throw new ValidationException("categorical '" + name + "' has no values; give at least one");
      }
      List<String> list = List.of(values);
      if (new HashSet<>(list).size() != list.size()) {
        throw new ValidationException("categorical '" + name + "' lists a value twice: " + list
            + "; give each value once");
      }
      return add(new Dimension(name, Kind.CATEGORICAL, 0, list.size() - 1, 0, list));
    }

    /** The space. */
    public SearchSpace build() {
      if (dims.isEmpty()) {
        throw new ValidationException("the search space is empty; add at least one dimension");
      }
      return new SearchSpace(dims);
    }

    private Builder add(Dimension d) {
      dims.add(d);
      names.add(d.name());
      return this;
    }

    private void checkName(String name) {
      if (name == null || name.isBlank()) {
        throw new ValidationException("a search space dimension needs a non-blank name");
      }
      if (names.contains(name)) {
        throw new ValidationException("dimension '" + name + "' is defined twice in the search space; names must be "
            + "unique");
      }
    }

    private static void checkFinite(String name, double lo, double hi) {
      if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
        throw new ValidationException("range '" + name + "' is [" + lo + ", " + hi + "]; bounds must be finite");
      }
    }

    private static void checkOrder(String name, double lo, double hi) {
      if (lo > hi) {
        throw new ValidationException("range '" + name + "' has lo " + lo + " > hi " + hi + "; swap them");
      }
    }
  }
}
