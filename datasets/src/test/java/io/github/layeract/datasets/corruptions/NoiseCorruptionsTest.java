package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The noise corruptions on a mid-grey image (128) against the exact distribution of the reference's output
 * {@code floor(255 clip(y, 0, 1))}, computed here in double precision from the normal CDF (Simpson integration)
 * or the Poisson pmf: every severity of both tables, mean and standard deviation of out - in.
 */
class NoiseCorruptionsTest {

  private static final int SIZE = 256;
  private static final int GREY = 128;
  private static final double X = GREY / 255.0;

  @Test
  void gaussianNoiseHasTheTablesSigma() {
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double sigma = GaussianNoise.SIGMA.value(preset, s - 1);
        double[] got = stats(Corruption.of("gaussian_noise"), preset, s);
        double[] want = levelMoments(k -> levelProbabilityNormal(k, X, sigma));
        check("gaussian_noise " + preset + " s" + s, got, want);
        if (sigma <= 0.12) {
          // no clipping at 4 sigma: the std is the table's sigma (plus 1/12 level^2 of truncation variance)
          assertEquals(sigma * 255, got[1], 0.02 * sigma * 255, "gaussian_noise std " + preset + " s" + s);
        }
      }
    }
  }

  @Test
  void speckleNoiseScalesSigmaByTheValue() {
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double sigma = SpeckleNoise.SIGMA.value(preset, s - 1);
        check("speckle_noise " + preset + " s" + s, stats(Corruption.of("speckle_noise"), preset, s),
            levelMoments(k -> levelProbabilityNormal(k, X, X * sigma)));
      }
    }
  }

  @Test
  void shotNoiseIsPoisson() {
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double c = ShotNoise.PHOTONS.value(preset, s - 1);
        double[] pmf = poissonPmf(X * c);
        double[] levels = new double[256];
        for (int k = 0; k < pmf.length; k++) {
          levels[(int) (255 * Math.min(1.0, k / c))] += pmf[k];
        }
        check("shot_noise " + preset + " s" + s, stats(Corruption.of("shot_noise"), preset, s),
            levelMoments(k -> levels[k]));
      }
    }
  }

  @Test
  void impulseNoiseHitsChannelsIndependently() {
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double c = ImpulseNoise.AMOUNT.value(preset, s - 1);
        Image out = Corruption.of("impulse_noise").apply(grey(), s, preset, new SplittableRandom(s));
        int n = out.pixels().length;
        int salt = 0;
        int pepper = 0;
        int oneChannel = 0;
        for (int p = 0; p < n / 3; p++) {
          int hit = 0;
          for (int k = 0; k < 3; k++) {
            int v = out.pixels()[3 * p + k] & 0xFF;
            salt += v == 255 ? 1 : 0;
            pepper += v == 0 ? 1 : 0;
            hit += v != GREY ? 1 : 0;
            assertTrue(v == 0 || v == 255 || v == GREY, "impulse values are 0, 255 or untouched");
          }
          oneChannel += hit == 1 ? 1 : 0;
        }
        double half = c / 2;
        double tol = 5 * Math.sqrt(half * (1 - half) / n);
        assertEquals(half, (double) salt / n, tol, "salt fraction " + preset + " s" + s);
        assertEquals(half, (double) pepper / n, tol, "pepper fraction " + preset + " s" + s);
        double single = 3 * c * (1 - c) * (1 - c);
        assertEquals(single, oneChannel / (n / 3.0), 5 * Math.sqrt(single * (1 - single) / (n / 3.0)),
            "pixels with exactly one channel hit " + preset + " s" + s);
      }
    }
  }

  @Test
  void poissonSamplerMatchesPmfMoments() {
    SplittableRandom rng = new SplittableRandom(5);
    for (double lambda : new double[] {0.3, 4, 9.9, 10, 37.5, 250}) {
      int n = 200_000;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        long k = Poisson.sample(rng, lambda);
        sum += k;
        sq += (double) k * k;
      }
      double mean = sum / n;
      double var = sq / n - mean * mean;
      assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "Poisson mean, lambda " + lambda);
      assertEquals(lambda, var, 0.03 * lambda + 0.01, "Poisson variance, lambda " + lambda);
    }
    assertEquals(Math.log(24), Poisson.logGamma(5), 1e-12);
    assertEquals(Math.log(3628800), Poisson.logGamma(11), 1e-10);
  }

  private static Image grey() {
    byte[] p = new byte[SIZE * SIZE * 3];
    Arrays.fill(p, (byte) GREY);
    return new Image(SIZE, SIZE, 3, p);
  }

  /** {mean, std} of out - in in levels. */
  private static double[] stats(Corruption c, Preset preset, int severity) {
    Image out = c.apply(grey(), severity, preset, new SplittableRandom(severity * 31L + preset.ordinal()));
    double sum = 0;
    double sq = 0;
    for (byte b : out.pixels()) {
      double d = (b & 0xFF) - GREY;
      sum += d;
      sq += d * d;
    }
    int n = out.pixels().length;
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(sq / n - mean * mean)};
  }

  private static void check(String what, double[] got, double[] want) {
    int n = SIZE * SIZE * 3;
    assertEquals(want[0], got[0], 5 * want[1] / Math.sqrt(n) + 1e-9, what + " mean");
    assertEquals(want[1], got[1], 0.015 * want[1] + 1e-9, what + " std");
  }

  /** {mean, std} of (level - GREY) for a level distribution. */
  private static double[] levelMoments(IntToDoubleFunction probability) {
    double m1 = 0;
    double m2 = 0;
    double total = 0;
    for (int k = 0; k < 256; k++) {
      double p = probability.applyAsDouble(k);
      total += p;
      m1 += p * (k - GREY);
      m2 += p * (k - GREY) * (k - GREY);
    }
    assertEquals(1.0, total, 1e-6, "level probabilities sum to 1");
    return new double[] {m1, Math.sqrt(m2 - m1 * m1)};
  }

  /** P(floor(255 clip(x + sigma Z, 0, 1)) = k). */
  private static double levelProbabilityNormal(int k, double x, double sigma) {
    double lo = k == 0 ? Double.NEGATIVE_INFINITY : (k / 255.0 - x) / sigma;
    double hi = k == 255 ? Double.POSITIVE_INFINITY : ((k + 1) / 255.0 - x) / sigma;
    return phi(hi) - phi(lo);
  }

  /** The standard normal CDF by Simpson's rule on [0, |t|] (2000 intervals), clamped beyond 10. */
  private static double phi(double t) {
    if (Double.isInfinite(t) || Math.abs(t) > 10) {
      return t > 0 ? 1 : 0;
    }
    int n = 2000;
    double h = Math.abs(t) / n;
    double s = 0;
    for (int i = 0; i <= n; i++) {
      double z = i * h;
      double f = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    double area = s * h / 3;
    return t >= 0 ? 0.5 + area : 0.5 - area;
  }

  private static double[] poissonPmf(double lambda) {
    int max = (int) (lambda + 20 * Math.sqrt(lambda) + 60);
    double[] p = new double[max];
    p[0] = Math.exp(-lambda);
    for (int k = 1; k < max; k++) {
      p[k] = p[k - 1] * lambda / k;
    }
    return p;
  }
}
