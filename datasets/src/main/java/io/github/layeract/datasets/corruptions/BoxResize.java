package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;

/**
 * Pillow 5.0's {@code Image.resize(size, BOX)} on uint8 images ({@code libImaging/Resample.c}): a horizontal pass,
 * then a vertical pass, each rounded to uint8. For output index i: scale = in/out, centre = (i + 1/2) scale,
 * support = max(scale, 1)/2, window j = int(centre - support + 1/2) .. int(centre + support + 1/2) - 1 (clipped),
 * weight 1 when {@code -1/2 <= (j + 1/2 - centre)/max(scale, 1) < 1/2} else 0, normalised, converted to fixed
 * point with 22 fraction bits, accumulated from 1/2 and shifted back with clamping. Downscaling is the mean of the
 * pixels whose centres fall in the footprint; upscaling is nearest neighbour.
 */
final class BoxResize {

  private static final int PRECISION_BITS = 32 - 8 - 2;

  private BoxResize() {}

  static Image resize(Image in, int outHeight, int outWidth) {
    Image x = in;
    if (outWidth != in.width()) {
      x = pass(x, outWidth, true);
    }
    if (outHeight != in.height()) {
      x = pass(x, outHeight, false);
    }
    return x == in ? in.copy() : x;
  }

  private static Image pass(Image in, int outSize, boolean horizontal) {
    int inSize = horizontal ? in.width() : in.height();
    int c = in.channels();
    int[] start = new int[outSize];
    int[][] weights = new int[outSize][];
    coefficients(inSize, outSize, start, weights);
    int h = horizontal ? in.height() : outSize;
    int w = horizontal ? outSize : in.width();
    byte[] src = in.pixels();
    byte[] out = new byte[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = horizontal ? x : y;
        int[] k = weights[o];
        for (int ch = 0; ch < c; ch++) {
          long s = 1L << (PRECISION_BITS - 1);
          for (int t = 0; t < k.length; t++) {
            int j = start[o] + t;
            int idx = horizontal ? (y * in.width() + j) * c + ch : (j * in.width() + x) * c + ch;
            s += (long) (src[idx] & 0xFF) * k[t];
          }
          out[(y * w + x) * c + ch] = (byte) Math.max(0, Math.min(255, s >> PRECISION_BITS));
        }
      }
    }
    return new Image(h, w, c, out);
  }

  private static void coefficients(int inSize, int outSize, int[] start, int[][] weights) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = 0.5 * filterScale;
    for (int i = 0; i < outSize; i++) {
      double centre = (i + 0.5) * scale;
      int min = Math.max(0, (int) (centre - support + 0.5));
      int max = Math.min(inSize, (int) (centre + support + 0.5)) - min;
      double[] k = new double[max];
      double total = 0;
      for (int t = 0; t < max; t++) {
        double arg = (t + min - centre + 0.5) / filterScale;
        k[t] = arg >= -0.5 && arg < 0.5 ? 1.0 : 0.0;
        total += k[t];
      }
      int[] fixed = new int[max];
      for (int t = 0; t < max; t++) {
        fixed[t] = (int) (0.5 + (total == 0 ? 0 : k[t] / total) * (1 << PRECISION_BITS));
      }
      start[i] = min;
      weights[i] = fixed;
    }
  }
}
