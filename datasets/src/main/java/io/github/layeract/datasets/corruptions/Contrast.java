package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * contrast [Digital]: {@code y = clip((x - m) * c + m)} where m is each channel's mean over the image, x in
 * [0, 1]. CIFAR c = .75 .5 .4 .3 .15; ImageNet c = .4 .3 .2 .1 .05. Deterministic.
 */
final class Contrast extends BaseCorruption {

  static final SeverityTable FACTOR = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.75, .5, .4, .3, .15},
      Preset.IMAGENET, new double[] {.4, .3, .2, .1, .05}));

  Contrast() {
    super("contrast", Category.DIGITAL, FACTOR);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = FACTOR.value(preset, level);
    int ch = image.channels();
    double[] x = Unit.toUnit(image);
    double[] mean = new double[ch];
    for (int i = 0; i < x.length; i++) {
      mean[i % ch] += x[i];
    }
    int pixels = x.length / ch;
    for (int k = 0; k < ch; k++) {
      mean[k] /= pixels;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (x[i] - mean[i % ch]) * c + mean[i % ch];
    }
    return Unit.fromUnit(x, image.height(), image.width(), ch);
  }
}
