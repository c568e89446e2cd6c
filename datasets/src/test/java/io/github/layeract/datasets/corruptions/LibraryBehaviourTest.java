package io.github.layeract.datasets.corruptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.Image;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The re-implemented library behaviours (Pillow BOX and JPEG, scipy zoom and Gaussian, OpenCV disk kernel, Canny,
 * distance transform, equalizeHist, ImageMagick motion kernel) against independent references written out here.
 */
class LibraryBehaviourTest {

  /** ITU-T T.81 Annex K.1 luminance and K.2 chrominance tables, natural (row-major) order. */
  private static final int[] ANNEX_K_LUMA = {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13,
      16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81,
      104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
  private static final int[] ANNEX_K_CHROMA = {17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26,
      56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
      99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
  private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
      41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
      45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

  @Test
  void pixelateMakesBoxMeanBlocks() {
    Image in = SyntheticScene.rgb(224, 224, 5);
    Image out = Corruption.of("pixelate").apply(in, 5, Preset.IMAGENET, new SplittableRandom(1));
    // 224 -> 56 -> 224: every 4x4 block is constant and holds the block mean (+-1 for Pillow's two roundings)
    for (int by = 0; by < 56; by++) {
      for (int bx = 0; bx < 56; bx++) {
        for (int k = 0; k < 3; k++) {
          double mean = 0;
          for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
              mean += in.get(4 * by + y, 4 * bx + x, k) / 16.0;
              assertEquals(out.get(4 * by, 4 * bx, k), out.get(4 * by + y, 4 * bx + x, k), "block is constant");
            }
          }
          assertEquals(mean, out.get(4 * by, 4 * bx, k), 1.0, "block mean");
        }
      }
    }
    // CIFAR s5: 32 -> 20 -> 32; upscaling is nearest neighbour, output row o copies small row (o + 1/2) 20/32
    Image small = Corruption.of("pixelate").apply(SyntheticScene.rgb(32, 32, 6), 5, Preset.CIFAR,
        new SplittableRandom(1));
    Set<String> rows = new HashSet<>();
    for (int o = 0; o < 32; o++) {
      int src = (int) ((o + 0.5) * 20 / 32);
      int next = (int) ((o + 1.5) * 20 / 32);
      if (o < 31 && src == next) {
        for (int x = 0; x < 32; x++) {
          assertEquals(small.get(o, x, 0), small.get(o + 1, x, 0), "rows " + o + " and " + (o + 1) + " repeat");
        }
      }
      rows.add(src + "");
    }
    assertEquals(20, rows.size());
  }

  @Test
  void boxDownscaleAveragesPixelCentresInTheFootprint() {
    Image in = SyntheticScene.gray(32, 32, 8);
    Image out = BoxResize.resize(in, 20, 20);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            if (y + 0.5 >= 1.6 * i && y + 0.5 < 1.6 * (i + 1) && x + 0.5 >= 1.6 * j && x + 0.5 < 1.6 * (j + 1)) {
              sum += in.get(y, x, 0);
              n++;
            }
          }
        }
        assertEquals(sum / n, out.get(i, j, 0), 1.0);
      }
    }
  }

  @Test
  void jpegUsesIjgIntegerTablesAndFourTwoZero() {
    Image in = SyntheticScene.rgb(64, 64, 2);
    for (int q : new int[] {80, 50, 18, 15, 7}) {
      byte[] jpeg = JpegCodec.encode(in, q);
      int f = q < 50 ? 5000 / q : 200 - 2 * q;
      List<int[]> tables = dqt(jpeg);
      assertEquals(2, tables.size(), "two quantisation tables");
      for (int t = 0; t < 2; t++) {
        int[] base = t == 0 ? ANNEX_K_LUMA : ANNEX_K_CHROMA;
        for (int z = 0; z < 64; z++) {
          int want = Math.max(1, Math.min(255, (base[ZIGZAG[z]] * f + 50) / 100));
          assertEquals(want, tables.get(t)[z], "q" + q + " table " + t + " entry " + z);
        }
      }
      int sof = find(jpeg, 0xC0);
      assertEquals(3, jpeg[sof + 9] & 0xFF, "three components");
      assertEquals(0x22, jpeg[sof + 11] & 0xFF, "Y sampled 2x2");
      assertEquals(0x11, jpeg[sof + 14] & 0xFF, "Cb 1x1");
      assertEquals(0x11, jpeg[sof + 17] & 0xFF, "Cr 1x1");
    }
    Image gray = SyntheticScene.gray(40, 40, 2);
    Image out = Corruption.of("jpeg_compression").apply(gray, 3, Preset.CIFAR, new SplittableRandom(1));
    assertEquals(1, out.channels());
    assertEquals(1, JpegCodec.encode(gray, 58)[find(JpegCodec.encode(gray, 58), 0xC0) + 9], "one component");
  }

  @Test
  void jpegDecodesDiffersAndDegradesWithSeverity() {
    Image in = SyntheticScene.rgb(224, 224, 3);
    for (Preset preset : Preset.values()) {
      double last = Double.POSITIVE_INFINITY;
      for (int s = 1; s <= 5; s++) {
        Image out = Corruption.of("jpeg_compression").apply(in, s, preset, new SplittableRandom(1));
        assertNotEquals(in, out);
        double psnr = psnr(in, out);
        assertTrue(psnr > 20 && psnr < 50, "PSNR " + psnr);
        assertTrue(psnr < last, preset + " PSNR falls with quality: " + psnr + " after " + last);
        last = psnr;
      }
    }
  }

  @Test
  void gaussianFilterMatchesDirectSum() {
    Image in = SyntheticScene.rgb(24, 24, 4);
    for (double sigma : new double[] {0.4, 1.0, 2.5}) {
      double[] got = Filters.gaussian(Unit.toUnit(in), 24, 24, 3, sigma, Border.NEAREST, 4);
      int r = (int) (4 * sigma + 0.5);
      for (int y = 0; y < 24; y++) {
        for (int x = 0; x < 24; x++) {
          for (int k = 0; k < 3; k++) {
            double s = 0;
            double norm = 0;
            for (int dy = -r; dy <= r; dy++) {
              for (int dx = -r; dx <= r; dx++) {
                double w = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                int yy = Math.min(23, Math.max(0, y + dy));
                int xx = Math.min(23, Math.max(0, x + dx));
                s += w * in.get(yy, xx, k) / 255.0;
                norm += w;
              }
            }
            assertEquals(s / norm, got[(y * 24 + x) * 3 + k], 1e-12);
          }
        }
      }
    }
    // scipy "reflect" repeats the edge sample: d c b a | a b c d
    assertEquals(List.of(1, 0, 0, 1, 2, 3, 3, 2), List.of(-2, -1, 0, 1, 2, 3, 4, 5).stream()
        .map(i -> Border.REFLECT.index(i, 4)).toList());
    assertEquals(List.of(2, 1, 0, 1, 2, 3, 2, 1), List.of(-2, -1, 0, 1, 2, 3, 4, 5).stream()
        .map(i -> Border.REFLECT_101.index(i, 4)).toList());
  }

  @Test
  void defocusKernelIsSmoothedDisk() {
    // r = 0.3 keeps only the centre tap: the kernel is the 3x3 Gaussian of sigma 0.4 (in float32)
    double[] k = DefocusBlur.disk(0.3, 0.4);
    double e = Math.exp(-1 / (2 * 0.4 * 0.4));
    double[] g = {e / (1 + 2 * e), 1 / (1 + 2 * e), e / (1 + 2 * e)};
    for (int y = 0; y < 17; y++) {
      for (int x = 0; x < 17; x++) {
        boolean centre = Math.abs(y - 8) <= 1 && Math.abs(x - 8) <= 1;
        double want = centre ? g[y - 7] * g[x - 7] : 0;
        assertEquals(want, k[y * 17 + x], 1e-7, "float32 kernel");
      }
    }
    double[] big = DefocusBlur.disk(10, 0.5);
    assertEquals(21 * 21, big.length);
    double sum = 0;
    for (int i = 0; i < big.length; i++) {
      sum += big[i];
      assertEquals(big[i], big[big.length - 1 - i], 1e-9, "symmetric up to float round-off");
    }
    // the disk of radius 10 touches the 21x21 grid's edge, where GaussianBlur's REFLECT_101 folds mass back
    // in: the reference kernel sums to slightly more than 1; a disk clear of the edge sums to 1
    assertTrue(sum > 1.0 && sum < 1.02, "r = 10 kernel sum " + sum);
    double inner = 0;
    for (double v : DefocusBlur.disk(3, 0.1)) {
      inner += v;
    }
    assertEquals(1.0, inner, 1e-6);
  }

  @Test
  void zoomListsAndScipyMapping() {
    Map<Preset, int[]> lengths = Map.of(Preset.CIFAR, new int[] {7, 12, 16, 21, 26},
        Preset.IMAGENET, new int[] {12, 16, 11, 13, 11});
    for (Preset p : Preset.values()) {
      for (int s = 0; s < 5; s++) {
        double[] r = ZoomBlur.RANGES.row(p, s);
        assertEquals(lengths.get(p)[s], ZoomBlur.zooms(r[0], r[1]).length, p + " s" + (s + 1));
      }
    }
    Image in = SyntheticScene.rgb(32, 32, 1);
    double[] x = Unit.toUnit(in);
    assertArrayEquals(x, Zoom.clippedZoom(x, 32, 32, 3, 1.01), "z = 1.01 is the identity at 32");
    // z = 1.02: crop 32, zoom to round(32.64) = 33, keep the first 32: output o samples o * 31/32
    double[] ramp = new double[32 * 32];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (i % 32) * (i % 32) / 1000.0;
    }
    double[] z = Zoom.clippedZoom(ramp, 32, 32, 1, 1.02);
    for (int o = 0; o < 32; o++) {
      double t = o * 31.0 / 32.0;
      int j = (int) Math.floor(t);
      double want = ramp[j] + (t - j) * (ramp[Math.min(31, j + 1)] - ramp[j]);
      assertEquals(want, z[5 * 32 + o], 1e-12);
    }
  }

  @Test
  void motionKernelIsOneSidedGaussian() {
    Image dot = Image.zeros(20, 40, 1);
    dot.set(10, 30, 0, 255);
    for (double angle : new double[] {0, 90}) {
      Image out = MotionKernel.blur(dot, 6, 2, angle);
      double norm = 0;
      for (int i = 0; i < 13; i++) {
        norm += Math.exp(-i * i / 8.0);
      }
      for (int i = 0; i < 13; i++) {
        int y = angle == 0 ? 10 : 10 - i;
        int x = angle == 0 ? 30 - i : 30;
        if (y >= 0) {
          // ImageMagick rounds to a 16-bit quantum and stores quantum / 257: within one level below the weight
          assertEquals(255 * Math.exp(-i * i / 8.0) / norm - 0.5, out.get(y, x, 0), 0.51, "tap " + i + " angle "
              + angle);
        }
      }
      int lit = 0;
      for (byte b : out.pixels()) {
        lit += b != 0 ? 1 : 0;
      }
      assertTrue(lit <= 13, "only the kernel's taps light up");
    }
  }

  @Test
  void openCvOperations() {
    int[] src = new int[7 * 7];
    java.util.Arrays.fill(src, 255);
    src[3 * 7 + 3] = 0;
    double[] d = OpenCvOps.distanceTransform(src, 7, 7);
    assertEquals(0, d[3 * 7 + 3], 1e-6);
    assertEquals(1, d[3 * 7 + 4], 1e-4);
    assertEquals(1.4, d[4 * 7 + 4], 1e-4);
    assertEquals(2, d[3 * 7 + 5], 1e-4);
    assertEquals(2.1969, d[4 * 7 + 5], 1e-4);
    assertEquals(2.8, d[5 * 7 + 5], 1e-4);

    assertArrayEquals(new int[] {0, 0, 128, 255}, OpenCvOps.equalizeHist(new int[] {10, 10, 20, 30}));
    assertArrayEquals(new int[] {7, 7}, OpenCvOps.equalizeHist(new int[] {7, 7}));

    // a vertical step 0 | 200 between columns 9 and 10: one thin edge line along the step, nothing elsewhere
    int[] step = new int[20 * 20];
    for (int i = 0; i < step.length; i++) {
      step[i] = i % 20 >= 10 ? 200 : 0;
    }
    int[] edges = OpenCvOps.canny(step, 20, 20, 50, 150);
    for (int y = 0; y < 20; y++) {
      int count = 0;
      for (int x = 0; x < 20; x++) {
        if (edges[y * 20 + x] == 255) {
          count++;
          assertTrue(x == 9 || x == 10, "edge at the step, column " + x);
        }
      }
      assertEquals(1, count, "one edge pixel in row " + y);
    }
  }

  @Test
  void affineFromPointsMapsThePoints() {
    double[] src = {26, 26, 26, 6, 6, 6};
    double[] dst = {27.1, 25.3, 24.9, 7.2, 5.5, 6.8};
    double[] m = Affine.fromPoints(src, dst);
    for (int i = 0; i < 3; i++) {
      assertEquals(dst[2 * i], m[0] * src[2 * i] + m[1] * src[2 * i + 1] + m[2], 1e-9);
      assertEquals(dst[2 * i + 1], m[3] * src[2 * i] + m[4] * src[2 * i + 1] + m[5], 1e-9);
    }
    double[] v = Unit.toUnit(SyntheticScene.rgb(16, 16, 3));
    assertArrayEquals(v, Affine.warp(v, 16, 16, 3, new double[] {1, 0, 0, 0, 1, 0}), "identity warp");
    // a shift right by 0.3: the source position x - 0.3 is rounded to 1/32 pixel as OpenCV 3.4 does,
    // (round(-0.3 * 1024) + 16) >> 5 = -10, i.e. x - 0.3125
    double[] ramp = new double[16 * 16];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i % 16;
    }
    double[] shifted = Affine.warp(ramp, 16, 16, 1, new double[] {1, 0, 0.3, 0, 1, 0});
    for (int x = 1; x < 16; x++) {
      assertEquals(x - 0.3125, shifted[5 * 16 + x], 1e-12);
    }
  }

  @Test
  void elasticSamplesWithScipyOneReflectRule() {
    double[] line = {10, 20, 30, 40};
    double[] out = new double[1];
    ElasticTransform.sampleScipyReflect(line, 1, 4, 1, 0, -0.3, out, 0);
    assertEquals(0.7 * 20 + 0.3 * 10, out[0], 1e-12, "x = -0.3 -> -0.7, taps mirrored");
    ElasticTransform.sampleScipyReflect(line, 1, 4, 1, 0, 3.25, out, 0);
    assertEquals(0.75 * 40 + 0.25 * 30, out[0], 1e-12, "x = 3.25 stays, tap 4 mirrors to 2");
    ElasticTransform.sampleScipyReflect(line, 1, 4, 1, 0, 4.5, out, 0);
    assertEquals(0.5 * 30 + 0.5 * 40, out[0], 1e-12, "x = 4.5 -> 2.5");
    ElasticTransform.sampleScipyReflect(line, 1, 4, 1, 0, 1.5, out, 0);
    assertEquals(25, out[0], 1e-12, "inside: plain bilinear");
  }

  @Test
  void frostResizeByOneFifthSamplesPixelFivePlusTwo() {
    Image big = SyntheticScene.rgb(350, 527, 12);
    Image small = Resize.bilinear(big, 70, 105, 1 / 0.2);
    for (int i = 0; i < 70; i++) {
      for (int j = 0; j < 105; j++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(big.get(5 * i + 2, 5 * j + 2, k), small.get(i, j, k));
        }
      }
    }
  }

  private static double psnr(Image a, Image b) {
    double mse = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      double d = (a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF);
      mse += d * d;
    }
    mse /= a.pixels().length;
    return 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** The position of the first marker 0xFF {@code code}. */
  private static int find(byte[] jpeg, int code) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
        return i;
      }
    }
    throw new AssertionError("marker " + Integer.toHexString(code) + " not found");
  }

  /** The 8-bit quantisation tables of all DQT segments, in zigzag (file) order. */
  private static List<int[]> dqt(byte[] jpeg) {
    List<int[]> tables = new java.util.ArrayList<>();
    int i = 2;
    while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int marker = jpeg[i + 1] & 0xFF;
      int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
      if (marker == 0xDB) {
        int p = i + 4;
        while (p < i + 2 + length) {
          int[] t = new int[64];
          for (int z = 0; z < 64; z++) {
            t[z] = jpeg[p + 1 + z] & 0xFF;
          }
          tables.add(t);
          p += 65;
        }
      }
      if (marker == 0xDA) {
        break;
      }
      i += 2 + length;
    }
    return tables;
  }
}
