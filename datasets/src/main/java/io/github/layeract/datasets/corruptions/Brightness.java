package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * brightness [Weather]: skimage HSV, {@code V <- clip(V + c, 0, 1)}. CIFAR c = .05 .1 .15 .2 .3; ImageNet c =
 * .1 .2 .3 .4 .5. Deterministic. Grayscale: V is the grey value and S = 0, so {@code y = clip(x + c)} exactly as
 * on the grey image replicated to RGB.
 */
final class Brightness extends HsvCorruption {

  static final SeverityTable SHIFT = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {.05, .1, .15, .2, .3},
      Preset.IMAGENET, new double[] {.1, .2, .3, .4, .5}));

  Brightness() {
    super("brightness", Category.WEATHER, SHIFT);
  }

  @Override
  void edit(double[] hsv, int level, Preset preset) {
    hsv[2] = Unit.clip01(hsv[2] + SHIFT.value(preset, level));
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    if (image.channels() == 3) {
      return super.corrupt(image, level, preset, rng);
    }
    double[] x = Unit.toUnit(image);
    for (int i = 0; i < x.length; i++) {
      x[i] = Unit.clip01(x[i] + SHIFT.value(preset, level));
    }
    return Unit.fromUnit(x, image.height(), image.width(), 1);
  }
}
