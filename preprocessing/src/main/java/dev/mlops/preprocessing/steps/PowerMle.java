package dev.mlops.preprocessing.steps;

import java.util.function.DoubleUnaryOperator;

/**
 * The numerics of {@link PowerTransform}, written to follow scikit-learn 1.2.1, scipy 1.10 and numpy 1.24 operation
 * for operation: the Yeo-Johnson and Box-Cox formulas, their negative log-likelihoods (with numpy's pairwise
 * summation and two-pass variance), scipy's {@code optimize.bracket} and {@code optimize.brent}, and the
 * standardizing scaler's corrected two-pass mean and variance.
 */
final class PowerMle {
  private PowerMle() {}

  private static final double SPACING_ONE = Math.ulp(1.0); // np.spacing(1.0)
  private static final double TINY = Double.MIN_NORMAL; // np.finfo(np.float64).tiny

  /** sklearn's {@code _yeo_johnson_transform} for one value (NaN stays NaN). */
  static double yeoJohnson(double x, double lambda) {
    if (x >= 0) {
      return Math.abs(lambda) < SPACING_ONE ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
    }
    return Math.abs(lambda - 2) > SPACING_ONE
        ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda)
        : -Math.log1p(-x);
  }

  /** scipy's {@code special.boxcox} for one value. */
  static double boxCox(double x, double lambda) {
    return Math.abs(lambda) < 1e-19 ? Math.log(x) : Math.expm1(lambda * Math.log(x)) / lambda;
  }

  /** The Yeo-Johnson lambda maximising the log-likelihood of {@code x} (no NaN), as sklearn 1.2.1. */
  static double yeoJohnsonLambda(double[] x) {
    int n = x.length;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = Math.signum(x[i]) * Math.log1p(Math.abs(x[i]));
    }
    double signedLogSum = sum(t, 0, n);
    double[] scratch = new double[n];
    return brent(lambda -> {
      for (int i = 0; i < n; i++) {
        t[i] = yeoJohnson(x[i], lambda);
      }
      double var = variance(t, scratch);
      if (var < TINY) {
        return Double.POSITIVE_INFINITY;
      }
      double loglike = -(double) n / 2 * Math.log(var);
      loglike += (lambda - 1) * signedLogSum;
      return -loglike;
    });
  }

  /** The Box-Cox lambda maximising the log-likelihood of {@code x} (positive, no NaN), as scipy's boxcox. */
  static double boxCoxLambda(double[] x) {
    int n = x.length;
    double[] logs = new double[n];
    for (int i = 0; i < n; i++) {
      logs[i] = Math.log(x[i]);
    }
    double logSum = sum(logs, 0, n);
    double[] t = new double[n];
    double[] scratch = new double[n];
    return brent(lambda -> {
      double var;
      if (lambda == 0) {
        var = variance(logs, scratch);
      } else {
        for (int i = 0; i < n; i++) {
          t[i] = Math.pow(x[i], lambda) / lambda;
        }
        var = variance(t, scratch);
      }
      return -((lambda - 1) * logSum - (double) n / 2 * Math.log(var));
    });
  }

  /** numpy's {@code var} (ddof 0): pairwise mean, then the pairwise sum of squared deviations over n. */
  static double variance(double[] a) {
    return variance(a, new double[a.length]);
  }

  /** {@link #variance(double[])} with a scratch array as long as {@code a}. */
  static double variance(double[] a, double[] d) {
    int n = a.length;
    double mean = sum(a, 0, n) / n;
    for (int i = 0; i < n; i++) {
      double e = a[i] - mean;
      d[i] = e * e;
    }
    return sum(d, 0, n) / n;
  }

  /** numpy's pairwise summation ({@code pairwise_sum_DOUBLE}) of {@code a[from, from + n)}. */
  static double sum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= 128) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        int j = from + i;
        r0 += a[j];
        r1 += a[j + 1];
        r2 += a[j + 2];
        r3 += a[j + 3];
        r4 += a[j + 4];
        r5 += a[j + 5];
        r6 += a[j + 6];
        r7 += a[j + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return sum(a, from, n2) + sum(a, from + n2, n - n2);
  }

  /**
   * sklearn's StandardScaler statistics of {@code y} (NaN = missing): {@code {mean, variance, scale}} by the
   * corrected two-pass algorithm over {@code numpy.nansum} (NaN summed as 0 in place), scale 1 for a (near)
   * constant column.
   */
  static double[] scaler(double[] y) {
    int n = y.length;
    double[] z = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(y[i])) {
        z[i] = y[i];
        count++;
      }
    }
    double newSum = sum(z, 0, n);
    double mean = newSum / count;
    for (int i = 0; i < n; i++) {
      z[i] = Double.isNaN(y[i]) ? 0 : y[i] - mean;
    }
    double correction = sum(z, 0, n);
    for (int i = 0; i < n; i++) {
      z[i] = z[i] * z[i];
    }
    double unnormalized = sum(z, 0, n);
    unnormalized -= correction * correction / count;
    double var = unnormalized / count;
    double eps = Math.ulp(1.0);
    double bound = count * eps * var + (count * mean * eps) * (count * mean * eps);
    double scale = var <= bound ? 1.0 : Math.sqrt(var);
    return new double[] {mean, var, scale};
  }

  /** scipy's {@code optimize.brent(f, brack=(-2, 2))} (tol 1.48e-8, maxiter 500): the minimiser. */
  static double brent(DoubleUnaryOperator f) {
    double[] br = bracket(f, -2.0, 2.0);
    double xa = br[0];
    double xb = br[1];
    double xc = br[2];
    double fb = br[4];
    final double tol = 1.48e-8;
    final double mintol = 1.0e-11;
    final double cg = 0.3819660;
    double x = xb;
    double w = xb;
    double v = xb;
    double fw = fb;
    double fv = fb;
    double fx = fb;
    double a;
    double b;
    if (xa < xc) {
      a = xa;
      b = xc;
    } else {
      a = xc;
      b = xa;
    }
    double deltax = 0.0;
    double rat = 0.0;
    for (int iter = 0; iter < 500; iter++) {
      double tol1 = tol * Math.abs(x) + mintol;
      double tol2 = 2.0 * tol1;
      double xmid = 0.5 * (a + b);
      if (Math.abs(x - xmid) < (tol2 - 0.5 * (b - a))) {
        break;
      }
      if (Math.abs(deltax) <= tol1) {
        deltax = x >= xmid ? a - x : b - x;
        rat = cg * deltax;
      } else {
        double tmp1 = (x - w) * (fx - fv);
        double tmp2 = (x - v) * (fx - fw);
        double p = (x - v) * tmp2 - (x - w) * tmp1;
        tmp2 = 2.0 * (tmp2 - tmp1);
        if (tmp2 > 0.0) {
          p = -p;
        }
        tmp2 = Math.abs(tmp2);
        double dxTemp = deltax;
        deltax = rat;
        if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
          rat = p * 1.0 / tmp2;
          double u = x + rat;
          if ((u - a) < tol2 || (b - u) < tol2) {
            rat = xmid - x >= 0 ? tol1 : -tol1;
          }
        } else {
          deltax = x >= xmid ? a - x : b - x;
          rat = cg * deltax;
        }
      }
      double u;
      if (Math.abs(rat) < tol1) {
        u = rat >= 0 ? x + tol1 : x - tol1;
      } else {
        u = x + rat;
      }
      double fu = f.applyAsDouble(u);
      if (fu > fx) {
        if (u < x) {
          a = u;
        } else {
          b = u;
        }
        if (fu <= fw || w == x) {
          v = w;
          w = u;
          fv = fw;
          fw = fu;
        } else if (fu <= fv || v == x || v == w) {
          v = u;
          fv = fu;
        }
      } else {
        if (u >= x) {
          a = x;
        } else {
          b = x;
        }
        v = w;
        w = x;
        x = u;
        fv = fw;
        fw = fx;
        fx = fu;
      }
    }
    return x;
  }

  /** scipy's {@code optimize.bracket(f, xa, xb)}: {@code {xa, xb, xc, fa, fb, fc}}. */
  static double[] bracket(DoubleUnaryOperator f, double xa0, double xb0) {
    final double gold = 1.618034;
    final double verysmall = 1e-21;
    final double growLimit = 110.0;
    double xa = xa0;
    double xb = xb0;
    double fa = f.applyAsDouble(xa);
    double fb = f.applyAsDouble(xb);
    if (fa < fb) {
      double t = xa;
      xa = xb;
      xb = t;
      t = fa;
      fa = fb;
      fb = t;
    }
    double xc = xb + gold * (xb - xa);
    double fc = f.applyAsDouble(xc);
    int iter = 0;
    while (fc < fb) {
      double tmp1 = (xb - xa) * (fb - fc);
      double tmp2 = (xb - xc) * (fb - fa);
      double val = tmp2 - tmp1;
      double denom = Math.abs(val) < verysmall ? 2.0 * verysmall : 2.0 * val;
      double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
      double wlim = xb + growLimit * (xc - xb);
      if (iter > 1000) {
        throw new ArithmeticException("no bracket of the likelihood's maximum in 1000 iterations");
      }
      iter++;
      double fw;
      if ((w - xc) * (xb - w) > 0.0) {
        fw = f.applyAsDouble(w);
        if (fw < fc) {
          return new double[] {xb, w, xc, fb, fw, fc};
        } else if (fw > fb) {
          return new double[] {xa, xb, w, fa, fb, fw};
        }
        w = xc + gold * (xc - xb);
        fw = f.applyAsDouble(w);
      } else if ((w - wlim) * (wlim - xc) >= 0.0) {
        w = wlim;
        fw = f.applyAsDouble(w);
      } else if ((w - wlim) * (xc - w) > 0.0) {
        fw = f.applyAsDouble(w);
        if (fw < fc) {
          xb = xc;
          xc = w;
          w = xc + gold * (xc - xb);
          fb = fc;
          fc = fw;
          fw = f.applyAsDouble(w);
        }
      } else {
        w = xc + gold * (xc - xb);
        fw = f.applyAsDouble(w);
      }
      xa = xb;
      xb = xc;
      xc = w;
      fa = fb;
      fb = fc;
      fc = fw;
    }
    return new double[] {xa, xb, xc, fa, fb, fc};
  }
}
