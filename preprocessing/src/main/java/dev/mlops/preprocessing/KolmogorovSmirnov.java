package dev.mlops.preprocessing;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov-Smirnov test as {@code scipy.stats.ks_2samp(a, b, method='asymp')} computes it (scipy
 * 1.10): the statistic {@code D = max |F_a(x) - F_b(x)|} over the pooled values, and the p-value
 * {@code P(D_N >= D)} of the one-sample two-sided statistic for {@code N = round(n_a n_b / (n_a + n_b))} (half to
 * even), evaluated as Simard and L'Ecuyer (2011) choose: the Ruben-Gambino closed forms near the ends, the
 * Durbin matrix in the Marsaglia-Tsang-Wang form, the Pomeranz recursion, the Pelz-Good series, or twice the
 * one-sided Smirnov probability (Birnbaum-Tingey sum). Written from the published algorithms; checked against
 * scipy by {@code src/test/resources/scipy/make_drift_golden.py}.
 */
final class KolmogorovSmirnov {
  private static final double TWO_128 = 0x1.0p128;
  private static final double TWO_M128 = 0x1.0p-128;
  private static final double PI2 = Math.PI * Math.PI;
  private static final double PI4 = PI2 * PI2;
  private static final double PI6 = PI4 * PI2;
  private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** log of the smallest normal double, cephes' MINLOG. */
  private static final double MIN_LOG = -708.396418532264106224;
  /** Bernoulli-number coefficients of Stirling's series for log(n!/n^n), highest power first. */
  private static final double[] STIRLING = {-2.955065359477124183e-2, 6.4102564102564102564e-3,
      -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
      -2.7777777777777777778e-3, 8.3333333333333333333e-2};

  private KolmogorovSmirnov() {}

  /** The statistic for two sorted samples, each non-empty. */
  static double statistic(double[] a, double[] b) {
    int n1 = a.length;
    int n2 = b.length;
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < n1 || j < n2) {
      double v = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
      while (i < n1 && a[i] <= v) {
        i++;
      }
      while (j < n2 && b[j] <= v) {
        j++;
      }
      double diff = Math.abs((double) i / n1 - (double) j / n2);
      if (diff > d) {
        d = diff;
      }
    }
    return d;
  }

  /** The statistic of two unsorted samples (copied, then sorted). */
  static double statisticUnsorted(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    return statistic(x, y);
  }

  /** The asymptotic ('asymp') two-sided p-value of statistic {@code d} for samples of {@code n1} and {@code n2}. */
  static double pValue(double d, int n1, int n2) {
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    return clip(kstwoSf(d, Math.rint(en)));
  }

  /** {@code P(D_n >= d)} for the one-sample two-sided statistic; NaN unless {@code n} is a whole number >= 1. */
  static double kstwoSf(double d, double n) {
    if (Double.isNaN(d) || !(n >= 1) || n != Math.rint(n) || n > Integer.MAX_VALUE) {
      return Double.NaN;
    }
    if (d <= 0.5 / n) {
      return 1.0;
    }
    if (d >= 1.0) {
      return 0.0;
    }
    return kolmogorovSf((int) n, d);
  }

  private static double kolmogorovSf(int n, double x) {
    double t = n * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double cdf;
      if (n <= 140) {
        cdf = 1.0;
        double w = 2 * t - 1;
        double inv = 1.0 / n;
        for (int i = 1; i <= n; i++) {
          cdf *= i * inv * w;
        }
      } else {
        cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
      }
      return clip(1.0 - cdf);
    }
    if (t >= n - 1) {
      return clip(2 * Math.pow(1.0 - x, n));
    }
    if (x >= 0.5) {
      return clip(2 * smirnovSf(n, x));
    }
    double nxx = t * x;
    if (n <= 140) {
      if (nxx <= 0.754693) {
        return clip(1.0 - durbinCdf(n, x));
      }
      if (nxx <= 4) {
        return clip(1.0 - pomeranzCdf(n, x));
      }
      return clip(2 * smirnovSf(n, x));
    }
    if (nxx >= 370.0) {
      return 0.0;
    }
    if (nxx >= 2.2) {
      return clip(2 * smirnovSf(n, x));
    }
    double cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
    return clip(1.0 - cdf);
  }

  /** log(n! / n^n) by Stirling's series, with n log n taken out first. */
  private static double logFactorialOverPower(int n) {
    double rn = 1.0 / n;
    double x = rn / n;
    double poly = 0;
    for (double c : STIRLING) {
      poly = poly * x + c;
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /** P(D_n <= d) by Durbin's matrix, raised to the n-th power by squaring with scaling (Marsaglia-Tsang-Wang). */
  static double durbinCdf(int n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] = (1.0 - Math.pow(h, j)) * fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;
    double[][] hm = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hm[r][i] = w[r - i + 1];
      }
    }
    for (int r = 0; r < m; r++) {
      hm[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hm[m - 1][c] = v[m - 1 - c];
    }
    double[][] pow = new double[m][m];
    for (int i = 0; i < m; i++) {
      pow[i][i] = 1.0;
    }
    int nn = n;
    int expnt = 0;
    int hexpnt = 0;
    while (nn > 0) {
      if (nn % 2 == 1) {
        pow = multiply(pow, hm);
        expnt += hexpnt;
      }
      hm = multiply(hm, hm);
      hexpnt *= 2;
      if (Math.abs(hm[k - 1][k - 1]) > TWO_128) {
        for (double[] row : hm) {
          for (int c = 0; c < m; c++) {
            row[c] /= TWO_128;
          }
        }
        hexpnt += 128;
      }
      nn /= 2;
    }
    double p = pow[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < TWO_M128) {
        p *= TWO_128;
        expnt -= 128;
      }
    }
    if (expnt != 0) {
      p = Math.scalb(p, expnt);
    }
    return clip(p);
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] out = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] oi = out[i];
      double[] ai = a[i];
      for (int l = 0; l < m; l++) {
        double x = ai[l];
        if (x == 0) {
          continue;
        }
        double[] bl = b[l];
        for (int j = 0; j < m; j++) {
          oi[j] += x * bl[j];
        }
      }
    }
    return out;
  }

  /** P(D_n <= x) by the Pomeranz recursion (two rows of Poisson-like convolutions, scaled against underflow). */
  static double pomeranzCdf(int n, double x) {
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = t - ll;
    double g = Math.min(f, 1.0 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1.0;
    twogpower[0] = 1.0;
    onem2gpower[0] = 1.0;
    double gn = g / n;
    double twogn = 2 * g / n;
    double onem2gn = (1 - 2 * g) / n;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * gn / m;
      twogpower[m] = twogpower[m - 1] * twogn / m;
      onem2gpower[m] = onem2gpower[m - 1] * onem2gn / m;
    }
    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;
    int expnt = 0;
    int[] j12 = pomeranzBounds(0, n, ll, ceilf, roundf);
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = j12[0];
      double[] swap = v0;
      v0 = v1;
      v1 = swap;
      int swaps = v0s;
      v0s = v1s;
      v1s = swaps;
      Arrays.fill(v1, 0.0);
      j12 = pomeranzBounds(i, n, ll, ceilf, roundf);
      int j1 = j12[0];
      int j2 = j12[1];
      double[] pwrs = i == 1 || i == 2 * n + 1 ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
      int ln2 = j2 - k1 + 1;
      if (ln2 > 0) {
        int from = k1 - v0s;
        int alen = Math.max(0, Math.min(from + ln2, npwrs) - from);
        int blen = Math.min(ln2, npwrs);
        int convStart = j1 - k1;
        int convLen = j2 - j1 + 1;
        double max = 0;
        for (int c = 0; c < convLen; c++) {
          int idx = convStart + c;
          double s = 0;
          int lo = Math.max(0, idx - blen + 1);
          int hi = Math.min(idx, alen - 1);
          for (int a = lo; a <= hi; a++) {
            s += v0[from + a] * pwrs[idx - a];
          }
          v1[c] = s;
          max = Math.max(max, s);
        }
        if (max > 0 && max < TWO_M128) {
          for (int c = 0; c < npwrs; c++) {
            v1[c] *= TWO_128;
          }
          expnt -= 128;
        }
        v1s = v0s + j1 - k1;
      }
    }
    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > TWO_128) {
        ans *= TWO_M128;
        expnt += 128;
      }
      ans *= m;
    }
    if (expnt != 0) {
      ans = Math.scalb(ans, expnt);
    }
    return clip(ans);
  }

  private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int half = (i + 1) / 2;
      if ((i + 1) % 2 == 0) {
        if (half == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = half - 1 - ll - roundf - 1;
          j2 = half + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = half - 1 - ll - 1;
        j2 = half + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** The Pelz-Good approximation of P(D_n <= x), for large n and small x. */
  static double pelzGoodCdf(int n, double x) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (x >= 1.0) {
      return 1.0;
    }
    double z = Math.sqrt(n) * x;
    double z2 = z * z;
    double z3 = Math.pow(z, 3);
    double z4 = Math.pow(z, 4);
    double z6 = Math.pow(z, 6);
    double qlog = -PI2 / 8 / z2;
    if (qlog < -708) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -z2;
    double k1b = PI2 / 4;
    double k2a = 6 * z6 + 2 * z4;
    double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
    double k2c = PI4 * (1 - 2 * z2) / 16;
    double k3d = PI6 * (5 - 30 * z2) / 64;
    double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
    double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
    double k3a = -30 * z6 - 90 * Math.pow(z, 8);
    double[] k = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int kk = maxk; kk > 0; kk--) {
      double m = 2 * kk - 1;
      double m2 = m * m;
      double m4 = Math.pow(m, 4);
      double m6 = Math.pow(m, 6);
      double qpower = Math.pow(q, 8 * kk);
      k[0] = k[0] * qpower + 1.0;
      k[1] = k[1] * qpower + (k1a + k1b * m2);
      k[2] = k[2] * qpower + (k2a + k2b * m2 + k2c * m4);
      k[3] = k[3] * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
    }
    double[] div = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      k[i] = k[i] * q * SQRT_2PI / div[i];
    }
    double q2 = Math.exp(-PI2 / 2 / z2);
    double sqrt3z = Math.sqrt(3) * z;
    double k2extra = 0;
    double k3extra = 0;
    for (int kk = maxk; kk > 0; kk--) {
      double ksq = (double) kk * kk;
      double qp = Math.pow(q2, ksq);
      double kspi = Math.PI * kk;
      k2extra += ksq * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
    }
    k[2] += k2extra * (PI2 * SQRT_2PI / (-36 * z3));
    k[3] += k3extra * (PI2 * SQRT_2PI / (216 * z6));
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += k[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }

  /**
   * P(D_n^+ > x), the one-sided Smirnov survival function, by the Birnbaum-Tingey sum
   * {@code x * sum_{j=0}^{floor(n(1-x))} C(n,j) (1-x-j/n)^(n-j) (x+j/n)^(j-1)}, every term (all positive) taken
   * through logarithms, with {@code n x} split exactly into its integer and fractional parts.
   */
  static double smirnovSf(int n, double x) {
    if (Double.isNaN(x) || x < 0 || x > 1) {
      return Double.NaN;
    }
    if (n == 1) {
      return 1 - x;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    double nx = n * x;
    double nxErr = Math.fma(n, x, -nx);
    double nxflD = Math.floor(nx);
    double alpha = (nx - nxflD) + nxErr;
    if (alpha < 0) {
      nxflD -= 1;
      alpha += 1;
    } else if (alpha >= 1) {
      nxflD += 1;
      alpha -= 1;
    }
    int nxfl = (int) nxflD;
    if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
      return clip(1 - x * Math.pow(1 + x, n - 1));
    }
    if (-2 * n * x * x < MIN_LOG) {
      return 0.0;
    }
    if (nxfl >= n - 1) {
      return clip(Math.pow(1 - x, n));
    }
    if (n > 1_000_000) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      return logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp);
    }
    int last = n - nxfl - 1;
    if (alpha == 0) {
      last -= 1;
    }
    double logC = 0;
    double sum = 0;
    for (int j = 0; j <= last; j++) {
      if (j > 0) {
        logC += Math.log((double) (n - j + 1)) - Math.log(j);
      }
      double lower = ((double) (n - j - nxfl) - alpha) / n;
      double upper = ((double) (j + nxfl) + alpha) / n;
      double logTerm = logC + (n - j) * Math.log(lower) + (j - 1) * Math.log(upper);
      sum += Math.exp(logTerm);
    }
    return clip(x * sum);
  }

  private static double clip(double p) {
    return p < 0 ? 0.0 : (p > 1 ? 1.0 : p);
  }
}
