package io.github.layeract.datasets.corruptions;

import java.util.random.RandomGenerator;

/**
 * The reference's {@code plasma_fractal(mapsize, wibbledecay)}: a diamond-square height map on a torus.
 * Starting from P[0,0] = 0, step = M, wobble w = 100, while step &gt;= 2: every cell centre becomes the mean of
 * its 4 corners plus {@code w * U(-w, w)} ("squares"), then every edge midpoint the mean of its 2 corners and 2
 * centres plus the same noise ("diamonds"; all lookups wrap around); step halves and w is divided by the decay.
 * Finally P is scaled to [0, 1] by its min and max. Draw order: squares, then the midpoints of the top edges, then
 * those of the left edges, each row-major (as numpy fills its arrays); sums are associated as numpy's
 * pairwise array additions, so given the same uniforms the map is bit-identical.
 */
final class Plasma {

  private Plasma() {}

  /** The smallest power of two &gt;= n (the map size for an n-pixel image). */
  static int mapSize(int n) {
    int m = 1;
    while (m < n) {
      m <<= 1;
    }
    return Math.max(m, 2);
  }

  /** A {@code size x size} row-major map in [0, 1]; size must be a power of two. */
  static double[] fractal(int size, double decay, RandomGenerator rng) {
    if (Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("plasma map size must be a power of two, got " + size);
    }
    double[] p = new double[size * size];
    double wibble = 100;
    for (int step = size; step >= 2; step /= 2) {
      int half = step / 2;
      int n = size / step;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double sum = (at(p, size, i * step, j * step) + at(p, size, (i + 1) * step, j * step))
              + (at(p, size, i * step, (j + 1) * step) + at(p, size, (i + 1) * step, (j + 1) * step));
          p[(i * step + half) * size + j * step + half] = sum / 4 + wibble * rng.nextDouble(-wibble, wibble);
        }
      }
      double[] top = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          top[i * n + j] = (at(p, size, i * step + half, j * step + half)
              + at(p, size, i * step - half, j * step + half))
              + (at(p, size, i * step, j * step) + at(p, size, i * step, (j + 1) * step));
        }
      }
      double[] left = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          left[i * n + j] = (at(p, size, i * step + half, j * step + half)
              + at(p, size, i * step + half, j * step - half))
              + (at(p, size, i * step, j * step) + at(p, size, (i + 1) * step, j * step));
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          p[i * step * size + j * step + half] = top[i * n + j] / 4 + wibble * rng.nextDouble(-wibble, wibble);
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          p[(i * step + half) * size + j * step] = left[i * n + j] / 4 + wibble * rng.nextDouble(-wibble, wibble);
        }
      }
      wibble /= decay;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : p) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = (p[i] - min) / (max - min);
    }
    return p;
  }

  private static double at(double[] p, int size, int y, int x) {
    return p[Math.floorMod(y, size) * size + Math.floorMod(x, size)];
  }
}
