package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * motion_blur [Blur]: ImageMagick motion blur ({@link MotionKernel}) with (radius, sigma) from the table and an
 * angle drawn uniformly from [-45, 45) degrees; works directly on the uint8 pixels (the reference's PNG round trip
 * is lossless). CIFAR (r, sigma) = (6,1) (6,1.5) (6,2) (8,2) (9,2.5); ImageNet (10,3) (15,5) (15,8) (15,12)
 * (20,15). Random (the angle); given it, byte-identical to ImageMagick 6.9.11 in our replay.
 */
final class MotionBlur extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{6, 1}, {6, 1.5}, {6, 2}, {8, 2}, {9, 2.5}},
      Preset.IMAGENET, new double[][] {{10, 3}, {15, 5}, {15, 8}, {15, 12}, {20, 15}}));

  MotionBlur() {
    super("motion_blur", Category.BLUR, PARAMS);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    return MotionKernel.blur(image, p[0], p[1], rng.nextDouble(-45, 45));
  }
}
