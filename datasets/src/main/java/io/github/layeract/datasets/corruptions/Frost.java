package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * frost [Weather]: {@code y = clip(a x + b F, 0, 255)} on 0..255 values, F a random crop of one of five frost
 * textures ({@link FrostTextures}): index drawn uniformly from 0..4, then the crop's top from
 * [0, texture height - H) and left from [0, texture width - W). CIFAR textures are the published images resized by
 * 0.2 (e.g. 180x120), ImageNet ones are used at full size. CIFAR (a, b) = (1,.2) (1,.3) (.9,.4) (.85,.4)
 * (.75,.45); ImageNet (1,.4) (.8,.6) (.7,.7) (.65,.7) (.6,.75).
 *
 * <p>An image larger than the texture (not a case of the reference) gets the texture enlarged bilinearly to
 * cover it. Without the published images the textures are procedural ({@link #usesProceduralTexture()}).
 * Grayscale: through RGB and back to luma. Difference: the published JPEG textures are decoded by the JDK's
 * libjpeg instead of OpenCV's (+-1 in rare pixels).
 */
final class Frost extends BaseCorruption {

  static final SeverityTable PARAMS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{1, .2}, {1, .3}, {.9, .4}, {.85, .4}, {.75, .45}},
      Preset.IMAGENET, new double[][] {{1, .4}, {.8, .6}, {.7, .7}, {.65, .7}, {.6, .75}}));

  /** The published textures, or null for the procedural ones (generated on first use, not at construction). */
  private final FrostTextures textures;

  Frost(FrostTextures textures) {
    super("frost", Category.WEATHER, PARAMS);
    this.textures = textures;
  }

  @Override
  public boolean usesProceduralTexture() {
    return textures == null || textures.isProcedural();
  }

  @Override
  boolean viaRgb() {
    return true;
  }

  @Override
  Image corrupt(Image image, int level, Preset preset, RandomGenerator rng) {
    double[] p = PARAMS.row(preset, level);
    int h = image.height();
    int w = image.width();
    Image frost = (textures == null ? FrostTextures.procedural() : textures).texture(rng.nextInt(5), preset);
    if (frost.height() <= h || frost.width() <= w) {
      double s = Math.max((h + 1.0) / frost.height(), (w + 1.0) / frost.width());
      frost = Resize.bilinear(frost, (int) Math.ceil(frost.height() * s), (int) Math.ceil(frost.width() * s), 1 / s);
    }
    int top = rng.nextInt(frost.height() - h);
    int left = rng.nextInt(frost.width() - w);
    byte[] x = image.pixels();
    byte[] f = frost.pixels();
    double[] y = new double[x.length];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w * 3; c++) {
        int i = r * w * 3 + c;
        y[i] = p[0] * (x[i] & 0xFF) + p[1] * (f[((top + r) * frost.width() + left) * 3 + c] & 0xFF);
      }
    }
    return Unit.from255(y, h, w, 3);
  }
}
