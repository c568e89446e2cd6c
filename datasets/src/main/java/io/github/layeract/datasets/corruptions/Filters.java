package io.github.layeract.datasets.corruptions;

/**
 * Linear filters on HWC double arrays, with the kernels and borders of the libraries the reference calls.
 */
final class Filters {

  private Filters() {}

  /**
   * scipy's 1-D Gaussian kernel: radius {@code r = int(truncate * sigma + 0.5)}, weights
   * {@code exp(-x^2 / (2 sigma^2))} for x = -r..r, normalised to sum 1. A sigma so small that r = 0 gives [1].
   */
  static double[] gaussianKernel(double sigma, double truncate) {
    int radius = (int) (truncate * sigma + 0.5);
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int x = -radius; x <= radius; x++) {
      k[x + radius] = Math.exp(-0.5 / (sigma * sigma) * x * x);
      sum += k[x + radius];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    return k;
  }

  /**
   * {@code skimage.filters.gaussian} / {@code scipy.ndimage.gaussian_filter} with sigma on the two spatial axes
   * and 0 on the channel axis: a 1-D correlation along rows (axis 0), then along columns (axis 1).
   *
   * @param truncate 4 for skimage's default, 3 where the reference passes {@code truncate=3}
   */
  static double[] gaussian(double[] v, int h, int w, int c, double sigma, Border border, double truncate) {
    double[] k = gaussianKernel(sigma, truncate);
    if (k.length == 1) {
      return v.clone();
    }
    return correlateAxis(correlateAxis(v, h, w, c, k, 0, border), h, w, c, k, 1, border);
  }

  /** 1-D correlation with a centred odd kernel along axis 0 (rows) or 1 (columns) of an HWC array. */
  static double[] correlateAxis(double[] v, int h, int w, int c, double[] k, int axis, Border border) {
    double[] out = new double[v.length];
    int r = k.length / 2;
    int n = axis == 0 ? h : w;
    int[] idx = new int[n + 2 * r];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = border.index(i - r, n);
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int pos = axis == 0 ? y : x;
        for (int ch = 0; ch < c; ch++) {
          double s = 0;
          for (int t = 0; t < k.length; t++) {
            int j = idx[pos + t];
            s += k[t] * (axis == 0 ? v[(j * w + x) * c + ch] : v[(y * w + j) * c + ch]);
          }
          out[(y * w + x) * c + ch] = s;
        }
      }
    }
    return out;
  }

  /**
   * OpenCV {@code filter2D} (correlation, centred anchor) of every channel of an HWC array with a
   * {@code kh x kw} kernel (odd sizes), border {@code BORDER_REFLECT_101}. Zero taps are skipped, which changes
   * nothing but speed.
   */
  static double[] correlate2d(double[] v, int h, int w, int c, double[] kernel, int kh, int kw) {
    int ry = kh / 2;
    int rx = kw / 2;
    int taps = 0;
    int[] dy = new int[kernel.length];
    int[] dx = new int[kernel.length];
    double[] kv = new double[kernel.length];
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        if (kernel[i * kw + j] != 0) {
          dy[taps] = i - ry;
          dx[taps] = j - rx;
          kv[taps++] = kernel[i * kw + j];
        }
      }
    }
    double[] out = new double[v.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          double s = 0;
          for (int t = 0; t < taps; t++) {
            int yy = Border.REFLECT_101.index(y + dy[t], h);
            int xx = Border.REFLECT_101.index(x + dx[t], w);
            s += kv[t] * v[(yy * w + xx) * c + ch];
          }
          out[(y * w + x) * c + ch] = s;
        }
      }
    }
    return out;
  }

  /**
   * OpenCV {@code blur(src, (3, 3))} on one plane: the sum of the 3x3 neighbourhood (border
   * {@code BORDER_REFLECT_101}) times 1/9.
   */
  static double[] box3(double[] plane, int h, int w) {
    double[] out = new double[plane.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int yy = Border.REFLECT_101.index(y + dy, h);
          for (int dx = -1; dx <= 1; dx++) {
            s += plane[yy * w + Border.REFLECT_101.index(x + dx, w)];
          }
        }
        out[y * w + x] = s * (1.0 / 9.0);
      }
    }
    return out;
  }
}
