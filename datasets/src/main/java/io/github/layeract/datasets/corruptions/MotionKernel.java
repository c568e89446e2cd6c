package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;

/**
 * ImageMagick 6's {@code MotionBlurImage(radius, sigma, angle)} ({@code magick/effect.c}) on uint8 images, as
 * called through Wand by the motion_blur and snow corruptions.
 * <ul>
 *   <li>width = 2 ceil(radius) + 1 taps, one-sided: weight k_i proportional to exp(-i^2 / (2 sigma^2)),
 *       i = 0 .. width - 1, normalised to sum 1;</li>
 *   <li>tap i reads offset (dx_i, dy_i) = (ceil(i cos(angle) - 1/2), ceil(i sin(angle) - 1/2)), x right, y down;
 *       taps outside the image read the nearest edge pixel (ImageMagick's edge virtual pixels);</li>
 *   <li>the sum is computed in 16-bit quantum (8-bit value x 257), rounded to a quantum q, and written to the
 *       8-bit PNG as {@code q / 257} (integer division).</li>
 * </ul>
 * Byte-for-byte equal to ImageMagick 6.9.11 Q16 ({@code convert -motion-blur RxS+A}, Debian 12) on the cases of
 * {@code MotionKernelImageMagickTest}. Difference: very old ImageMagick releases super-sampled the kernel 3x; the
 * Wand 0.4.4 setup of the reference used some ImageMagick 6 of its day.
 */
final class MotionKernel {

  private MotionKernel() {}

  static Image blur(Image in, double radius, double sigma, double angleDegrees) {
    int width = 2 * (int) Math.ceil(radius) + 1;
    double[] k = new double[width];
    double total = 0;
    for (int i = 0; i < width; i++) {
      k[i] = Math.exp(-((double) i * i) / (2.0 * sigma * sigma));
      total += k[i];
    }
    int[] ox = new int[width];
    int[] oy = new int[width];
    double rad = Math.toRadians(angleDegrees);
    double px = width * Math.sin(rad);
    double py = width * Math.cos(rad);
    double hyp = Math.hypot(px, py);
    for (int i = 0; i < width; i++) {
      k[i] /= total;
      ox[i] = (int) Math.ceil(i * py / hyp - 0.5);
      oy[i] = (int) Math.ceil(i * px / hyp - 0.5);
    }
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    byte[] src = in.pixels();
    byte[] out = new byte[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          double s = 0;
          for (int i = 0; i < width; i++) {
            int yy = Border.NEAREST.index(y + oy[i], h);
            int xx = Border.NEAREST.index(x + ox[i], w);
            s += k[i] * (257.0 * (src[(yy * w + xx) * c + ch] & 0xFF));
          }
          long q = Math.max(0, Math.min(65535, (long) (s + 0.5)));
          out[(y * w + x) * c + ch] = (byte) (q / 257);
        }
      }
    }
    return new Image(h, w, c, out);
  }
}
