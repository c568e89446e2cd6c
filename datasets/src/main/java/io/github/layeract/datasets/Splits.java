package io.github.layeract.datasets;

import java.util.Arrays;
import java.util.Random;

/** Deterministic, class-aware ways to divide an {@link ImageSet}. */
public final class Splits {

  private Splits() {}

  /** A training part and a held-out validation part of one set. */
  public record TrainValidation(ImageSet train, ImageSet validation) {}

  /**
   * A seeded stratified split, as scikit-learn's {@code StratifiedShuffleSplit(test_size=fraction)} used by the
   * paper (10% validation): the validation part has {@code round(fraction * N)} images, each class contributing
   * {@code floor(fraction * n_c)} plus one for the classes with the largest remainders, so class proportions are
   * kept to within one image. Within a class the images are chosen by a Fisher-Yates shuffle driven by
   * {@code java.util.Random(seed)}; both parts keep the original order.
   *
   * <p>Example: CIFAR-10's 50,000 training images with {@code fraction = 0.1} give 45,000 + 5,000, 500 of each
   * class in validation.
   */
  public static TrainValidation stratified(ImageSet set, double fraction, long seed) {
    int[][] parts = stratifiedIndices(set.labels(), set.classes(), fraction, seed);
    return new TrainValidation(set.subset(parts[0]), set.subset(parts[1]));
  }

  /**
   * The indices {@code {train, validation}} (each ascending) of {@link #stratified}'s split of a set with these
   * labels in {@code [0, classes)}: the same split, for sets that are not in memory (e.g. lists of image files).
   */
  public static int[][] stratifiedIndices(int[] labels, int classes, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
    }
    int[][] byClass = indicesByClass(labels, classes);
    int total = (int) Math.round(fraction * labels.length);
    int[] quota = new int[classes];
    double[] remainder = new double[classes];
    int assigned = 0;
    for (int c = 0; c < quota.length; c++) {
      double exact = fraction * byClass[c].length;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    Integer[] order = new Integer[quota.length];
    Arrays.setAll(order, c -> c);
    Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
    for (int k = 0; assigned < total && k < order.length; k++) {
      if (quota[order[k]] < byClass[order[k]].length) {
        quota[order[k]]++;
        assigned++;
      }
    }
    Random rng = new Random(seed);
    boolean[] isValidation = new boolean[labels.length];
    for (int c = 0; c < quota.length; c++) {
      int[] group = byClass[c].clone();
      shuffle(group, rng);
      for (int k = 0; k < quota[c]; k++) {
        isValidation[group[k]] = true;
      }
    }
    int[] val = new int[assigned];
    int[] train = new int[labels.length - assigned];
    int v = 0;
    int t = 0;
    for (int i = 0; i < labels.length; i++) {
      if (isValidation[i]) {
        val[v++] = i;
      } else {
        train[t++] = i;
      }
    }
    return new int[][] {train, val};
  }

  /**
   * The first {@code perClass} images of every class, in the set's order (a deterministic class-balanced sample).
   *
   * @throws IllegalArgumentException if a class has fewer images
   */
  public static ImageSet firstPerClass(ImageSet set, int perClass) {
    int[][] byClass = indicesByClass(set.labels(), set.classes());
    int[] chosen = new int[perClass * set.classes()];
    int k = 0;
    for (int c = 0; c < byClass.length; c++) {
      if (byClass[c].length < perClass) {
        throw new IllegalArgumentException("class " + c + " has " + byClass[c].length + " images, fewer than "
            + perClass);
      }
      System.arraycopy(byClass[c], 0, chosen, k, perClass);
      k += perClass;
    }
    Arrays.sort(chosen);
    return set.subset(chosen);
  }

  /** Images per class, index = class. */
  public static int[] classCounts(ImageSet set) {
    return counts(set.labels(), set.classes());
  }

  private static int[] counts(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int y : labels) {
      counts[y]++;
    }
    return counts;
  }

  private static int[][] indicesByClass(int[] labels, int classes) {
    int[] counts = counts(labels, classes);
    int[][] byClass = new int[classes][];
    for (int c = 0; c < classes; c++) {
      byClass[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      byClass[y][fill[y]++] = i;
    }
    return byClass;
  }

  private static void shuffle(int[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }
}
