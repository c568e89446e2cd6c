package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * gaussian_blur [Extra]: skimage {@code gaussian(x, sigma)} per channel (scipy kernel, radius
 * {@code int(4 sigma + 0.5)}, border {@code nearest}), then clip. CIFAR sigma = .4 .6 .7 .8 1; ImageNet sigma =
 * 1 2 3 4 6. Deterministic.
 */
final class GaussianBlur extends BaseCorruption {

  static final SeverityTable SIGMA = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.4, .6, .7, .8, 1},
      Preset.IMAGENET, new double[] {1, 2, 3, 4, 6}));

  GaussianBlur() {
    super("gaussian_blur", Category.EXTRA, SIGMA);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] x = Unit.toUnit(image);
    double[] y = Filters.gaussian(x, image.height(), image.width(), image.channels(),
        SIGMA.value(preset, level), Border.NEAREST, 4);
    return Unit.fromUnit(y, image.height(), image.width(), image.channels());
  }
}
