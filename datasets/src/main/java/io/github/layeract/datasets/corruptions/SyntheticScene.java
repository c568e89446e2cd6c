package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.SplittableRandom;

/**
 * A natural-looking test image made from a seed, for tests and benchmarks: a vertical sky-to-ground
 * gradient, a few filled discs and rectangles with hard edges, striped texture in one of them and mild grain.
 * Values stay within about 10..240, so noise and blur effects are not hidden by clipping.
 */
public final class SyntheticScene {

  private SyntheticScene() {}

  /** An {@code h x w} RGB scene; the same seed gives the same bytes. */
  public static Image rgb(int h, int w, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[h * w * 3];
    double[] sky = {0.45 + 0.2 * rng.nextDouble(), 0.6, 0.85};
    double[] ground = {0.35, 0.45 + 0.2 * rng.nextDouble(), 0.25};
    for (int y = 0; y < h; y++) {
      double t = (double) y / (h - 1);
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          v[(y * w + x) * 3 + c] = sky[c] * (1 - t) + ground[c] * t;
        }
      }
    }
    for (int s = 0; s < 4; s++) {
      double[] colour = {rng.nextDouble(0.1, 0.9), rng.nextDouble(0.1, 0.9), rng.nextDouble(0.1, 0.9)};
      double cy = rng.nextDouble(h);
      double cx = rng.nextDouble(w);
      double r = rng.nextDouble(0.1, 0.3) * Math.min(h, w);
      boolean disc = s % 2 == 0;
      double stripes = s == 1 ? rng.nextDouble(0.4, 1.2) : 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean inside = disc ? (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r
              : Math.abs(y - cy) <= r && Math.abs(x - cx) <= 0.7 * r;
          if (inside) {
            double shade = stripes > 0 ? 0.75 + 0.25 * Math.sin(stripes * (x + 0.5 * y)) : 1;
            for (int c = 0; c < 3; c++) {
              v[(y * w + x) * 3 + c] = colour[c] * shade;
            }
          }
        }
      }
    }
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      double g = 0.04 + 0.9 * v[i] + 0.015 * rng.nextGaussian();
      out[i] = (byte) (int) Math.round(255 * Math.min(1, Math.max(0, g)));
    }
    return new Image(h, w, 3, out);
  }

  /** The luma of {@link #rgb}, one channel. */
  static Image gray(int h, int w, long seed) {
    return BaseCorruption.toLuma(rgb(h, w, seed));
  }
}
