package io.github.layeract.datasets.corruptions;

/**
 * The five corruption groups of the LayerAct paper's robustness tables (columns Noise, Blur, Digital, Weather,
 * Extra; the reference code's cifar_c_resnet_test.py). Hendrycks' own grouping puts brightness under weather and the
 * four extra
 * corruptions in ImageNet-C's "extra" tar, which is the same split.
 */
public enum Category {
  NOISE("Noise"),
  BLUR("Blur"),
  DIGITAL("Digital"),
  WEATHER("Weather"),
  EXTRA("Extra");

  private final String title;

  Category(String title) {
    this.title = title;
  }

  /** The column title used in the paper's tables, e.g. {@code "Noise"}. */
  public String title() {
    return title;
  }
}
