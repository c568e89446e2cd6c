package io.github.layeract.evaluation.report;

import io.github.layeract.datasets.corruptions.Category;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Corruptions;
import java.util.List;

/**
 * Which corruption belongs to which of the paper's categories (Noise, Blur, Digital, Weather, Extra), from the
 * corruptions package; the first four hold Hendrycks and Dietterich's 15 benchmark corruptions, Extra their 4
 * held-out ones.
 */
public final class Taxonomy {

  private static final List<String> BENCHMARK15 = Corruptions.NAMES.stream()
      .filter(n -> category(n) != Category.EXTRA).toList();

  private Taxonomy() {}

  /** The category of {@code corruption}; fails naming the valid corruptions. */
  public static Category category(String corruption) {
    return Corruption.of(corruption).category();
  }

  /** The corruptions of {@code k}, in the corruptions package's order. */
  public static List<String> members(Category k) {
    return Corruptions.NAMES.stream().filter(n -> category(n) == k).toList();
  }

  /** All 19 corruptions. */
  public static List<String> all() {
    return Corruptions.NAMES;
  }

  /** The 15 benchmark corruptions (all but Extra), over which mCE is defined. */
  public static List<String> benchmark15() {
    return BENCHMARK15;
  }
}
