package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * elastic_transform [Digital]: parameters (alpha, sigma, a), x in [0, 1].
 * <ol>
 *   <li>Random affine: with centre (W//2, H//2) and q = min(H, W)//3, the points (cx+q, cy+q), (cx+q, cy-q),
 *       (cx-q, cy-q) move by U(-a, a) per coordinate; the image is warped by the affine map between them
 *       ({@link Affine}: OpenCV bilinear, border REFLECT_101).</li>
 *   <li>Displacements dx, then dy = alpha gaussian(U(-1, 1) per pixel, sigma, border reflect, truncate 3).</li>
 *   <li>y(r, c) = bilinear sample of the warped image at (r + dy, c + dx) as scipy 1.0's
 *       {@code map_coordinates(order=1, mode='reflect')} ({@link #sampleScipyReflect}), then clip.</li>
 * </ol>
 * The table is in units of the image size S = min(H, W): CIFAR S (0, 0, .08) (.05, .2, .07) (.08, .06, .06)
 * (.1, .04, .05) (.1, .03, .03), i.e. for 32x32 (0, 0, 2.56) (1.6, 6.4, 2.24) ...; ImageNet (244/224) S (2, .7, .1)
 * (2, .08, .2) (.05, .01, .02) (.07, .01, .02) (.12, .01, .02), i.e. for 224x224 the reference's 244 (sic) x
 * factors. Severity 1 on CIFAR has alpha = 0: affine only. Differences: double instead of float32 arithmetic;
 * the reference uses (H//2, W//2) as (x, y), identical for square images. The warp rounds positions to 1/32 pixel
 * as OpenCV 3.4 (the reference's); OpenCV 4.11+ does not, so today's cv2 differs by up to 2 levels.
 */
final class ElasticTransform extends BaseCorruption {

  static final SeverityTable FACTORS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{0, 0, .08}, {.05, .2, .07}, {.08, .06, .06}, {.1, .04, .05}, {.1, .03, .03}},
      Preset.IMAGENET, new double[][] {{2, .7, .1}, {2, .08, .2}, {.05, .01, .02}, {.07, .01, .02}, {.12, .01, .02}}));

  ElasticTransform() {
    super("elastic_transform", Category.DIGITAL, FACTORS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    double imSize = preset == Preset.CIFAR ? Math.min(h, w) : 244.0 * Math.min(h, w) / 224.0;
    double[] f = FACTORS.row(preset, level);
    double alpha = imSize * f[0];
    double sigma = imSize * f[1];
    double a = imSize * f[2];
    int cx = w / 2;
    int cy = h / 2;
    int q = Math.min(h, w) / 3;
    double[] src = {cx + q, cy + q, cx + q, cy - q, cx - q, cy - q};
    double[] dst = new double[6];
    for (int i = 0; i < 6; i++) {
      dst[i] = (float) (src[i] + (float) rng.nextDouble(-a, a));
    }
    double[] warped = Affine.warp(Unit.toUnit(image), h, w, c, Affine.fromPoints(src, dst));
    double[] dx = displacement(h, w, alpha, sigma, rng);
    double[] dy = displacement(h, w, alpha, sigma, rng);
    double[] out = new double[warped.length];
    for (int r = 0; r < h; r++) {
      for (int col = 0; col < w; col++) {
        int i = r * w + col;
        sampleScipyReflect(warped, h, w, c, r + dy[i], col + dx[i], out, i * c);
      }
    }
    return Unit.fromUnit(out, h, w, c);
  }

  private static double[] displacement(int h, int w, double alpha, double sigma, RandomGenerator rng) {
    double[] u = new double[h * w];
    for (int i = 0; i < u.length; i++) {
      u[i] = rng.nextDouble(-1, 1);
    }
    double[] g = sigma > 0 ? Filters.gaussian(u, h, w, 1, sigma, Border.REFLECT, 3) : u;
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) (g[i] * alpha);
    }
    return g;
  }

  /**
   * Bilinear sampling with scipy's pre-1.6 {@code map_coordinates(order=1, mode='reflect')} border rule (from
   * {@code ni_interpolation.c}; scipy 1.6 changed it): a coordinate x &lt; 0 first becomes {@code -x - 1} and one
   * beyond n - 1 becomes {@code 2n - x - 1} (after folding by 2n), then the two taps floor(x), floor(x) + 1 are
   * read with mirror (REFLECT_101) indices. So on a b c d, x = -0.3 reads 0.7 b + 0.3 a, not the half-sample
   * symmetric a.
   */
  static void sampleScipyReflect(double[] v, int h, int w, int c, double row, double col, double[] out, int at) {
    double r = reflectCoordinate(row, h);
    double q = reflectCoordinate(col, w);
    Affine.bilinear(v, h, w, c, r, q, Border.REFLECT_101, out, at);
  }

  static double reflectCoordinate(double in, int len) {
    if (len <= 1) {
      return 0;
    }
    long sz2 = 2L * len;
    if (in < 0) {
      if (in < -sz2) {
        in = sz2 * (long) (-in / sz2) + in;
      }
      return in < -len ? in + sz2 : -in - 1;
    }
    if (in > len - 1) {
      in -= sz2 * (long) (in / sz2);
      if (in >= len) {
        in = sz2 - in - 1;
      }
    }
    return in;
  }
}
