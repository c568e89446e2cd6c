package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * pixelate [Digital]: Pillow BOX resize ({@link BoxResize}, bit-exact two-pass fixed point) down to
 * {@code int(H c) x int(W c)} and back up. CIFAR c = .95 .9 .85 .75 .65 (32 -> 30 28 27 24 20 px); ImageNet c =
 * .6 .5 .4 .3 .25 (224 -> 134 112 89 67 56 px). Deterministic.
 */
final class Pixelate extends BaseCorruption {

  static final SeverityTable SCALE = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.95, .9, .85, .75, .65},
      Preset.IMAGENET, new double[] {.6, .5, .4, .3, .25}));

  Pixelate() {
    super("pixelate", Category.DIGITAL, SCALE);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double c = SCALE.value(preset, level);
    int h = Math.max(1, (int) (image.height() * c));
    int w = Math.max(1, (int) (image.width() * c));
    Image small = BoxResize.resize(image, h, w);
    return BoxResize.resize(small, image.height(), image.width());
  }
}
