package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * jpeg_compression [Digital]: a JPEG round trip at quality q ({@link JpegCodec}: IJG integer-scaled tables,
 * 4:2:0, baseline, as Pillow 5.0). CIFAR q = 80 65 58 50 40; ImageNet q = 25 18 15 10 7. Deterministic.
 * The JDK's libjpeg 6b with these tables gave the same bytes as Pillow 9.4 / libjpeg-turbo in our cross-check
 * ({@code PillowCrossCheckTest}); the reference used Pillow 5.0.
 */
final class JpegCompression extends BaseCorruption {

  static final SeverityTable QUALITY = SeverityTable.ofValues(Map.of(
      Preset.CIFAR, new double[] {80, 65, 58, 50, 40},
      Preset.IMAGENET, new double[] {25, 18, 15, 10, 7}));

  JpegCompression() {
    super("jpeg_compression", Category.DIGITAL, QUALITY);
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    return JpegCodec.decode(JpegCodec.encode(image, (int) QUALITY.value(preset, level)), image.channels());
  }
}
