package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * snow [Weather]: parameters (mu, s, zoom, threshold, radius, sigma, blend), x in [0, 1].
 * <ol>
 *   <li>snow layer L = N(mu, s^2) per pixel (one channel), L = {@link Zoom#clippedZoom}(L, zoom), L[L &lt;
 *       threshold] = 0;</li>
 *   <li>L = {@link MotionKernel} blur of uint8(255 clip(L)) with (radius, sigma) and an angle drawn uniformly
 *       from [-135, -45) degrees, divided by 255;</li>
 *   <li>x' = blend x + (1 - blend) max(x, 1.5 gray + 0.5) with gray = 0.299 R + 0.587 G + 0.114 B (the grey value
 *       itself for grayscale);</li>
 *   <li>y = clip(x' + L + rot180(L)), L broadcast over the channels.</li>
 * </ol>
 * CIFAR (.1,.2,1,.6,8,3,.95) (.1,.2,1,.5,10,4,.9) (.15,.3,1.75,.55,10,4,.9) (.25,.3,2.25,.6,12,6,.85)
 * (.3,.3,1.25,.65,14,12,.8); ImageNet (.1,.3,3,.5,10,4,.8) (.2,.3,2,.5,12,4,.7) (.55,.3,4,.9,12,8,.7)
 * (.55,.3,4.5,.85,12,8,.65) (.55,.3,2.5,.85,12,12,.55). Difference: double arithmetic where the reference uses
 * float32 (replayed with the same draws through scipy, ImageMagick and OpenCV: a few bytes off by 1).
 */
final class Snow extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {
          {.1, .2, 1, .6, 8, 3, .95}, {.1, .2, 1, .5, 10, 4, .9}, {.15, .3, 1.75, .55, 10, 4, .9},
          {.25, .3, 2.25, .6, 12, 6, .85}, {.3, .3, 1.25, .65, 14, 12, .8}},
      Preset.IMAGENET, new double[][] {
          {.1, .3, 3, .5, 10, 4, .8}, {.2, .3, 2, .5, 12, 4, .7}, {.55, .3, 4, .9, 12, 8, .7},
          {.55, .3, 4.5, .85, 12, 8, .65}, {.55, .3, 2.5, .85, 12, 12, .55}}));

  Snow() {
    super("snow", Category.WEATHER, PARAMS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    double[] layer = new double[h * w];
    for (int i = 0; i < layer.length; i++) {
      layer[i] = p[0] + p[1] * rng.nextGaussian();
    }
    layer = Zoom.clippedZoom(layer, h, w, 1, p[2]);
    byte[] layer8 = new byte[layer.length];
    for (int i = 0; i < layer.length; i++) {
      layer8[i] = (byte) (int) ((layer[i] < p[3] ? 0 : Unit.clip01(layer[i])) * 255);
    }
    Image flakes = MotionKernel.blur(new Image(h, w, 1, layer8), p[4], p[5], rng.nextDouble(-135, -45));
    double blend = p[6];
    double[] x = Unit.toUnit(image);
    double[] y = new double[x.length];
    for (int i = 0; i < h * w; i++) {
      double gray = c == 3 ? 0.299 * x[3 * i] + 0.587 * x[3 * i + 1] + 0.114 * x[3 * i + 2] : x[i];
      byte[] f = flakes.pixels();
      double snow = (f[i] & 0xFF) / 255.0 + (f[h * w - 1 - i] & 0xFF) / 255.0;
      for (int k = 0; k < c; k++) {
        double v = x[i * c + k];
        y[i * c + k] = blend * v + (1 - blend) * Math.max(v, gray * 1.5 + 0.5) + snow;
      }
    }
    return Unit.fromUnit(y, h, w, c);
  }
}
