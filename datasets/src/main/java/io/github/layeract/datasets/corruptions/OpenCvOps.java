package io.github.layeract.datasets.corruptions;

import java.util.ArrayDeque;

/**
 * The OpenCV 3.4 operations the spatter corruption chains, on single-channel row-major planes.
 */
final class OpenCvOps {

  /** tan(22.5 deg) in Canny's 15-bit fixed point. */
  private static final long TG22 = 13573;
  private static final int CANNY_SHIFT = 15;

  private OpenCvOps() {}

  /**
   * {@code Canny(src, low, high)} with aperture 3 and the L1 gradient: 3x3 Sobel (border replicate), magnitude
   * |gx| + |gy|, non-maximum suppression along the gradient direction quantised with OpenCV's fixed-point tan(22.5)
   * test (strictly greater than one neighbour, at least the other; strictly greater than both diagonally), then
   * hysteresis: pixels above {@code high} seed edges that grow through 8-connected pixels above {@code low}.
   *
   * @return 255 on edges, else 0
   */
  static int[] canny(int[] src, int h, int w, int low, int high) {
    int[] gx = new int[h * w];
    int[] gy = new int[h * w];
    int[] mag = new int[h * w];
    for (int y = 0; y < h; y++) {
      int ym = Border.NEAREST.index(y - 1, h);
      int yp = Border.NEAREST.index(y + 1, h);
      for (int x = 0; x < w; x++) {
        int xm = Border.NEAREST.index(x - 1, w);
        int xp = Border.NEAREST.index(x + 1, w);
        int dx = (src[ym * w + xp] - src[ym * w + xm]) + 2 * (src[y * w + xp] - src[y * w + xm])
            + (src[yp * w + xp] - src[yp * w + xm]);
        int dy = (src[yp * w + xm] - src[ym * w + xm]) + 2 * (src[yp * w + x] - src[ym * w + x])
            + (src[yp * w + xp] - src[ym * w + xp]);
        gx[y * w + x] = dx;
        gy[y * w + x] = dy;
        mag[y * w + x] = Math.abs(dx) + Math.abs(dy);
      }
    }
    int[] state = new int[h * w];
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int m = mag[i];
        if (m <= low || !isLocalMax(mag, h, w, y, x, gx[i], gy[i])) {
          continue;
        }
        if (m > high) {
          state[i] = 2;
          stack.push(i);
        } else {
          state[i] = 1;
        }
      }
    }
    while (!stack.isEmpty()) {
      int i = stack.pop();
      int y = i / w;
      int x = i % w;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int yy = y + dy;
          int xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w && state[yy * w + xx] == 1) {
            state[yy * w + xx] = 2;
            stack.push(yy * w + xx);
          }
        }
      }
    }
    int[] out = new int[h * w];
    for (int i = 0; i < out.length; i++) {
      out[i] = state[i] == 2 ? 255 : 0;
    }
    return out;
  }

  private static boolean isLocalMax(int[] mag, int h, int w, int y, int x, int dx, int dy) {
    int m = mag[y * w + x];
    long xs = Math.abs(dx);
    long ys = (long) Math.abs(dy) << CANNY_SHIFT;
    long tg22x = xs * TG22;
    if (ys < tg22x) {
      return m > at(mag, h, w, y, x - 1) && m >= at(mag, h, w, y, x + 1);
    }
    long tg67x = tg22x + (xs << (CANNY_SHIFT + 1));
    if (ys > tg67x) {
      return m > at(mag, h, w, y - 1, x) && m >= at(mag, h, w, y + 1, x);
    }
    int s = (dx ^ dy) < 0 ? -1 : 1;
    return m > at(mag, h, w, y - 1, x - s) && m > at(mag, h, w, y + 1, x + s);
  }

  /** Magnitude with zeros outside the image (OpenCV pads its magnitude rows with zeros). */
  private static int at(int[] mag, int h, int w, int y, int x) {
    return y < 0 || y >= h || x < 0 || x >= w ? 0 : mag[y * w + x];
  }

  /**
   * {@code distanceTransform(src, DIST_L2, 5)}: two-pass 5x5 chamfer distance to the nearest zero pixel with
   * OpenCV's weights a = 1, b = 1.4, c = 2.1969 in 16-bit fixed point; pixels outside the image are never zero
   * (an image without zeros gets huge distances).
   */
  static double[] distanceTransform(int[] src, int h, int w) {
    final int scale = 1 << 16;
    final int a = (int) Math.round(1.0 * scale);
    final int b = (int) Math.round(1.4 * scale);
    final int c = (int) Math.round(2.1969 * scale);
    final int inf = Integer.MAX_VALUE >> 2;
    int[][] offsets = {{0, -1, a}, {-1, -1, b}, {-1, 0, a}, {-1, 1, b}, {-1, -2, c}, {-2, -1, c}, {-2, 1, c},
        {-1, 2, c}};
    int[] d = new int[h * w];
    for (int i = 0; i < d.length; i++) {
      d[i] = src[i] == 0 ? 0 : inf;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        relax(d, h, w, y, x, offsets, 1);
      }
    }
    for (int y = h - 1; y >= 0; y--) {
      for (int x = w - 1; x >= 0; x--) {
        relax(d, h, w, y, x, offsets, -1);
      }
    }
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) (d[i] * (1.0f / scale));
    }
    return out;
  }

  private static void relax(int[] d, int h, int w, int y, int x, int[][] offsets, int sign) {
    int best = d[y * w + x];
    for (int[] o : offsets) {
      int yy = y + sign * o[0];
      int xx = x + sign * o[1];
      if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
        best = Math.min(best, d[yy * w + xx] + o[2]);
      }
    }
    d[y * w + x] = best;
  }

  /**
   * {@code equalizeHist}: lut[v] = round(255 cdf'(v) / (N - n_min)) where cdf' counts pixels above the smallest
   * present value v_min (lut[v_min] = 0); a constant image maps to its own value.
   */
  static int[] equalizeHist(int[] src) {
    int[] hist = new int[256];
    for (int v : src) {
      hist[v]++;
    }
    int first = 0;
    while (hist[first] == 0) {
      first++;
    }
    int[] out = new int[src.length];
    if (hist[first] == src.length) {
      java.util.Arrays.fill(out, first);
      return out;
    }
    double scale = 255.0 / (src.length - hist[first]);
    int[] lut = new int[256];
    int sum = 0;
    for (int v = first + 1; v < 256; v++) {
      sum += hist[v];
      lut[v] = (int) Math.min(255, Math.rint(sum * scale));
    }
    for (int i = 0; i < src.length; i++) {
      out[i] = lut[src[i]];
    }
    return out;
  }

  /**
   * {@code filter2D(src, CV_8U, kernel3x3)} on a uint8 plane: correlation, border REFLECT_101, result rounded and
   * saturated to 0..255.
   */
  static int[] filter3x3ToUint8(int[] src, int h, int w, double[] kernel) {
    double[] v = new double[src.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = src[i];
    }
    double[] f = Filters.correlate2d(v, h, w, 1, kernel, 3, 3);
    int[] out = new int[src.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) Math.max(0, Math.min(255, Math.rint(f[i])));
    }
    return out;
  }
}
