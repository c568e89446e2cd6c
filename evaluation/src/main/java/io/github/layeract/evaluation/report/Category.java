package io.github.layeract.evaluation.report;

import java.util.Arrays;
import java.util.List;

/**
 * The paper's five corruption categories, in the column order of its CIFAR-C tables (App Tables 1-7):
 * Noise, Blur, Digital, Weather, Extra. The first four hold Hendrycks and Dietterich's 15 benchmark corruptions,
 * Extra their 4 held-out ones.
 */
public enum Category {
  NOISE("Noise", List.of("gaussian_noise", "shot_noise", "impulse_noise")),
  BLUR("Blur", List.of("defocus_blur", "glass_blur", "motion_blur", "zoom_blur")),
  DIGITAL("Digital", List.of("contrast", "elastic_transform", "pixelate", "jpeg_compression")),
  WEATHER("Weather", List.of("snow", "frost", "fog", "brightness")),
  EXTRA("Extra", List.of("speckle_noise", "gaussian_blur", "spatter", "saturate"));

  private final String title;
  private final List<String> corruptions;

  Category(String title, List<String> corruptions) {
    this.title = title;
    this.corruptions = corruptions;
  }

  /** The column title, e.g. {@code Noise}. */
  public String title() {
    return title;
  }

  /** The corruptions of this category, in the paper's order. */
  public List<String> corruptions() {
    return corruptions;
  }

  /** All 19 corruptions, category by category. */
  public static List<String> all() {
    return Arrays.stream(values()).flatMap(c -> c.corruptions.stream()).toList();
  }

  /** The 15 benchmark corruptions of Hendrycks and Dietterich (everything but Extra), over which mCE is defined. */
  public static List<String> benchmark15() {
    return Arrays.stream(values()).filter(c -> c != EXTRA).flatMap(c -> c.corruptions.stream()).toList();
  }

  /** The category of a corruption; fails naming the valid corruptions. */
  public static Category of(String corruption) {
    for (Category c : values()) {
      if (c.corruptions.contains(corruption)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown corruption '" + corruption + "'; valid: " + String.join(", ", all()));
  }
}
