package io.github.layeract.datasets.corruptions;

/**
 * OpenCV's {@code getAffineTransform} and {@code warpAffine(INTER_LINEAR, BORDER_REFLECT_101)} on HWC double
 * arrays. warpAffine inverts the forward matrix and samples the source at the inverse image of every destination
 * pixel. Like OpenCV 3.4 (the reference's version; 4.11+ samples exactly), the sampling position is rounded to
 * 1/32 pixel ({@code INTER_BITS = 5}) before the bilinear weights are taken.
 */
final class Affine {

  private Affine() {}

  /**
   * The 2x3 matrix M (row-major) with {@code dst_i = M (src_i, 1)} for three point pairs given as
   * {x0, y0, x1, y1, x2, y2}.
   */
  static double[] fromPoints(double[] src, double[] dst) {
    double[] m = new double[6];
    for (int row = 0; row < 2; row++) {
      double[][] a = new double[3][4];
      for (int i = 0; i < 3; i++) {
        a[i][0] = src[2 * i];
        a[i][1] = src[2 * i + 1];
        a[i][2] = 1;
        a[i][3] = dst[2 * i + row];
      }
      double[] sol = solve3(a);
      System.arraycopy(sol, 0, m, 3 * row, 3);
    }
    return m;
  }

  /** Gaussian elimination with partial pivoting on an augmented 3x4 system. */
  private static double[] solve3(double[][] a) {
    for (int col = 0; col < 3; col++) {
      int pivot = col;
      for (int r = col + 1; r < 3; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      if (a[col][col] == 0) {
        throw new IllegalArgumentException("affine transform of collinear points");
      }
      for (int r = 0; r < 3; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int k = col; k < 4; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    return new double[] {a[0][3] / a[0][0], a[1][3] / a[1][1], a[2][3] / a[2][2]};
  }

  /** {@code warpAffine(v, m, (w, h), INTER_LINEAR, BORDER_REFLECT_101)} with m the forward map. */
  static double[] warp(double[] v, int h, int w, int c, double[] m) {
    double det = m[0] * m[4] - m[1] * m[3];
    double[] inv = {m[4] / det, -m[1] / det, 0, -m[3] / det, m[0] / det, 0};
    inv[2] = -inv[0] * m[2] - inv[1] * m[5];
    inv[5] = -inv[3] * m[2] - inv[4] * m[5];
    // OpenCV's fixed point: AB_SCALE = 2^10 per pixel, positions rounded to 1/32 (INTER_BITS = 5):
    // X = (round(a x 1024) + round((b y + c) 1024) + 16) >> 5, in 1/32 pixel
    int[] adelta = new int[w];
    int[] bdelta = new int[w];
    for (int x = 0; x < w; x++) {
      adelta[x] = (int) Math.rint(inv[0] * x * 1024);
      bdelta[x] = (int) Math.rint(inv[3] * x * 1024);
    }
    double[] out = new double[v.length];
    for (int y = 0; y < h; y++) {
      int x0 = (int) Math.rint((inv[1] * y + inv[2]) * 1024) + 16;
      int y0 = (int) Math.rint((inv[4] * y + inv[5]) * 1024) + 16;
      for (int x = 0; x < w; x++) {
        int sx = (x0 + adelta[x]) >> 5;
        int sy = (y0 + bdelta[x]) >> 5;
        bilinear(v, h, w, c, sy / 32.0, sx / 32.0, Border.REFLECT_101, out, (y * w + x) * c);
      }
    }
    return out;
  }

  /** Bilinear sample of all channels at (row, col) into {@code out[at..]}, neighbours mapped by {@code border}. */
  static void bilinear(double[] v, int h, int w, int c, double row, double col, Border border, double[] out,
      int at) {
    double fy = Math.floor(row);
    double fx = Math.floor(col);
    double wy = row - fy;
    double wx = col - fx;
    int y0 = border.index((int) fy, h);
    int y1 = border.index((int) fy + 1, h);
    int x0 = border.index((int) fx, w);
    int x1 = border.index((int) fx + 1, w);
    for (int k = 0; k < c; k++) {
      double top = v[(y0 * w + x0) * c + k] * (1 - wx) + v[(y0 * w + x1) * c + k] * wx;
      double bottom = v[(y1 * w + x0) * c + k] * (1 - wx) + v[(y1 * w + x1) * c + k] * wx;
      out[at + k] = top * (1 - wy) + bottom * wy;
    }
  }
}
