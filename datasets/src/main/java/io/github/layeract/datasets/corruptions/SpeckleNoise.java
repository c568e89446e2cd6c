package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * speckle_noise [Extra]: multiplicative noise {@code y = clip(x + x * N(0, c^2))}, x in [0, 1].
 * CIFAR c = .06 .10 .12 .16 .20; ImageNet c = .15 .20 .35 .45 .60. numpy draws {@code normal(scale=c)} as c Z, so
 * the product is formed as {@code x (c Z)}.
 */
final class SpeckleNoise extends BaseCorruption {

  static final SeverityTable SIGMA = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.06, .10, .12, .16, .20},
      Preset.IMAGENET, new double[] {.15, .20, .35, .45, .60}));

  SpeckleNoise() {
    super("speckle_noise", Category.EXTRA, SIGMA);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = SIGMA.value(preset, level);
    double[] x = Unit.toUnit(image);
    for (int i = 0; i < x.length; i++) {
      x[i] += x[i] * (c * rng.nextGaussian());
    }
    return Unit.fromUnit(x, image.height(), image.width(), image.channels());
  }
}
