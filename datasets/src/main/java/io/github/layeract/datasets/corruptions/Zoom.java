package io.github.layeract.datasets.corruptions;

/**
 * The reference's {@code clipped_zoom(img, z)} on HWC double arrays: crop the centre {@code ceil(H/z) x ceil(W/z)}
 * (top = (H - ch) // 2), enlarge it with {@code scipy.ndimage.zoom(order=1)}, keep the centre H x W of the result.
 * scipy's zoom: output size {@code round(ch * z)} (half to even), bilinear with corner-aligned mapping (output
 * index o reads input coordinate {@code o (in - 1)/(out - 1)}); the trim offset is (out - H) // 2, so a 33-pixel
 * result keeps its first 32.
 */
final class Zoom {

  private Zoom() {}

  static double[] clippedZoom(double[] v, int h, int w, int c, double z) {
    int ch = (int) Math.ceil(h / z);
    int cw = (int) Math.ceil(w / z);
    int top = Math.floorDiv(h - ch, 2);
    int left = Math.floorDiv(w - cw, 2);
    int oh = (int) Math.rint(ch * z);
    int ow = (int) Math.rint(cw * z);
    int trimTop = Math.floorDiv(oh - h, 2);
    int trimLeft = Math.floorDiv(ow - w, 2);
    double sy = oh > 1 ? (ch - 1.0) / (oh - 1.0) : 1.0;
    double sx = ow > 1 ? (cw - 1.0) / (ow - 1.0) : 1.0;
    int[] x0 = new int[w];
    int[] x1 = new int[w];
    double[] fx = new double[w];
    for (int x = 0; x < w; x++) {
      double t = Math.min((x + trimLeft) * sx, cw - 1.0);
      x0[x] = (int) Math.floor(t);
      x1[x] = Math.min(x0[x] + 1, cw - 1);
      fx[x] = t - x0[x];
    }
    double[] out = new double[v.length];
    for (int y = 0; y < h; y++) {
      double t = Math.min((y + trimTop) * sy, ch - 1.0);
      int y0 = (int) Math.floor(t);
      int y1 = Math.min(y0 + 1, ch - 1);
      double fy = t - y0;
      int r0 = (top + y0) * w;
      int r1 = (top + y1) * w;
      for (int x = 0; x < w; x++) {
        int a = left + x0[x];
        int b = left + x1[x];
        for (int k = 0; k < c; k++) {
          double upper = v[(r0 + a) * c + k] * (1 - fx[x]) + v[(r0 + b) * c + k] * fx[x];
          double lower = v[(r1 + a) * c + k] * (1 - fx[x]) + v[(r1 + b) * c + k] * fx[x];
          out[(y * w + x) * c + k] = upper * (1 - fy) + lower * fy;
        }
      }
    }
    return out;
  }
}
