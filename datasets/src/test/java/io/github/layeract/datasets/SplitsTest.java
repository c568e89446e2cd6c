package io.github.layeract.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

  /** Image i holds the value i (as two bytes) so subsets can be traced back. */
  private static ImageSet tagged(int[] labels, int classes) {
    byte[] px = new byte[labels.length * 2];
    for (int i = 0; i < labels.length; i++) {
      px[2 * i] = (byte) (i >> 8);
      px[2 * i + 1] = (byte) i;
    }
    return new ImageSet(labels.length, 1, 2, 1, px, labels, classes);
  }

  private static Set<Integer> ids(ImageSet s) {
    Set<Integer> out = new HashSet<>();
    for (int i = 0; i < s.count(); i++) {
      out.add(((s.pixels()[2 * i] & 0xFF) << 8) | (s.pixels()[2 * i + 1] & 0xFF));
    }
    return out;
  }

  @Test
  void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
    // imbalanced: class c has 100 + 37c images
    int classes = 5;
    int n = 0;
    for (int c = 0; c < classes; c++) {
      n += 100 + 37 * c;
    }
    int[] labels = new int[n];
    int k = 0;
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < 100 + 37 * c; j++) {
        labels[k++] = c;
      }
    }
    // interleave so class order is not the index order
    int[] mixed = new int[n];
    for (int i = 0; i < n; i++) {
      mixed[i] = labels[(int) ((i * 397L) % n)];
    }
    ImageSet set = tagged(mixed, classes);
    Splits.TrainValidation split = Splits.stratified(set, 0.1, 11);
    assertEquals(Math.round(0.1 * n), split.validation().count());
    assertEquals(n, split.train().count() + split.validation().count());
    int[] all = Splits.classCounts(set);
    int[] val = Splits.classCounts(split.validation());
    for (int c = 0; c < classes; c++) {
      assertTrue(Math.abs(val[c] - 0.1 * all[c]) < 1.0, "class " + c + ": " + val[c] + " of " + all[c]);
    }
    Set<Integer> trainIds = ids(split.train());
    Set<Integer> valIds = ids(split.validation());
    assertTrue(trainIds.stream().noneMatch(valIds::contains), "disjoint");
    assertEquals(n, trainIds.size() + valIds.size());

    Splits.TrainValidation again = Splits.stratified(set, 0.1, 11);
    assertArrayEquals(split.validation().pixels(), again.validation().pixels(), "same seed, same split");
    Splits.TrainValidation other = Splits.stratified(set, 0.1, 22);
    assertFalse(Arrays.equals(split.validation().pixels(), other.validation().pixels()), "other seed, other split");
  }

  @Test
  void cifarSizedSplitIs45000Plus5000With500PerClass() {
    int[] labels = new int[50_000];
    Arrays.setAll(labels, i -> i % 10);
    Splits.TrainValidation split = Splits.stratified(new ImageSet(50_000, 1, 1, 1, new byte[50_000], labels, 10),
        0.1, 11);
    assertEquals(45_000, split.train().count());
    int[] five = new int[10];
    Arrays.fill(five, 500);
    assertArrayEquals(five, Splits.classCounts(split.validation()));
  }

  @Test
  void firstPerClassTakesTheEarliestImagesOfEachClass() {
    ImageSet set = tagged(new int[] {1, 0, 1, 1, 0, 0, 2, 2, 1}, 3);
    ImageSet s = Splits.firstPerClass(set, 2);
    assertEquals(Set.of(0, 1, 2, 4, 6, 7), ids(s));
    assertArrayEquals(new int[] {1, 0, 1, 0, 2, 2}, s.labels());
  }
}
