package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * glass_blur [Blur]: parameters (sigma, d, iterations).
 * <ol>
 *   <li>{@code x1 = uint8(255 gaussian(x, sigma))} (truncation; {@link Filters#gaussian}, border nearest);</li>
 *   <li>{@code iterations} times, for rows h from H - d down to d + 1 and inside them columns w from W - d down to
 *       d + 1: draw dx then dy uniformly in [-d, d - 1] and copy pixel (h + dy, w + dx) onto (h, w). (The
 *       reference's tuple "swap" of numpy views is in fact this one-way copy, so content drifts toward larger
 *       indices.)</li>
 *   <li>{@code y = clip(gaussian(x1 / 255, sigma))}.</li>
 * </ol>
 * CIFAR (sigma, d, it) = (.05,1,1) (.25,1,1) (.4,1,1) (.25,1,2) (.4,1,2); ImageNet (.7,1,2) (.9,2,1) (1,2,3)
 * (1.1,3,2) (1.5,4,2). Random (the offsets).
 */
final class GlassBlur extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{.05, 1, 1}, {.25, 1, 1}, {.4, 1, 1}, {.25, 1, 2}, {.4, 1, 2}},
      Preset.IMAGENET, new double[][] {{.7, 1, 2}, {.9, 2, 1}, {1, 2, 3}, {1.1, 3, 2}, {1.5, 4, 2}}));

  GlassBlur() {
    super("glass_blur", Category.BLUR, PARAMS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    double sigma = p[0];
    int d = (int) p[1];
    int iterations = (int) p[2];
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    double[] blurred = Filters.gaussian(Unit.toUnit(image), h, w, c, sigma, Border.NEAREST, 4);
    int[] x1 = new int[blurred.length];
    for (int i = 0; i < x1.length; i++) {
      x1[i] = (int) (blurred[i] * 255);
    }
    for (int it = 0; it < iterations; it++) {
      for (int y = h - d; y > d; y--) {
        for (int x = w - d; x > d; x--) {
          int dx = rng.nextInt(-d, d);
          int dy = rng.nextInt(-d, d);
          System.arraycopy(x1, ((y + dy) * w + x + dx) * c, x1, (y * w + x) * c, c);
        }
      }
    }
    double[] v = new double[x1.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = x1[i] / 255.0;
    }
    return Unit.fromUnit(Filters.gaussian(v, h, w, c, sigma, Border.NEAREST, 4), h, w, c);
  }
}
