package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;

/**
 * Conversions between uint8 images and the float arrays the reference computes on. The reference divides by 255
 * into [0, 1] doubles, clips the result to [0, 1], multiplies by 255 and stores {@code np.uint8(result)}, which
 * <em>truncates</em>: 0.9999 * 255 = 254.97 becomes 254, not 255.
 */
final class Unit {

  private Unit() {}

  /** {@code pixel / 255} for every byte, in HWC order. */
  static double[] toUnit(Image image) {
    byte[] p = image.pixels();
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (p[i] & 0xFF) / 255.0;
    }
    return out;
  }

  /** {@code uint8(clip(v, 0, 1) * 255)} (truncating) as an image of the given shape. */
  static Image fromUnit(double[] v, int height, int width, int channels) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) (int) (clip01(v[i]) * 255.0);
    }
    return new Image(height, width, channels, out);
  }

  /** {@code uint8(clip(v, 0, 255))} (truncating), for corruptions that work in 0..255 (frost). */
  static Image from255(double[] v, int height, int width, int channels) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) (int) Math.min(255.0, Math.max(0.0, v[i]));
    }
    return new Image(height, width, channels, out);
  }

  /** Clips to [0, 1]; NaN becomes 0 (numpy's uint8 cast of NaN is undefined; 0 is the common x86 result). */
  static double clip01(double v) {
    return v > 0.0 ? Math.min(v, 1.0) : 0.0;
  }
}
