package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * gaussian_noise [Noise]: {@code y = clip(x + N(0, c^2))}, independent per pixel and channel, x in [0, 1].
 * CIFAR c = .04 .06 .08 .09 .10; ImageNet c = .08 .12 .18 .26 .38. Normal variates come from
 * {@link RandomGenerator#nextGaussian()} (same distribution as numpy, different stream).
 */
final class GaussianNoise extends BaseCorruption {

  static final SeverityTable SIGMA = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.04, .06, .08, .09, .10},
      Preset.IMAGENET, new double[] {.08, .12, .18, .26, .38}));

  GaussianNoise() {
    super("gaussian_noise", Category.NOISE, SIGMA);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = SIGMA.value(preset, level);
    double[] x = Unit.toUnit(image);
    for (int i = 0; i < x.length; i++) {
      x[i] += c * rng.nextGaussian();
    }
    return Unit.fromUnit(x, image.height(), image.width(), image.channels());
  }
}
