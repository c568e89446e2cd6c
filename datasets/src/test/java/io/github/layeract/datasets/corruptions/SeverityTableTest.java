package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeverityTableTest {

  @Test
  void everyCorruptionHasAFullTableForEveryPreset() {
    assertEquals(19, Corruptions.all().size());
    for (Corruption c : Corruptions.all()) {
      SeverityTable t = ((BaseCorruption) c).table();
      for (Preset p : Preset.values()) {
        for (int level = 0; level < SeverityTable.SEVERITIES; level++) {
          assertEquals(t.width(), t.row(p, level).length, c + " " + p + " severity " + (level + 1));
        }
      }
    }
  }

  @Test
  void rowsAreLookedUpByPresetNotByPosition() {
    // the published tables (make_cifar_c.py, make_imagenet_c.py): severity 1 Gaussian noise sigma 0.04 vs 0.08,
    // JPEG quality 80..40 vs 25..7
    assertEquals(.04, GaussianNoise.SIGMA.value(Preset.CIFAR, 0));
    assertEquals(.08, GaussianNoise.SIGMA.value(Preset.IMAGENET, 0));
    assertEquals(40, JpegCompression.QUALITY.value(Preset.CIFAR, 4));
    assertEquals(7, JpegCompression.QUALITY.value(Preset.IMAGENET, 4));
    // a map given in the other order gives the same table
    SeverityTable t = SeverityTable.ofValues(Map.of(Preset.IMAGENET, new double[] {6, 7, 8, 9, 10},
        Preset.CIFAR, new double[] {1, 2, 3, 4, 5}));
    assertEquals(1, t.value(Preset.CIFAR, 0));
    assertEquals(10, t.value(Preset.IMAGENET, 4));
  }

  @Test
  void refusesIncompleteTables() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SeverityTable.ofValues(Map.of(Preset.CIFAR, new double[] {1, 2, 3, 4, 5})));
    assertTrue(missing.getMessage().contains("IMAGENET"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SeverityTable.ofValues(
        Map.of(Preset.CIFAR, new double[] {1, 2, 3, 4}, Preset.IMAGENET, new double[] {1, 2, 3, 4, 5})));
    assertThrows(IllegalArgumentException.class, () -> SeverityTable.ofRows(Map.of(
        Preset.CIFAR, new double[][] {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}},
        Preset.IMAGENET, new double[][] {{1, 2}, {1, 2}, {1}, {1, 2}, {1, 2}})));
  }

  @Test
  void rowsCannotBeChangedThroughTheTable() {
    double[][] cifar = {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
    SeverityTable t = SeverityTable.ofRows(Map.of(Preset.CIFAR, cifar, Preset.IMAGENET, cifar));
    cifar[0][0] = 99;
    t.row(Preset.CIFAR, 0)[1] = 99;
    assertArrayEquals(new double[] {1, 2}, t.row(Preset.CIFAR, 0));
    assertThrows(IllegalStateException.class, () -> t.value(Preset.CIFAR, 0));
  }
}
