package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * shot_noise [Noise]: {@code y = clip(Poisson(x * c) / c)} per element, x in [0, 1] (photon counting with c
 * photons at full scale: smaller c, more noise). CIFAR c = 500 250 100 75 50; ImageNet c = 60 25 12 5 3.
 * Poisson variates use numpy's algorithms ({@link Poisson}).
 */
final class ShotNoise extends BaseCorruption {

  static final SeverityTable PHOTONS = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {500, 250, 100, 75, 50},
      Preset.IMAGENET, new double[] {60, 25, 12, 5, 3}));

  ShotNoise() {
    super("shot_noise", Category.NOISE, PHOTONS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = PHOTONS.value(preset, level);
    double[] x = Unit.toUnit(image);
    for (int i = 0; i < x.length; i++) {
      x[i] = Poisson.sample(rng, x[i] * c) / c;
    }
    return Unit.fromUnit(x, image.height(), image.width(), image.channels());
  }
}
