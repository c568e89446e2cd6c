package io.github.layeract.datasets.corruptions;

import java.util.random.RandomGenerator;

/**
 * Poisson variates with numpy's legacy {@code RandomState.poisson} algorithms: Knuth's product of uniforms for
 * lambda &lt; 10 and Hoermann's PTRS transformed rejection (1993) for lambda &gt;= 10. Same distribution as numpy;
 * the streams differ because the uniform source differs.
 */
final class Poisson {

  private static final double[] STIRLING = {8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04,
      -5.952380952380952e-04, 8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03,
      -2.955065359477124e-02, 1.796443723688307e-01, -1.39243221690590e+00};

  private Poisson() {}

  static long sample(RandomGenerator rng, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 10) {
      double limit = Math.exp(-lambda);
      double prod = 1.0;
      long k = 0;
      while (true) {
        prod *= rng.nextDouble();
        if (prod > limit) {
          k++;
        } else {
          return k;
        }
      }
    }
    return ptrs(rng, lambda);
  }

  private static long ptrs(RandomGenerator rng, double lambda) {
    double slam = Math.sqrt(lambda);
    double loglam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = rng.nextDouble() - 0.5;
      double v = rng.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /** log Gamma(x) for x &gt; 0 by the Stirling series, shifted up to x &gt; 7 for accuracy (as numpy's loggam). */
  static double logGamma(double x) {
    if (x == 1.0 || x == 2.0) {
      return 0.0;
    }
    double x0 = x;
    int n = 0;
    if (x <= 7.0) {
      n = (int) (7 - x);
      x0 = x + n;
    }
    double x2 = 1.0 / (x0 * x0);
    double gl0 = STIRLING[9];
    for (int k = 8; k >= 0; k--) {
      gl0 = gl0 * x2 + STIRLING[k];
    }
    double gl = gl0 / x0 + 0.5 * Math.log(2 * Math.PI) + (x0 - 0.5) * Math.log(x0) - x0;
    for (int k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1.0);
      x0 -= 1.0;
    }
    return gl;
  }
}
