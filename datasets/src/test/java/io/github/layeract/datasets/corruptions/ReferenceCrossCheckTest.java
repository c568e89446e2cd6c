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
