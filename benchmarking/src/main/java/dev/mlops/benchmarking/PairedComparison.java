package dev.mlops.benchmarking;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.core.Stability;
import dev.mlops.core.ValidationException;
import java.util.SplittableRandom;

/**
 * Two models compared on the same rows: McNemar's test on which rows each gets right, and a paired bootstrap of
 * the difference in any metric.
 *
 * <pre>{@code
 * PairedComparison.McNemar t = PairedComparison.mcNemar(test, predA, predB);
 * t.pValue();
 * PairedComparison.Difference d = PairedComparison.bootstrapDifference(test, predA, predB, "f1_macro", 1000, 0.95, 7L);
 * d.fractionABetter();
 * }</pre>
 *
 * <p>Stability: experimental.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class PairedComparison {
  /** Below this many discordant rows ({@code b + c}) McNemar uses the exact binomial test. */
  public static final int EXACT_BELOW = 25;

  private PairedComparison() {}

  /**
   * McNemar's test.
   *
   * @param b rows A gets right and B wrong
   * @param c rows A gets wrong and B right
   * @param statistic {@code min(b, c)} for the exact test; {@code (|b - c| - 1)^2 / (b + c)} for chi-square
   * @param pValue two-sided p-value
   * @param exact whether the exact binomial test was used
   */
  public record McNemar(long b, long c, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double statistic, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double pValue,
      boolean exact) {}

  /**
   * The paired bootstrap difference {@code metric(A) - metric(B)}.
   *
   * @param metric the metric id
   * @param estimate the difference on the original rows
   * @param lower lower percentile of the resampled differences
   * @param upper upper percentile
   * @param level the confidence level
   * @param fractionABetter fraction of (defined) resamples where A is strictly better, by the metric's direction
   * @param resamples the resamples where the difference was defined
   */
  public record Difference(String metric, @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double estimate,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double lower,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double upper, double level,
      @JsonSerialize(using = NanAsNull.class) @JsonDeserialize(using = NullAsNan.class) double fractionABetter, int resamples) {}

  /**
   * McNemar's test of A against B on {@code truth}: exact two-sided binomial test ({@code scipy.stats.binomtest(b,
   * b + c, 0.5)}) when {@code b + c < }{@link #EXACT_BELOW}, else chi-square with continuity correction, as
   * statsmodels' {@code mcnemar(exact=..., correction=True)}.
   */
  public static McNemar mcNemar(LabeledData truth, Predictions predA, Predictions predB) {
    if (truth.task() != Task.CLASSIFICATION) {
      throw new ValidationException("McNemar's test compares right/wrong classifications; data '" + truth.name()
          + "' is for regression (use bootstrapDifference)");
    }
    Scorers.checkSize(truth.size(), predA.size(), "data '" + truth.name() + "' (model A)");
    Scorers.checkSize(truth.size(), predB.size(), "data '" + truth.name() + "' (model B)");
    checkClassification(predA, "A");
    checkClassification(predB, "B");
    int[] ya = Scorers.classIndexes(truth, predA.labels());
    int[] yb = Scorers.classIndexes(truth, predB.labels());
    int[] pa = predA.classes();
    int[] pb = predB.classes();
    long b = 0;
    long c = 0;
    for (int i = 0; i < ya.length; i++) {
      boolean aRight = pa[i] == ya[i];
      boolean bRight = pb[i] == yb[i];
      if (aRight && !bRight) {
        b++;
      } else if (bRight && !aRight) {
        c++;
      }
    }
    return mcNemar(b, c, b + c < EXACT_BELOW);
  }

  private static void checkClassification(Predictions p, String which) {
    if (p.task() != Task.CLASSIFICATION) {
      throw new ValidationException("model " + which + "'s predictions are " + p.task() + "; McNemar needs classes");
    }
  }

  /**
   * McNemar's test from the discordant counts: exact ({@code p = min(1, 2 * P[Binomial(b + c, 1/2) <= min(b, c)])},
   * 1 when {@code b + c = 0}) or chi-square with continuity correction (not clamped when {@code b == c}, as
   * statsmodels).
   */
  public static McNemar mcNemar(long b, long c, boolean exact) {
    if (b < 0 || c < 0) {
      throw new ValidationException("discordant counts must be >= 0, got b=" + b + ", c=" + c);
    }
    long n = b + c;
    if (exact) {
      long k = Math.min(b, c);
      if (n > 1000) {
        throw new ValidationException("exact McNemar with " + n + " discordant rows; use the chi-square form");
      }
      // P[X <= k] for X ~ Binomial(n, 1/2): sum of binomial coefficients, exact in doubles for n <= 1000 up to
      // rounding; computed in log space-free form with running coefficients.
      double cdf = 0;
      double coef = Math.pow(0.5, n);
      for (long i = 0; i <= k; i++) {
        cdf += coef;
        coef = coef * (n - i) / (i + 1);
      }
      return new McNemar(b, c, k, n == 0 ? 1.0 : Math.min(1.0, 2 * cdf), true);
    }
    if (n == 0) {
      return new McNemar(b, c, Double.NaN, Double.NaN, false);
    }
    double d = Math.abs(b - c) - 1.0;
    double stat = d * d / n;
    return new McNemar(b, c, stat, chiSquare1Sf(stat), false);
  }

  /** Survival function of chi-square with one degree of freedom: {@code Q(1/2, x/2) = erfc(sqrt(x/2))}. */
  static double chiSquare1Sf(double x) {
    if (x <= 0) {
      return 1.0;
    }
    return upperGammaHalf(x / 2);
  }

  /** Regularised upper incomplete gamma {@code Q(1/2, x)}: series below 1.5, Lentz continued fraction above. */
  private static double upperGammaHalf(double x) {
    final double a = 0.5;
    final double logGammaA = 0.5 * Math.log(Math.PI);
    double prefix = Math.exp(-x + a * Math.log(x) - logGammaA);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int i = 1; i < 500; i++) {
        term *= x / (a + i);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * 1e-17) {
          break;
        }
      }
      return 1 - prefix * sum;
    }
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 500; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return prefix * h;
  }

  /**
   * Paired bootstrap of {@code metric(A) - metric(B)}: each resample draws the same rows for both models.
   * {@code metric} is a {@link Metric#id()} reported for the task.
   */
  public static Difference bootstrapDifference(LabeledData truth, Predictions predA, Predictions predB,
      String metric, int resamples, double level, long seed) {
    Bootstrap.checkParameters(resamples, level);
    Metric m = Metric.byName(metric);
    Scorers.Scorer a = Scorers.of(truth, predA);
    Scorers.Scorer b = Scorers.of(truth, predB);
    double estimate = a.score(null).value(m) - b.score(null).value(m);
    double[] diffs = new double[resamples];
    int[] w = new int[a.size()];
    SplittableRandom rng = new SplittableRandom(seed);
    int better = 0;
    int defined = 0;
    for (int r = 0; r < resamples; r++) {
      Bootstrap.draw(rng, w);
      double va = a.score(w).value(m);
      double vb = b.score(w).value(m);
      diffs[r] = va - vb;
      if (!Double.isNaN(diffs[r])) {
        defined++;
        if (m.better(va, vb)) {
          better++;
        }
      }
    }
    Bootstrap.Interval ci = Bootstrap.interval(estimate, diffs, level);
    return new Difference(m.id(), estimate, ci.lower(), ci.upper(), level,
        defined == 0 ? Double.NaN : (double) better / defined, defined);
  }
}
