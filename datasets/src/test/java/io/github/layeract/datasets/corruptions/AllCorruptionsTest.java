package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every corruption must have: shape, determinism per seed, growth with severity, grayscale. */
class AllCorruptionsTest {

  /** Corruptions whose output does not depend on the random generator. */
  private static final Set<String> DETERMINISTIC = Set.of("defocus_blur", "zoom_blur", "brightness", "contrast",
      "pixelate", "jpeg_compression", "gaussian_blur", "saturate");

  /**
   * Corruptions whose mean |out - in| does not grow with severity in Hendrycks' own tables, so the property cannot
   * hold for a faithful port (README-corr.md explains each): glass_blur (the pixel shuffle dominates, the extra
   * blur of higher rows smooths it out), frost (a &lt; 1 darkens while b F brightens), elastic_transform (the
   * affine amplitude of the table falls with severity), spatter (water rows vs mud rows), saturate (rows 1-2
   * desaturate, 3-5 saturate), and on the ImageNet table snow (row 3 has a higher flake threshold).
   */
  private static final Set<String> NOT_MONOTONE = Set.of("glass_blur", "frost", "elastic_transform", "spatter",
      "saturate");

  static List<String> names() {
    return Corruptions.NAMES;
  }

  @Test
  void listIsThePapersOrderWithCategories() {
    List<Corruption> all = Corruption.all();
    assertEquals(19, all.size());
    assertEquals(List.of("gaussian_noise", "shot_noise", "impulse_noise", "defocus_blur", "glass_blur",
        "motion_blur", "zoom_blur", "snow", "frost", "fog", "brightness", "contrast", "elastic_transform",
        "pixelate", "jpeg_compression", "speckle_noise", "gaussian_blur", "spatter", "saturate"),
        all.stream().map(Corruption::name).toList());
    // the paper's robustness tables: Noise 3, Blur 4, Digital 4, Weather 4, Extra 4
    assertEquals(List.of(3L, 4L, 4L, 4L, 4L), List.of(Category.values()).stream()
        .map(c -> all.stream().filter(x -> x.category() == c).count()).toList());
    assertEquals(Category.WEATHER, Corruption.of("brightness").category());
    assertEquals(Category.DIGITAL, Corruption.of("contrast").category());
    assertEquals(Category.EXTRA, Corruption.of("Speckle-Noise").category());
    assertTrue(Corruption.of("frost").usesProceduralTexture());
    assertFalse(Corruption.of("fog").usesProceduralTexture());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corruption.of("rain"));
    assertTrue(e.getMessage().startsWith("unknown corruption 'rain'"));
    assertEquals(List.of("gaussian_noise", "shot_noise", "impulse_noise", "fog"),
        Corruptions.parseList("noise, fog", null).stream().map(Corruption::name).toList());
  }

  @Test
  void rejectsBadSeverityAndChannels() {
    Image rgb = SyntheticScene.rgb(32, 32, 1);
    Corruption c = Corruption.of("contrast");
    assertThrows(IllegalArgumentException.class, () -> c.apply(rgb, 0, new SplittableRandom(1)));
    assertThrows(IllegalArgumentException.class, () -> c.apply(rgb, 6, new SplittableRandom(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.apply(Image.zeros(8, 8, 4), 1, new SplittableRandom(1)));
    assertEquals("contrast: needs a grayscale (1-channel) or RGB (3-channel) image, got 4 channels",
        e.getMessage());
  }

  @Test
  void presetFollowsImageSize() {
    assertEquals(Preset.CIFAR, Preset.forSize(32, 32));
    assertEquals(Preset.CIFAR, Preset.forSize(28, 28));
    assertEquals(Preset.CIFAR, Preset.forSize(64, 64));
    assertEquals(Preset.IMAGENET, Preset.forSize(224, 224));
    assertEquals(Preset.IMAGENET, Preset.forSize(128, 300));
    assertEquals(Preset.IMAGENET, Preset.parse("ImageNet"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void shapeAndSeedBehaviour(String name) {
    Corruption c = Corruption.of(name);
    for (Preset preset : Preset.values()) {
      int size = preset == Preset.CIFAR ? 32 : 224;
      Image rgb = SyntheticScene.rgb(size, size, 3);
      Image gray = SyntheticScene.gray(size, size, 3);
      int severity = preset == Preset.CIFAR ? 5 : 3;
      for (Image in : List.of(rgb, gray)) {
        byte[] before = in.pixels().clone();
        Image a = c.apply(in, severity, preset, new SplittableRandom(11));
        Image b = c.apply(in, severity, preset, new SplittableRandom(11));
        Image other = c.apply(in, severity, preset, new SplittableRandom(12));
        assertEquals(in.height(), a.height());
        assertEquals(in.width(), a.width());
        assertEquals(in.channels(), a.channels());
        assertEquals(in.pixels().length, a.pixels().length);
        assertArrayEquals(before, in.pixels(), name + " must not modify its input");
        assertArrayEquals(a.pixels(), b.pixels(), name + ": same seed, same bytes");
        if (DETERMINISTIC.contains(name)) {
          assertArrayEquals(a.pixels(), other.pixels(), name + " is deterministic");
        } else {
          assertNotEquals(a, other, name + ": another seed must differ");
        }
        if (name.equals("saturate") && in.channels() == 1 && severity <= 3) {
          assertEquals(in, a, "saturate rows 1-3 leave grey pixels grey (S = 0 stays 0)");
        } else {
          assertTrue(meanAbsDiff(in, a) > 0.2, name + " " + preset + " must change the image");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void distanceGrowsWithSeverity(String name) {
    Corruption c = Corruption.of(name);
    for (Preset preset : Preset.values()) {
      int size = preset == Preset.CIFAR ? 32 : 96;
      double[] d = new double[5];
      for (int s = 1; s <= 5; s++) {
        for (int k = 0; k < 4; k++) {
          Image in = SyntheticScene.rgb(size, size, 100 + k);
          d[s - 1] += meanAbsDiff(in, c.apply(in, s, preset, new SplittableRandom(k))) / 4;
        }
      }
      boolean exempt = NOT_MONOTONE.contains(name) || (preset == Preset.IMAGENET && name.equals("snow"));
      if (!exempt) {
        for (int s = 1; s < 5; s++) {
          assertTrue(d[s] >= d[s - 1], name + " " + preset + ": mean |out - in| by severity "
              + java.util.Arrays.toString(d));
        }
      }
      assertTrue(d[4] > 0.5, name + " " + preset + " severity 5 changes the image");
    }
  }

  static double meanAbsDiff(Image a, Image b) {
    double s = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      s += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
    }
    return s / a.pixels().length;
  }
}
