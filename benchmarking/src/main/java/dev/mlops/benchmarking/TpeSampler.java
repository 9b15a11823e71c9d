package dev.mlops.benchmarking;

import dev.mlops.benchmarking.SearchSpace.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Univariate TPE; the formulas are on {@link Sampler#tpe(int, double, int)}. */
final class TpeSampler implements Sampler {
  private final int startup;
  private final double gamma;
  private final int candidates;

  TpeSampler(int startup, double gamma, int candidates) {
    this.startup = startup;
    this.gamma = gamma;
    this.candidates = candidates;
  }

  @Override
  public Params sample(Request r) {
    Random rng = r.random();
    List<TrialResult> done = new ArrayList<>();
    for (TrialResult t : r.history()) {
      if (t.isComplete()) {
        done.add(t);
      }
    }
    if (done.size() < startup) {
      return r.space().sampleUniform(rng);
    }
    Comparator<TrialResult> byValue = Comparator.comparingDouble(TrialResult::value);
    done.sort((r.direction() == Direction.MAXIMIZE ? byValue.reversed() : byValue)
        .thenComparingInt(TrialResult::number));
    int good = Math.max(1, Math.min(done.size() - 1, (int) Math.ceil(gamma * done.size())));
    List<TrialResult> l = done.subList(0, good);
    List<TrialResult> g = done.subList(good, done.size());
    Map<String, Object> values = new LinkedHashMap<>();
    for (Dimension d : r.space().dimensions()) {
      values.put(d.name(), d.kind() == SearchSpace.Kind.CATEGORICAL ? categorical(d, l, g, rng) : numeric(d, l, g, rng));
    }
    return new Params(values);
  }

  private Object categorical(Dimension d, List<TrialResult> l, List<TrialResult> g, Random rng) {
    double[] pl = frequencies(d, l);
    double[] pg = frequencies(d, g);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates; c++) {
      double u = rng.nextDouble();
      int k = 0;
      while (k < pl.length - 1 && (u -= pl[k]) > 0) {
        k++;
      }
      double score = Math.log(pl[k]) - Math.log(pg[k]);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return d.choices().get(best);
  }

  /** Smoothed frequencies (count + 1) / (m + k). */
  private static double[] frequencies(Dimension d, List<TrialResult> trials) {
    double[] p = new double[d.choices().size()];
    Arrays.fill(p, 1);
    for (TrialResult t : trials) {
      p[d.choices().indexOf(t.params().getString(d.name()))]++;
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= trials.size() + p.length;
    }
    return p;
  }

  private Object numeric(Dimension d, List<TrialResult> l, List<TrialResult> g, Random rng) {
    double lo = d.internalLow();
    double hi = d.internalHigh();
    if (!(hi > lo)) {
      return d.fromInternal(lo);
    }
    Parzen pl = new Parzen(internal(d, l), lo, hi);
    Parzen pg = new Parzen(internal(d, g), lo, hi);
    double best = Double.NaN;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < candidates; c++) {
      double x = d.toInternal(d.fromInternal(pl.sample(rng)));
      double score = pl.logDensity(x) - pg.logDensity(x);
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return d.fromInternal(best);
  }

  private static double[] internal(Dimension d, List<TrialResult> trials) {
    double[] x = new double[trials.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = d.toInternal(trials.get(i).params().get(d.name()));
    }
    return x;
  }

  /** An equal-weight Gaussian mixture over the observations plus a wide prior; Hyperopt's bandwidths. */
  private static final class Parzen {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double[] mu;
    private final double[] sigma;
    private final double lo;
    private final double hi;

    Parzen(double[] observations, double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
      double width = hi - lo;
      double prior = (lo + hi) / 2;
      int m = observations.length;
      mu = Arrays.copyOf(observations, m + 1);
      mu[m] = prior;
      Arrays.sort(mu);
      sigma = new double[m + 1];
      double min = width / Math.min(100, m + 1);
      boolean priorSeen = false;
      for (int i = 0; i <= m; i++) {
        if (!priorSeen && mu[i] == prior) {
          priorSeen = true;
          sigma[i] = width;
          continue;
        }
        double left = mu[i] - (i == 0 ? lo : mu[i - 1]);
        double right = (i == m ? hi : mu[i + 1]) - mu[i];
        sigma[i] = Math.max(min, Math.min(width, Math.max(left, right)));
      }
    }

    double sample(Random rng) {
      int k = rng.nextInt(mu.length);
      for (int tries = 0; tries < 100; tries++) {
        double x = mu[k] + sigma[k] * rng.nextGaussian();
        if (x >= lo && x <= hi) {
          return x;
        }
      }
      return Math.max(lo, Math.min(hi, mu[k]));
    }

    /** log p(x), by log-sum-exp over the components. */
    double logDensity(double x) {
      double[] terms = new double[mu.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < mu.length; i++) {
        double z = (x - mu[i]) / sigma[i];
        terms[i] = -0.5 * z * z - Math.log(sigma[i]) - LOG_SQRT_2PI;
        max = Math.max(max, terms[i]);
      }
      double sum = 0;
      for (double t : terms) {
        sum += Math.exp(t - max);
      }
      return max + Math.log(sum / mu.length);
    }
  }

  @Override
  public String toString() {
    return "tpe(startup " + startup + ", gamma " + gamma + ", " + candidates + " candidates)";
  }
}
