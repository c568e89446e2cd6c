package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingCorruptionsTest {

  private static final int H = 8;
  private static final int W = 8;
  private static final int C = 3;

  @Test
  void parsesNamesCategoriesAndDefaults() {
    TrainingCorruption g = TrainingCorruption.parse("gaussian_noise:1-3:p=0.5");
    assertEquals(List.of(Corruption.of("gaussian_noise")), g.corruptions());
    assertEquals(1, g.minSeverity());
    assertEquals(3, g.maxSeverity());
    assertEquals(0.5, g.probability());
    assertEquals("gaussian_noise:1-3:p=0.5", g.text());
    TrainingCorruption noise = TrainingCorruption.parse(" Noise:1-5:p=0.3 ");
    assertEquals(List.of("gaussian_noise", "shot_noise", "impulse_noise"),
        noise.corruptions().stream().map(Corruption::name).toList());
    TrainingCorruption contrast = TrainingCorruption.parse("contrast:2");
    assertEquals(2, contrast.minSeverity());
    assertEquals(2, contrast.maxSeverity());
    assertEquals(1.0, contrast.probability(), "p defaults to 1");
    assertEquals(contrast, TrainingCorruption.parse(contrast.text()));
    assertEquals(19, TrainingCorruption.parse("all:1-5:p=0.1").corruptions().size());
  }

  @Test
  void malformedSpecsGiveOneLineErrorsNamingThePart() {
    assertError("gaussian:1-3", "bad training corruption 'gaussian:1-3': unknown corruption or category 'gaussian'");
    assertError("gaussian_noise", "bad training corruption 'gaussian_noise': expected WHAT:SEVERITIES[:p=P]");
    assertError("gaussian_noise:0-3", "severities '0-3' must be S or LO-HI within 1..5");
    assertError("gaussian_noise:4-2", "severities '4-2' must be S or LO-HI within 1..5");
    assertError("gaussian_noise:1-6", "severities '1-6'");
    assertError("gaussian_noise:1-3:q=0.5", "the third part must be p=P, got 'q=0.5'");
    assertError("gaussian_noise:1-3:p=0", "p must be a number in (0, 1], got '0'");
    assertError("gaussian_noise:1-3:p=x", "p must be a number in (0, 1], got 'x'");
    assertError("gaussian_noise:1:p=0.5:extra", "expected WHAT:SEVERITIES[:p=P]");
  }

  private static void assertError(String spec, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainingCorruption.parse(spec));
    assertTrue(e.getMessage().startsWith("bad training corruption '" + spec + "': ") && e.getMessage().contains(expected),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** A batch of random pixels on the 1/255 grid, as the CIFAR training augmentation produces. */
  private static float[] batch(int count, long seed) {
    Random r = new Random(seed);
    float[] x = new float[count * H * W * C];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(256) / 255f;
    }
    return x;
  }

  @Test
  void deterministicPerSeedAndStepWhateverTheThreadCount() {
    List<TrainingCorruption> rules = List.of(TrainingCorruption.parse("noise:1-5:p=0.5"),
        TrainingCorruption.parse("blur:1-2:p=0.3"));
    float[] one = batch(64, 1);
    float[] two = batch(64, 1);
    int n1 = new TrainingCorruptions(rules, 11, 1).apply(one, 64, H, W, C, 7);
    int n2 = new TrainingCorruptions(rules, 11, 2).apply(two, 64, H, W, C, 7);
    assertArrayEquals(one, two);
    assertEquals(n1, n2);
    float[] otherStep = batch(64, 1);
    new TrainingCorruptions(rules, 11, 2).apply(otherStep, 64, H, W, C, 8);
    assertFalse(Arrays.equals(one, otherStep), "another step corrupts other images or differently");
    float[] otherSeed = batch(64, 1);
    new TrainingCorruptions(rules, 12, 2).apply(otherSeed, 64, H, W, C, 7);
    assertFalse(Arrays.equals(one, otherSeed));
  }

  @Test
  void aFractionPOfTheImagesIsCorruptedAndTheRestIsUntouched() {
    int count = 1000;
    float[] clean = batch(count, 2);
    float[] x = clean.clone();
    int n = new TrainingCorruptions(List.of(TrainingCorruption.parse("gaussian_noise:3:p=0.5")), 11, 2)
        .apply(x, count, H, W, C, 0);
    // binomial(1000, 0.5): standard deviation 15.8; +-5 sigma
    assertTrue(n > 420 && n < 580, n + " of " + count);
    int size = H * W * C;
    int changed = 0;
    for (int i = 0; i < count; i++) {
      boolean same = Arrays.equals(Arrays.copyOfRange(clean, i * size, (i + 1) * size),
          Arrays.copyOfRange(x, i * size, (i + 1) * size));
      changed += same ? 0 : 1;
    }
    assertEquals(n, changed, "every corrupted image changed (sigma 0.08 noise on 192 pixels), every other is as it was");
  }

  @Test
  void aCorruptedImageIsTheCorruptionOfItsPixels() {
    // brightness draws no random numbers, so the expected image is independent of the stage's streams
    float[] x = batch(4, 3);
    float[] clean = x.clone();
    new TrainingCorruptions(List.of(TrainingCorruption.parse("brightness:4")), 0, 1).apply(x, 4, H, W, C, 5);
    int size = H * W * C;
    for (int i = 0; i < 4; i++) {
      byte[] px = new byte[size];
      for (int k = 0; k < size; k++) {
        px[k] = (byte) Math.round(clean[i * size + k] * 255);
      }
      Image expected = Corruption.of("brightness").apply(new Image(H, W, C, px), 4, new SplittableRandom(0));
      for (int k = 0; k < size; k++) {
        assertEquals((expected.pixels()[k] & 0xFF) / 255f, x[i * size + k], "image " + i + " value " + k);
      }
    }
  }

  @Test
  void rejectsABatchOfTheWrongSize() {
    var stage = new TrainingCorruptions(List.of(TrainingCorruption.parse("contrast:1")), 0, 1);
    assertThrows(IllegalArgumentException.class, () -> stage.apply(new float[10], 1, H, W, C, 0));
  }
}
