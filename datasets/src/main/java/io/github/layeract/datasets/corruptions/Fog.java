package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * fog [Weather]: {@code y = clip((x + c P) m / (m + c))}, x in [0, 1], where P is a {@link Plasma} fractal
 * (wobble decay from the table) shared by all channels and m is the image's maximum before the fog. Map size:
 * the smallest power of two covering the image (32 for CIFAR, 256 cropped to 224 for ImageNet, as the reference).
 * CIFAR (c, decay) = (.2,3) (.5,3) (.75,2.5) (1,2) (1.5,1.75); ImageNet (1.5,2) (2,2) (2.5,1.7) (2.5,1.5) (3,1.4).
 */
final class Fog extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{.2, 3}, {.5, 3}, {.75, 2.5}, {1, 2}, {1.5, 1.75}},
      Preset.IMAGENET, new double[][] {{1.5, 2}, {2, 2}, {2.5, 1.7}, {2.5, 1.5}, {3, 1.4}}));

  Fog() {
    super("fog", Category.WEATHER, PARAMS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    double c = p[0];
    int h = image.height();
    int w = image.width();
    int ch = image.channels();
    int size = Plasma.mapSize(Math.max(h, w));
    double[] plasma = Plasma.fractal(size, p[1], rng);
    double[] x = Unit.toUnit(image);
    double max = 0;
    for (double v : x) {
      max = Math.max(max, v);
    }
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        for (int k = 0; k < ch; k++) {
          int i = (y * w + xx) * ch + k;
          x[i] = (x[i] + c * plasma[y * size + xx]) * max / (max + c);
        }
      }
    }
    return Unit.fromUnit(x, h, w, ch);
  }
}
