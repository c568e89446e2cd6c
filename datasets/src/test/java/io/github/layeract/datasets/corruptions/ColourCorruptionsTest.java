package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import java.awt.Color;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * contrast, brightness and saturate against independent references: the per-channel formula in double precision,
 * and {@link java.awt.Color}'s HSB conversion (a different implementation of the same hexcone model).
 */
class ColourCorruptionsTest {

  @Test
  void contrastKeepsChannelMeansAndScalesDeviations() {
    Image in = SyntheticScene.rgb(64, 64, 7);
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double c = Contrast.FACTOR.value(preset, s - 1);
        Image out = Corruption.of("contrast").apply(in, s, preset, new SplittableRandom(1));
        for (int k = 0; k < 3; k++) {
          double meanIn = channelMean(in, k);
          double meanOut = channelMean(out, k);
          // truncation lowers each value by less than one level
          assertTrue(meanOut <= meanIn + 1e-9 && meanOut > meanIn - 1, "channel " + k + " mean " + meanIn + " -> "
              + meanOut + " " + preset + " s" + s);
          for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
              double want = meanIn + c * (in.get(y, x, k) - meanIn);
              double got = out.get(y, x, k);
              assertTrue(got <= want + 1e-6 && got > want - 1 - 1e-6, "pixel " + y + "," + x + " want " + want
                  + " got " + got);
            }
          }
        }
      }
    }
  }

  @Test
  void brightnessShiftsHsvValueByTheTable() {
    Image in = SyntheticScene.rgb(48, 48, 9);
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double c = Brightness.SHIFT.value(preset, s - 1);
        Image out = Corruption.of("brightness").apply(in, s, preset, new SplittableRandom(1));
        for (int y = 0; y < 48; y++) {
          for (int x = 0; x < 48; x++) {
            float[] hsb = Color.RGBtoHSB(in.get(y, x, 0), in.get(y, x, 1), in.get(y, x, 2), null);
            int maxIn = Math.max(in.get(y, x, 0), Math.max(in.get(y, x, 1), in.get(y, x, 2)));
            double v = Math.min(1, maxIn / 255.0 + c);
            int maxOut = Math.max(out.get(y, x, 0), Math.max(out.get(y, x, 1), out.get(y, x, 2)));
            // V is the largest channel; the stored value is 255 V truncated
            assertTrue(maxOut <= 255 * v + 1e-9 && maxOut > 255 * v - 1 - 1e-9, "value channel at " + y + "," + x
                + ": " + maxOut + " for V = " + v);
            assertClose(Color.HSBtoRGB(hsb[0], hsb[1], (float) v), out, y, x);
          }
        }
      }
    }
  }

  @Test
  void saturateScalesHsvSaturation() {
    Image in = SyntheticScene.rgb(48, 48, 10);
    for (Preset preset : Preset.values()) {
      for (int s = 1; s <= 5; s++) {
        double[] f = Saturate.FACTORS.row(preset, s - 1);
        Image out = Corruption.of("saturate").apply(in, s, preset, new SplittableRandom(1));
        for (int y = 0; y < 48; y++) {
          for (int x = 0; x < 48; x++) {
            float[] hsb = Color.RGBtoHSB(in.get(y, x, 0), in.get(y, x, 1), in.get(y, x, 2), null);
            double sat = Math.max(0, Math.min(1, hsb[1] * f[0] + f[1]));
            assertClose(Color.HSBtoRGB(hsb[0], (float) sat, hsb[2]), out, y, x);
          }
        }
      }
    }
  }

  @Test
  void grayscaleRules() {
    Image gray = SyntheticScene.gray(32, 32, 4);
    for (int s = 1; s <= 5; s++) {
      double c = Brightness.SHIFT.value(Preset.CIFAR, s - 1);
      Image out = Corruption.of("brightness").apply(gray, s, Preset.CIFAR, new SplittableRandom(1));
      for (int i = 0; i < gray.pixels().length; i++) {
        assertEquals((int) (255 * Math.min(1, (gray.pixels()[i] & 0xFF) / 255.0 + c)), out.pixels()[i] & 0xFF, 1);
      }
      double red = Saturate.FACTORS.row(Preset.CIFAR, s - 1)[1];
      Image sat = Corruption.of("saturate").apply(gray, s, Preset.CIFAR, new SplittableRandom(1));
      for (int i = 0; i < gray.pixels().length; i++) {
        // hue 0 with S = c1: (R, G, B) = (v, v (1 - c1), v (1 - c1)) truncated, then the rounded luma
        int v = gray.pixels()[i] & 0xFF;
        int g = (int) (255 * (v / 255.0) * (1 - red));
        assertEquals(Math.round(0.299 * v + 0.701 * g), sat.pixels()[i] & 0xFF, 1, "grey saturate = luma of a red"
            + " tint, about v (1 - 0.701 c1)");
      }
    }
  }

  @Test
  void hsvRoundTripIsExactEnough() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] hsv = new double[3];
    double[] rgb = new double[3];
    for (int i = 0; i < 100_000; i++) {
      double r = rng.nextInt(256) / 255.0;
      double g = i % 7 == 0 ? r : rng.nextInt(256) / 255.0;
      double b = i % 11 == 0 ? g : rng.nextInt(256) / 255.0;
      Hsv.rgbToHsv(r, g, b, hsv);
      assertTrue(hsv[0] >= 0 && hsv[0] <= 1, "hue in [0, 1]");
      Hsv.hsvToRgb(hsv[0], hsv[1], hsv[2], rgb);
      assertEquals(r, rgb[0], 1e-12);
      assertEquals(g, rgb[1], 1e-12);
      assertEquals(b, rgb[2], 1e-12);
    }
  }

  private static void assertClose(int argb, Image out, int y, int x) {
    int[] want = {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
    for (int k = 0; k < 3; k++) {
      assertEquals(want[k], out.get(y, x, k), 2, "channel " + k + " at " + y + "," + x);
    }
  }

  private static double channelMean(Image image, int k) {
    double s = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        s += image.get(y, x, k);
      }
    }
    return s / (image.height() * image.width());
  }
}
