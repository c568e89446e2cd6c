package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pixelate and jpeg_compression against Pillow itself ({@code reference_pil.py}), when a {@code python3} with
 * Pillow is found ({@code python3} or {@code /usr/bin/python3}; Debian: {@code apt-get install python3-pil});
 * skipped otherwise. Both must be byte-identical (observed with Debian 12's Pillow 9.4 and libjpeg-turbo: the
 * JDK's libjpeg 6b with the IJG integer tables gives the same bytes).
 */
class PillowCrossCheckTest {

  @Test
  void matchesPillow(@TempDir Path dir) throws Exception {
    String python = pythonWithPillow();
    assumeTrue(python != null, "no python3 with Pillow");
    Path script = dir.resolve("reference_pil.py");
    try (InputStream in = getClass().getResourceAsStream("reference_pil.py")) {
      Files.copy(in, script);
    }
    for (Preset preset : Preset.values()) {
      int size = preset == Preset.CIFAR ? 32 : 224;
      Image img = SyntheticScene.rgb(size, size, 21);
      Path raw = dir.resolve("in.rgb");
      Files.write(raw, img.pixels());
      Path out = Files.createDirectories(dir.resolve(preset.name()));
      assertEquals(0, run(python, script.toString(), raw.toString(), Integer.toString(size), Integer.toString(size),
          preset.name().toLowerCase(Locale.ROOT), out.toString()), "reference_pil.py failed");
      for (String name : new String[] {"pixelate", "jpeg_compression"}) {
        for (int s = 1; s <= 5; s++) {
          byte[] want = Files.readAllBytes(out.resolve(name + "_" + s + ".rgb"));
          byte[] got = Corruption.of(name).apply(img, s, preset, new SplittableRandom(0)).pixels();
          int differ = 0;
          int maxDiff = 0;
          for (int i = 0; i < got.length; i++) {
            int d = Math.abs((got[i] & 0xFF) - (want[i] & 0xFF));
            differ += d == 0 ? 0 : 1;
            maxDiff = Math.max(maxDiff, d);
          }
          System.out.printf(Locale.ROOT, "%s %s s%d: %d of %d bytes differ, max %d%n", name, preset, s, differ,
              got.length, maxDiff);
          assertEquals(0, differ, name + " " + preset + " s" + s + ": bytes differ from Pillow, max " + maxDiff);
        }
      }
    }
  }

  private static String pythonWithPillow() {
    for (String python : new String[] {"python3", "/usr/bin/python3"}) {
      try {
        if (run(python, "-c", "import PIL.Image") == 0) {
          return python;
        }
      } catch (IOException | InterruptedException e) {
        // try the next one
      }
    }
    return null;
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
