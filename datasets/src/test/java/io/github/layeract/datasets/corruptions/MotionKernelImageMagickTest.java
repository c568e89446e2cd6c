package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MotionKernel} against ImageMagick 6 itself ({@code convert-im6.q16 -motion-blur RxS+A}, the library the
 * reference calls through Wand), on RGB and grey images at the radii, sigmas and angle ranges of the tables.
 * Skipped when ImageMagick 6 is not installed ({@code apt-get install imagemagick-6.q16}).
 */
class MotionKernelImageMagickTest {

  private static final String CONVERT = "convert-im6.q16";

  @Test
  void equalsImageMagickByteForByte(@TempDir Path dir) throws Exception {
    assumeTrue(available(), CONVERT + " not installed");
    double[][] cases = {{6, 1, 0}, {6, 1.5, 30}, {8, 2, -45}, {9, 2.5, 44.3}, {10, 3, -12}, {15, 5, 7.5},
        {15, 12, -33}, {20, 15, 12.5}, {12, 8, -135}, {14, 12, -61.7}};
    for (Image in : new Image[] {SyntheticScene.rgb(40, 36, 5), SyntheticScene.gray(32, 32, 6)}) {
      Path src = dir.resolve("in.png");
      ImageIO.write(JpegCodec.toBuffered(in), "png", src.toFile());
      for (double[] c : cases) {
        Path out = dir.resolve("out.png");
        String geometry = c[0] + "x" + c[1] + (c[2] >= 0 ? "+" : "") + c[2];
        Process p = new ProcessBuilder(CONVERT, src.toString(), "-motion-blur", geometry, out.toString())
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "convert failed for " + geometry);
        BufferedImage im = ImageIO.read(out.toFile());
        Image mine = MotionKernel.blur(in, c[0], c[1], c[2]);
        int[] samples = im.getRaster().getPixels(0, 0, in.width(), in.height(), (int[]) null);
        assertEquals(mine.pixels().length, samples.length, geometry + " channels");
        for (int i = 0; i < samples.length; i++) {
          assertEquals(samples[i], mine.pixels()[i] & 0xFF, geometry + " sample " + i);
        }
      }
    }
  }

  private static boolean available() {
    try {
      Process p = new ProcessBuilder(CONVERT, "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
