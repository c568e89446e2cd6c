package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * defocus_blur [Blur]: correlation of every channel with an anti-aliased disk, x in [0, 1], then clip.
 * Kernel (the reference's {@code disk(radius, alias_blur)}): on the offset grid -8..8 (17 x 17) when r &lt;= 8,
 * else -r..r, the mask [X^2 + Y^2 &lt;= r^2] normalised to sum 1, then OpenCV {@code GaussianBlur} of the mask
 * itself with a 3x3 (r &lt;= 8) or 5x5 kernel, sigma = alias, border {@code REFLECT_101}. The image filter is
 * OpenCV {@code filter2D}, border {@code REFLECT_101}. CIFAR (r, alias) = (.3,.4) (.4,.5) (.5,.6) (1,.2)
 * (1.5,.1) (r &lt; 1 keeps only the centre tap: severities 1-3 are 3x3 Gaussians); ImageNet (3,.1) (4,.5) (6,.5)
 * (8,.5) (10,.5). Deterministic. The kernel is computed in float32 like the reference; difference:
 * OpenCV may switch to a DFT for large kernels (float round-off only, so +-1 at truncation boundaries).
 */
final class DefocusBlur extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{.3, .4}, {.4, .5}, {.5, .6}, {1, .2}, {1.5, .1}},
      Preset.IMAGENET, new double[][] {{3, .1}, {4, .5}, {6, .5}, {8, .5}, {10, .5}}));

  DefocusBlur() {
    super("defocus_blur", Category.BLUR, PARAMS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    int size = p[0] <= 8 ? 17 : 2 * (int) p[0] + 1;
    double[] kernel = disk(p[0], p[1]);
    double[] y = Filters.correlate2d(Unit.toUnit(image), image.height(), image.width(), image.channels(),
        kernel, size, size);
    return Unit.fromUnit(y, image.height(), image.width(), image.channels());
  }

  /**
   * The smoothed disk kernel, row-major, size x size as described in the class comment, in float32 as the
   * reference (a numpy float32 mask and OpenCV's float32 GaussianBlur): the float rounding of e.g. 1/9 decides
   * bytes at truncation boundaries.
   */
  static double[] disk(double radius, double alias) {
    int half = radius <= 8 ? 8 : (int) radius;
    int size = 2 * half + 1;
    float[] mask = new float[size * size];
    float count = 0;
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
    float[] g = openCvGaussianKernel(radius <= 8 ? 3 : 5, alias);
    float[] smoothed = separable(separable(mask, size, g, true), size, g, false);
    double[] out = new double[smoothed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = smoothed[i];
    }
    return out;
  }

  /**
   * OpenCV {@code getGaussianKernel(n, sigma, CV_32F)} for sigma &gt; 0: exp(-(i - (n-1)/2)^2 / (2 sigma^2)) rounded
   * to float, normalised by the double sum of the floats.
   */
  static float[] openCvGaussianKernel(int n, double sigma) {
    float[] k = new float[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = i - (n - 1) * 0.5;
      k[i] = (float) Math.exp(-0.5 / (sigma * sigma) * x * x);
      sum += k[i];
    }
    for (int i = 0; i < n; i++) {
      k[i] = (float) (k[i] * (1.0 / sum));
    }
    return k;
  }

  /** One float pass of OpenCV's separable filter along rows or columns, border REFLECT_101. */
  private static float[] separable(float[] m, int size, float[] k, boolean horizontal) {
    float[] out = new float[m.length];
    int r = k.length / 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float s = 0;
        for (int t = 0; t < k.length; t++) {
          int yy = horizontal ? y : Border.REFLECT_101.index(y + t - r, size);
          int xx = horizontal ? Border.REFLECT_101.index(x + t - r, size) : x;
          s += k[t] * m[yy * size + xx];
        }
        out[y * size + x] = s;
      }
    }
    return out;
  }
}
