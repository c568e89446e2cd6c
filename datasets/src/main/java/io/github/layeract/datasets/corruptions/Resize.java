package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;

/**
 * OpenCV {@code resize(INTER_LINEAR)} on uint8 images: half-pixel centres (output o reads input coordinate
 * {@code (o + 1/2) s - 1/2}, clamped to the image, where s is the inverse of the scale factor the caller gave
 * OpenCV), bilinear weights, rounded. OpenCV uses 11-bit fixed-point
 * weights; the frost resize by 0.2 samples exact pixels (5i + 2), where both agree exactly.
 */
final class Resize {

  private Resize() {}

  /**
   * @param inverseScale s above: 5 for {@code fx = fy = 0.2} (OpenCV then uses 1/fx, not in/out, even though the
   *     output size is rounded)
   */
  static Image bilinear(Image in, int outHeight, int outWidth, double inverseScale) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    byte[] src = in.pixels();
    byte[] out = new byte[outHeight * outWidth * c];
    for (int y = 0; y < outHeight; y++) {
      double sy = Math.min(Math.max((y + 0.5) * inverseScale - 0.5, 0), h - 1);
      int y0 = (int) sy;
      int y1 = Math.min(y0 + 1, h - 1);
      double fy = sy - y0;
      for (int x = 0; x < outWidth; x++) {
        double sx = Math.min(Math.max((x + 0.5) * inverseScale - 0.5, 0), w - 1);
        int x0 = (int) sx;
        int x1 = Math.min(x0 + 1, w - 1);
        double fx = sx - x0;
        for (int k = 0; k < c; k++) {
          double top = (src[(y0 * w + x0) * c + k] & 0xFF) * (1 - fx) + (src[(y0 * w + x1) * c + k] & 0xFF) * fx;
          double bottom = (src[(y1 * w + x0) * c + k] & 0xFF) * (1 - fx) + (src[(y1 * w + x1) * c + k] & 0xFF) * fx;
          out[(y * outWidth + x) * c + k] = (byte) (int) Math.floor(top * (1 - fy) + bottom * fy + 0.5);
        }
      }
    }
    return new Image(outHeight, outWidth, c, out);
  }
}
