package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * zoom_blur [Blur]: {@code y = clip((x + sum_z Z_z(x)) / (len(zs) + 1))} with {@link Zoom#clippedZoom} Z_z. The
 * zoom list is numpy's {@code arange(1, end, step)} (values 1 + i step, length ceil((end - 1)/step) in double,
 * which includes the nominal end in several rows) and contains 1.0, so x counts twice. CIFAR ends 1.06 1.11 1.16
 * 1.21 1.26 step .01 (7 12 16 21 26 zooms); ImageNet (1.11, .01) (1.16, .01) (1.21, .02) (1.26, .02) (1.31, .03)
 * (12 16 11 13 11 zooms). Deterministic. Computed in float32 like the reference (bit-exact against scipy in
 * our cross-check).
 */
final class ZoomBlur extends BaseCorruption {

  static final SeverityTable RANGES = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{1.06, .01}, {1.11, .01}, {1.16, .01}, {1.21, .01}, {1.26, .01}},
      Preset.IMAGENET, new double[][] {{1.11, .01}, {1.16, .01}, {1.21, .02}, {1.26, .02}, {1.31, .03}}));

  ZoomBlur() {
    super("zoom_blur", Category.BLUR, RANGES);
  }

  /**
   * numpy {@code arange(1, end, step)}: n = ceil((end - 1)/step) values; numpy fills them as
   * {@code 1 + i * delta} with {@code delta = (1 + step) - 1}, which is not exactly step.
   */
  static double[] zooms(double end, double step) {
    int n = (int) Math.ceil((end - 1) / step);
    double delta = (1 + step) - 1;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = i == 0 ? 1 : i == 1 ? 1 + step : 1 + i * delta;
    }
    return z;
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] r = RANGES.row(preset, level);
    double[] zs = zooms(r[0], r[1]);
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    // float32 throughout, as the reference: x = float32(p / 255), each zoom is computed in double by scipy and
    // stored as float32, the sum and the final scaling are float32 operations
    double[] x = Unit.toUnit(image);
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      xf[i] = (float) x[i];
      x[i] = xf[i];
    }
    float[] sum = new float[x.length];
    for (double z : zs) {
      double[] zoomed = Zoom.clippedZoom(x, h, w, c, z);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += (float) zoomed[i];
      }
    }
    byte[] out = new byte[sum.length];
    float count = zs.length + 1;
    for (int i = 0; i < sum.length; i++) {
      float v = (xf[i] + sum[i]) / count;
      out[i] = (byte) (int) (Math.min(1f, Math.max(0f, v)) * 255f);
    }
    return new Image(h, w, c, out);
  }
}
