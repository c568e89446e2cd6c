package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deterministic corruptions against numpy/scipy (the reference's own numerical libraries:
 * {@code scipy.ndimage.gaussian_filter} is skimage's gaussian, {@code scipy.ndimage.zoom} is clipped_zoom's), run
 * by {@code reference_check.py} when {@code python3} with numpy and scipy is available (skipped otherwise).
 * Expectation: equal bytes except +-1 where float round-off meets truncation.
 */
class ReferenceCrossCheckTest {

  private static final String[] NAMES = {"gaussian_blur", "contrast", "brightness", "saturate", "defocus_blur",
      "zoom_blur"};

  @Test
  void matchesNumpyScipy(@TempDir Path dir) throws Exception {
    assumeTrue(pythonHasScipy(), "python3 with numpy and scipy not available");
    Path script = dir.resolve("reference_check.py");
    try (InputStream in = getClass().getResourceAsStream("reference_check.py")) {
      Files.copy(in, script);
    }
    for (Preset preset : Preset.values()) {
      int size = preset == Preset.CIFAR ? 32 : 224;
      int n = preset == Preset.CIFAR ? 6 : 1;
      byte[] pixels = new byte[n * size * size * 3];
      for (int i = 0; i < n; i++) {
        System.arraycopy(SyntheticScene.rgb(size, size, 40 + i).pixels(), 0, pixels, i * size * size * 3,
            size * size * 3);
      }
      Path input = dir.resolve("in_" + preset + ".npy");
      Npy.writeUint8(input, pixels, n, size, size, 3);
      Path out = Files.createDirectories(dir.resolve(preset.name()));
      run("python3", script.toString(), input.toString(), preset.name().toLowerCase(), out.toString());
      for (String name : NAMES) {
        for (int s = 1; s <= 5; s++) {
          byte[] want = Npy.readUint8(out.resolve(name + "_" + s + ".npy")).data();
          int exact = 0;
          int maxDiff = 0;
          for (int i = 0; i < n; i++) {
            Image img = new Image(size, size, 3, java.util.Arrays.copyOfRange(pixels, i * size * size * 3,
                (i + 1) * size * size * 3));
            byte[] got = Corruption.of(name).apply(img, s, preset, new SplittableRandom(0)).pixels();
            for (int j = 0; j < got.length; j++) {
              int d = Math.abs((got[j] & 0xFF) - (want[i * got.length + j] & 0xFF));
              maxDiff = Math.max(maxDiff, d);
              exact += d == 0 ? 1 : 0;
            }
          }
          double fraction = (double) exact / pixels.length;
          System.out.printf(java.util.Locale.ROOT, "%s %s s%d: %.4f equal, max difference %d%n", name, preset, s,
              fraction, maxDiff);
          assertTrue(maxDiff <= 1, name + " " + preset + " s" + s + ": max difference " + maxDiff);
          assertTrue(fraction >= 0.995, name + " " + preset + " s" + s + ": only " + fraction + " equal");
        }
      }
    }
  }

  /**
   * glass_blur and fog with the random numbers of the Java run recorded and replayed in numpy: checks the pixel
   * shuffle (order, one-way copy of numpy views) and the plasma fractal (draw order, sums) byte for byte.
   */
  @Test
  void randomOnesMatchNumpyGivenTheSameDraws(@TempDir Path dir) throws Exception {
    assumeTrue(pythonHasScipy(), "python3 with numpy and scipy not available");
    Path script = dir.resolve("reference_random.py");
    try (InputStream in = getClass().getResourceAsStream("reference_random.py")) {
      Files.copy(in, script);
    }
    StringBuilder jobs = new StringBuilder();
    java.util.Map<Path, Image> expected = new java.util.LinkedHashMap<>();
    for (Preset preset : Preset.values()) {
      int size = preset == Preset.CIFAR ? 32 : 224;
      Image img = SyntheticScene.rgb(size, size, 77);
      Path input = dir.resolve("in_" + preset + ".npy");
      Npy.writeUint8(input, img.pixels(), size, size, 3);
      for (String name : new String[] {"glass_blur", "fog"}) {
        for (int s = 1; s <= 5; s++) {
          Recording rng = new Recording(s * 1000L + preset.ordinal());
          Image got = Corruption.of(name).apply(img, s, preset, rng);
          String key = name + "_" + preset + "_" + s;
          Path draws = dir.resolve(key + ".txt");
          Files.writeString(draws, rng.values.toString());
          Path out = dir.resolve(key + ".npy");
          jobs.append(String.join(" ", name, preset.name().toLowerCase(), Integer.toString(s), input.toString(),
              draws.toString(), out.toString())).append('\n');
          expected.put(out, got);
        }
      }
    }
    Path jobFile = dir.resolve("jobs.txt");
    Files.writeString(jobFile, jobs);
    run("python3", script.toString(), jobFile.toString());
    for (java.util.Map.Entry<Path, Image> e : expected.entrySet()) {
      byte[] want = Npy.readUint8(e.getKey()).data();
      byte[] got = e.getValue().pixels();
      int differ = 0;
      int maxDiff = 0;
      for (int j = 0; j < got.length; j++) {
        int d = Math.abs((got[j] & 0xFF) - (want[j] & 0xFF));
        differ += d == 0 ? 0 : 1;
        maxDiff = Math.max(maxDiff, d);
      }
      System.out.printf(java.util.Locale.ROOT, "%s: %d of %d bytes differ, max %d%n", e.getKey().getFileName(),
          differ, got.length, maxDiff);
      assertTrue(maxDiff <= 1 && differ <= got.length / 1000, e.getKey().getFileName() + ": " + differ
          + " bytes differ, max " + maxDiff);
    }
  }

  /** A SplittableRandom that records the bounded ints and doubles it hands out, in order. */
  private static final class Recording implements java.util.random.RandomGenerator {
    private final SplittableRandom rng;
    private final StringBuilder values = new StringBuilder();

    Recording(long seed) {
      rng = new SplittableRandom(seed);
    }

    @Override
    public long nextLong() {
      return rng.nextLong();
    }

    @Override
    public int nextInt(int origin, int bound) {
      int v = rng.nextInt(origin, bound);
      values.append(v).append('\n');
      return v;
    }

    @Override
    public double nextDouble(double origin, double bound) {
      double v = rng.nextDouble(origin, bound);
      values.append(v).append('\n');
      return v;
    }
  }

  private static boolean pythonHasScipy() {
    try {
      return run("python3", "-c", "import numpy, scipy.ndimage") == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    if (p.exitValue() != 0 && command.length > 2 && !command[1].equals("-c")) {
      assertEquals(0, p.exitValue(), "reference script failed: " + output);
    }
    return p.exitValue();
  }
}
