package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.random.RandomGenerator;

/**
 * shot_noise [Noise]: {@code y = clip(Poisson(x * c) / c)} per element, x in [0, 1] (photon counting with c
 * photons at full scale: smaller c, more noise). CIFAR c = 500 250 100 75 50; ImageNet c = 60 25 12 5 3.
 * Poisson variates use numpy's algorithms ({@link Poisson}).
 */
final class ShotNoise extends BaseCorruption {

  static final double[][] PHOTONS = {{500, 250, 100, 75, 50}, {60, 25, 12, 5, 3}};

  ShotNoise() {
    super("shot_noise", Category.NOISE);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = PHOTONS[preset.ordinal()][level];
    double[] x = Unit.toUnit(image);
    for (int i = 0; i < x.length; i++) {
      x[i] = Poisson.sample(rng, x[i] * c) / c;
    }
    return Unit.fromUnit(x, image.height(), image.width(), image.channels());
  }
}
