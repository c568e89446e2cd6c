package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * spatter [Extra]: water drops (severities with mud = 0) or mud (mud = 1); parameters (mu, s, sigma, threshold,
 * k, mud), x in [0, 1]. Liquid layer L = N(mu, s^2) per pixel, L = gaussian(L, sigma) (border nearest),
 * L[L &lt; threshold] = 0.
 * <ul>
 *   <li>Water: L8 = uint8(255 L) (truncating, wrapping above 255 as numpy's cast does); E = Canny(L8, 50, 150);
 *       D = chamfer distance to E (OpenCV {@code DIST_L2}, mask 5), D = min(D, 20), D = uint8(box3x3(D)),
 *       D = equalizeHist(D), D = filter2D(D, [[-2,-1,0],[-1,1,1],[0,1,2]]) to uint8, D = box3x3(D) (uint8,
 *       rounded); m = k L8 D / max(L8 D); y = clip(x + m (175, 238, 238)/255) (pale turquoise; the reference
 *       names the channels BGR but the array is RGB, so it lands as RGB). See {@link OpenCvOps}.</li>
 *   <li>Mud: M = gaussian([L &gt; threshold], sigma = k), M[M &lt; 0.8] = 0, y = clip(x (1 - M) + M (63, 42,
 *       20)/255).</li>
 * </ul>
 * CIFAR (.62,.1,.7,.7,.5,0) (.65,.1,.8,.7,.5,0) (.65,.3,1,.69,.5,0) (.65,.1,.7,.69,.6,1) (.65,.1,.5,.68,.6,1);
 * ImageNet (.65,.3,4,.69,.6,0) (.65,.3,3,.68,.6,0) (.65,.3,2,.68,.5,0) (.65,.3,1,.65,1.5,1) (.67,.4,1,.65,1.5,1).
 * Grayscale: through RGB and back to luma. Replayed with the same draws through scipy and OpenCV 5.0: CIFAR
 * identical, ImageNet a few bytes off by 1. Differences: double instead of float32 arithmetic; a layer without any
 * edge (m's maximum 0, NaN in the reference) leaves the image unchanged.
 */
final class Spatter extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {
          {.62, .1, .7, .7, .5, 0}, {.65, .1, .8, .7, .5, 0}, {.65, .3, 1, .69, .5, 0}, {.65, .1, .7, .69, .6, 1},
          {.65, .1, .5, .68, .6, 1}},
      Preset.IMAGENET, new double[][] {
          {.65, .3, 4, .69, .6, 0}, {.65, .3, 3, .68, .6, 0}, {.65, .3, 2, .68, .5, 0}, {.65, .3, 1, .65, 1.5, 1},
          {.67, .4, 1, .65, 1.5, 1}}));

  private static final double[] WATER = {175 / 255.0, 238 / 255.0, 238 / 255.0};
  private static final double[] MUD = {63 / 255.0, 42 / 255.0, 20 / 255.0};
  private static final double[] EMBOSS = {-2, -1, 0, -1, 1, 1, 0, 1, 2};

  Spatter() {
    super("spatter", Category.EXTRA, PARAMS);
  }

  @Override
  boolean viaRgb() {
    return true;
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    int h = image.height();
    int w = image.width();
    double[] liquid = new double[h * w];
    for (int i = 0; i < liquid.length; i++) {
      liquid[i] = p[0] + p[1] * rng.nextGaussian();
    }
    liquid = Filters.gaussian(liquid, h, w, 1, p[2], Border.NEAREST, 4);
    for (int i = 0; i < liquid.length; i++) {
      if (liquid[i] < p[3]) {
        liquid[i] = 0;
      }
    }
    double[] x = Unit.toUnit(image);
    if (p[5] == 0) {
      water(x, liquid, h, w, p[4]);
    } else {
      mud(x, liquid, h, w, p[3], p[4]);
    }
    return Unit.fromUnit(x, h, w, 3);
  }

  private static void water(double[] x, double[] liquid, int h, int w, double k) {
    int[] l8 = new int[liquid.length];
    for (int i = 0; i < l8.length; i++) {
      l8[i] = ((int) (liquid[i] * 255)) & 0xFF;
    }
    int[] edges = OpenCvOps.canny(l8, h, w, 50, 150);
    int[] notEdges = new int[edges.length];
    for (int i = 0; i < edges.length; i++) {
      notEdges[i] = 255 - edges[i];
    }
    double[] dist = OpenCvOps.distanceTransform(notEdges, h, w);
    for (int i = 0; i < dist.length; i++) {
      dist[i] = Math.min(dist[i], 20);
    }
    double[] blurred = Filters.box3(dist, h, w);
    int[] d8 = new int[blurred.length];
    for (int i = 0; i < d8.length; i++) {
      d8[i] = (int) blurred[i];
    }
    int[] embossed = OpenCvOps.filter3x3ToUint8(OpenCvOps.equalizeHist(d8), h, w, EMBOSS);
    double[] e = new double[embossed.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = embossed[i];
    }
    double[] d = Filters.box3(e, h, w);
    double[] m = new double[d.length];
    double max = 0;
    for (int i = 0; i < m.length; i++) {
      m[i] = l8[i] * Math.rint(d[i]);
      max = Math.max(max, m[i]);
    }
    if (max == 0) {
      return;
    }
    for (int i = 0; i < m.length; i++) {
      double s = m[i] / max * k;
      for (int c = 0; c < 3; c++) {
        x[3 * i + c] += s * WATER[c];
      }
    }
  }

  private static void mud(double[] x, double[] liquid, int h, int w, double threshold, double k) {
    double[] mask = new double[liquid.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = liquid[i] > threshold ? 1 : 0;
    }
    mask = Filters.gaussian(mask, h, w, 1, k, Border.NEAREST, 4);
    for (int i = 0; i < mask.length; i++) {
      double m = mask[i] < 0.8 ? 0 : mask[i];
      for (int c = 0; c < 3; c++) {
        x[3 * i + c] = x[3 * i + c] * (1 - m) + m * MUD[c];
      }
    }
  }
}
