package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.random.RandomGenerator;

/**
 * defocus_blur [Blur]: correlation of every channel with an anti-aliased disk, x in [0, 1], then clip.
 * Kernel (the reference's {@code disk(radius, alias_blur)}): on the offset grid -8..8 (17 x 17) when r &lt;= 8,
 * else -r..r, the mask [X^2 + Y^2 &lt;= r^2] normalised to sum 1, then OpenCV {@code GaussianBlur} of the mask
 * itself with a 3x3 (r &lt;= 8) or 5x5 kernel, sigma = alias, border {@code REFLECT_101}. The image filter is
 * OpenCV {@code filter2D}, border {@code REFLECT_101}. CIFAR (r, alias) = (.3,.4) (.4,.5) (.5,.6) (1,.2)
 * (1.5,.1) (r &lt; 1 keeps only the centre tap: severities 1-3 are 3x3 Gaussians); ImageNet (3,.1) (4,.5) (6,.5)
 * (8,.5) (10,.5). Deterministic. Differences: the kernel is built in double where the reference uses float32 and
 * OpenCV may switch to a DFT for large kernels (float round-off only, so +-1 at truncation boundaries).
 */
final class DefocusBlur extends BaseCorruption {

  static final double[][][] PARAMS = {
      {{.3, .4}, {.4, .5}, {.5, .6}, {1, .2}, {1.5, .1}},
      {{3, .1}, {4, .5}, {6, .5}, {8, .5}, {10, .5}}};

  DefocusBlur() {
    super("defocus_blur", Category.BLUR);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS[preset.ordinal()][level];
    int size = p[0] <= 8 ? 17 : 2 * (int) p[0] + 1;
    double[] kernel = disk(p[0], p[1]);
    double[] y = Filters.correlate2d(Unit.toUnit(image), image.height(), image.width(), image.channels(),
        kernel, size, size);
    return Unit.fromUnit(y, image.height(), image.width(), image.channels());
  }

  /** The smoothed disk kernel, row-major, size x size as described in the class comment. */
  static double[] disk(double radius, double alias) {
    int half = radius <= 8 ? 8 : (int) radius;
    int size = 2 * half + 1;
    double[] mask = new double[size * size];
    double count = 0;
    for (int y = -half; y <= half; y++) {
      for (int x = -half; x <= half; x++) {
        if (x * x + y * y <= radius * radius) {
          mask[(y + half) * size + x + half] = 1;
          count++;
        }
      }
    }
    for (int i = 0; i < mask.length; i++) {
      mask[i] /= count;
    }
    double[] g = openCvGaussianKernel(radius <= 8 ? 3 : 5, alias);
    double[] rows = reflect101Axis(mask, size, g, true);
    return reflect101Axis(rows, size, g, false);
  }

  /** OpenCV {@code getGaussianKernel(n, sigma)} for sigma &gt; 0: exp(-(i - (n-1)/2)^2 / (2 sigma^2)), normalised. */
  static double[] openCvGaussianKernel(int n, double sigma) {
    double[] k = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = i - (n - 1) * 0.5;
      k[i] = Math.exp(-0.5 / (sigma * sigma) * x * x);
      sum += k[i];
    }
    for (int i = 0; i < n; i++) {
      k[i] /= sum;
    }
    return k;
  }

  private static double[] reflect101Axis(double[] m, int size, double[] k, boolean alongRows) {
    return Filters.correlateAxis(m, size, size, 1, k, alongRows ? 1 : 0, Border.REFLECT_101);
  }
}
