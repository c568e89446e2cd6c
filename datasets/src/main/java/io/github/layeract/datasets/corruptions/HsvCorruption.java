package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.random.RandomGenerator;

/**
 * A deterministic edit of the skimage HSV representation ({@link Hsv}) of every RGB pixel, x in [0, 1]:
 * rgb2hsv, {@link #edit}, hsv2rgb, clip, truncate to uint8.
 */
abstract class HsvCorruption extends BaseCorruption {

  HsvCorruption(String name, Category category, SeverityTable table) {
    super(name, category, table);
  }

  /** Changes {@code hsv} in place for the given table row. */
  abstract void edit(double[] hsv, int level, Preset preset);

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] x = Unit.toUnit(image);
    double[] hsv = new double[3];
    double[] rgb = new double[3];
    for (int i = 0; i < x.length; i += 3) {
      Hsv.rgbToHsv(x[i], x[i + 1], x[i + 2], hsv);
      edit(hsv, level, preset);
      Hsv.hsvToRgb(hsv[0], hsv[1], hsv[2], rgb);
      System.arraycopy(rgb, 0, x, i, 3);
    }
    return Unit.fromUnit(x, image.height(), image.width(), image.channels());
  }
}
