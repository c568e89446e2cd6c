package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * impulse_noise [Noise]: salt-and-pepper as skimage 0.13.1 {@code random_noise(mode='s&p', amount=c)}: every
 * element (each channel separately, so the specks are coloured) is hit with probability c; a hit becomes 1.0 or
 * 0.0 with probability 1/2 each. CIFAR c = .01 .02 .03 .05 .07; ImageNet c = .03 .06 .09 .17 .27.
 */
final class ImpulseNoise extends BaseCorruption {

  static final SeverityTable AMOUNT = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.01, .02, .03, .05, .07},
      Preset.IMAGENET, new double[] {.03, .06, .09, .17, .27}));

  ImpulseNoise() {
    super("impulse_noise", Category.NOISE, AMOUNT);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double amount = AMOUNT.value(preset, level);
    byte[] out = image.pixels().clone();
    for (int i = 0; i < out.length; i++) {
      if (rng.nextDouble() < amount) {
        out[i] = rng.nextBoolean() ? (byte) 255 : 0;
      }
    }
    return new Image(image.height(), image.width(), image.channels(), out);
  }
}
