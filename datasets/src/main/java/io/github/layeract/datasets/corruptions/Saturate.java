package io.github.layeract.datasets.corruptions;

import java.util.Map;

/**
 * saturate [Extra]: skimage HSV, {@code S <- clip(S * c0 + c1, 0, 1)}. CIFAR (c0, c1) = (.3,0) (.1,0) (1.5,0)
 * (2,.1) (2.5,.2); ImageNet (.3,0) (.1,0) (2,0) (5,.1) (20,.2). Deterministic.
 *
 * <p>Grayscale (a project choice, documented): through RGB and back to luma. A grey pixel has S = 0 and hue 0, so
 * severities 1-3 leave it unchanged and severities 4-5 tint it red (S = c1) before the luma is taken, which darkens
 * it by the factor {@code 1 - 0.701 c1} (0.93 and 0.86).
 */
final class Saturate extends HsvCorruption {

  static final SeverityTable FACTORS = SeverityTable.ofRows(Map.of(
      Preset.CIFAR, new double[][] {{.3, 0}, {.1, 0}, {1.5, 0}, {2, .1}, {2.5, .2}},
      Preset.IMAGENET, new double[][] {{.3, 0}, {.1, 0}, {2, 0}, {5, .1}, {20, .2}}));

  Saturate() {
    super("saturate", Category.EXTRA, FACTORS);
  }

  @Override
  void edit(double[] hsv, int level, Preset preset) {
    double[] c = FACTORS.row(preset, level);
    hsv[1] = Unit.clip01(hsv[1] * c[0] + c[1]);
  }

  @Override
  boolean viaRgb() {
    return true;
  }
}
