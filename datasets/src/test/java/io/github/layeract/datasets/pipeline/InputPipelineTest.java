package io.github.layeract.datasets.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class InputPipelineTest {

  /** One fetched batch. */
  record Batch(int n, int h, int w, int c, float[] images, int[] labels) {
    float at(int i, int y, int x, int ch) {
      return images[((i * h + y) * w + x) * c + ch];
    }
  }

  /** A set whose image i has pixel value (i * 37 + y * 11 + x * 5 + c * 3) % 251 + 1 (never 0), label i. */
  static ImageSet distinctImages(int n, int h, int w, int c) {
    byte[] px = new byte[n * h * w * c];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            px[((i * h + y) * w + x) * c + ch] = (byte) ((i * 37 + y * 11 + x * 5 + ch * 3) % 251 + 1);
          }
        }
      }
    }
    return new ImageSet(n, h, w, c, px, labels, n);
  }

  static Batch next(Session s, InputPipeline p) {
    try (Result r = s.runner().fetch(p.images()).fetch(p.labels()).run()) {
      TFloat32 x = (TFloat32) r.get(0);
      TInt32 y = (TInt32) r.get(1);
      int n = (int) x.shape().get(0);
      float[] images = new float[(int) x.shape().size()];
      x.asRawTensor().data().asFloats().read(images);
      int[] labels = new int[n];
      y.asRawTensor().data().asInts().read(labels);
      return new Batch(n, (int) x.shape().get(1), (int) x.shape().get(2), (int) x.shape().get(3), images, labels);
    }
  }

  /** All batches of a finite pipeline. */
  static List<Batch> drain(Session s, InputPipeline p) {
    List<Batch> out = new ArrayList<>();
    while (true) {
      try {
        out.add(next(s, p));
      } catch (TFOutOfRangeException e) {
        return out;
      }
    }
  }

  @Test
  void evaluationPipelineNormalisesInOrderAndKeepsTheLastPartialBatch() {
    ImageSet set = distinctImages(10, 4, 5, 3);
    Normalization norm = new Normalization(new float[] {0.1f, 0.5f, 0.9f}, new float[] {0.2f, 0.25f, 0.5f});
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromImages(Ops.create(g), "eval", 4, 5, 3,
            PipelineConfig.evaluation(4, Augmentation.NONE, norm));
        Session s = new Session(g)) {
      p.initialize(s, set);
      List<Batch> batches = drain(s, p);
      assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::n).toList());
      assertEquals(3, p.batchesPerEpoch(10));
      int i = 0;
      for (Batch b : batches) {
        for (int k = 0; k < b.n(); k++, i++) {
          assertEquals(i, b.labels()[k]);
          for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
              for (int c = 0; c < 3; c++) {
                double expected = (set.pixels()[((i * 4 + y) * 5 + x) * 3 + c] & 0xFF) / 255.0;
                expected = (expected - norm.mean()[c]) / norm.std()[c];
                assertEquals(expected, b.at(k, y, x, c), 2e-6);
              }
            }
          }
        }
      }
      // re-initialising with another set of the same shape restarts the iterator on it, with no new graph
      ImageSet other = distinctImages(3, 4, 5, 3).subset(new int[] {2, 1});
      p.initialize(s, other);
      List<Batch> again = drain(s, p);
      assertEquals(1, again.size());
      assertArrayEquals(new int[] {2, 1}, again.get(0).labels());
    }
  }

  @Test
  void cifarAugmentationIsAZeroPaddedCropOfTheImageOrItsExactMirror() {
    int n = 64;
    int h = 8;
    int w = 6;
    int pad = 4;
    ImageSet set = distinctImages(n, h, w, 3);
    Set<String> seenOffsets = new HashSet<>();
    int flips = 0;
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromImages(Ops.create(g), "train", h, w, 3,
            PipelineConfig.training(16, 7, Augmentation.CIFAR_TRAIN, Normalization.none(3)));
        Session s = new Session(g)) {
      p.initialize(s, set);
      for (int step = 0; step < 8; step++) {
        Batch b = next(s, p);
        assertEquals(16, b.n());
        assertEquals(h, b.h());
        assertEquals(w, b.w());
        for (int k = 0; k < b.n(); k++) {
          String match = findCrop(set, b, k, pad);
          assertTrue(match != null, "output " + k + " of step " + step + " is no padded crop of image "
              + b.labels()[k]);
          seenOffsets.add(match.substring(0, match.lastIndexOf(',')));
          flips += match.endsWith("flip") ? 1 : 0;
        }
      }
    }
    int total = 8 * 16;
    assertTrue(flips > total / 4 && flips < 3 * total / 4, "flips: " + flips + " of " + total);
    assertTrue(seenOffsets.size() > 30, "distinct crop offsets: " + seenOffsets.size() + " of 81");
  }

  /**
   * Finds offsets (oy, ox) in [0, 2 pad] and a flip such that output k equals the crop of the zero-padded image;
   * returns "oy,ox,flip|keep" or null. Every pixel must match exactly (padding exactly 0).
   */
  private static String findCrop(ImageSet set, Batch b, int k, int pad) {
    int i = b.labels()[k];
    for (int oy = 0; oy <= 2 * pad; oy++) {
      for (int ox = 0; ox <= 2 * pad; ox++) {
        for (boolean flip : new boolean[] {false, true}) {
          if (matches(set, i, b, k, oy - pad, ox - pad, flip)) {
            return oy + "," + ox + "," + (flip ? "flip" : "keep");
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(ImageSet set, int i, Batch b, int k, int dy, int dx, boolean flip) {
    for (int y = 0; y < b.h(); y++) {
      for (int x = 0; x < b.w(); x++) {
        int xs = (flip ? b.w() - 1 - x : x) + dx;
        int ys = y + dy;
        for (int c = 0; c < b.c(); c++) {
          boolean inside = ys >= 0 && ys < set.height() && xs >= 0 && xs < set.width();
          float expected = inside ? set.image(i).get(ys, xs, c) / 255f : 0f;
          if (Math.abs(b.at(k, y, x, c) - expected) > 1e-6f) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void seededPipelinesAreReproducibleAndReshuffleEveryEpoch() {
    ImageSet set = distinctImages(40, 4, 4, 1);
    List<Batch> a = epochs(set, 5, 2);
    List<Batch> b = epochs(set, 5, 2);
    List<Batch> c = epochs(set, 6, 2);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).labels(), b.get(i).labels(), "same seed, same order");
      assertArrayEquals(a.get(i).images(), b.get(i).images(), "same seed, same augmentation");
    }
    assertFalse(Arrays.equals(a.get(0).labels(), c.get(0).labels()), "another seed, another order");
    // batches of 10: epochs are batches 0-3 and 4-7; each is a permutation of all 40, and they differ
    int[] first = concat(a.subList(0, 4));
    int[] second = concat(a.subList(4, 8));
    assertArrayEquals(range(40), sorted(first));
    assertArrayEquals(range(40), sorted(second));
    assertFalse(Arrays.equals(first, second), "reshuffled between epochs");
    assertFalse(Arrays.equals(range(40), first), "shuffled at all");
  }

  @Test
  void eachImageGetsNewRandomCropsInEveryEpoch() {
    ImageSet set = distinctImages(40, 4, 4, 1);
    List<Batch> batches = epochs(set, 5, 2);
    float[][] byEpochImage0 = new float[2][];
    for (int e = 0; e < 2; e++) {
      for (Batch b : batches.subList(4 * e, 4 * e + 4)) {
        for (int k = 0; k < b.n(); k++) {
          if (b.labels()[k] == 0) {
            byEpochImage0[e] = Arrays.copyOfRange(b.images(), k * 16, (k + 1) * 16);
          }
        }
      }
    }
    assertNotEquals(Arrays.toString(byEpochImage0[0]), Arrays.toString(byEpochImage0[1]));
  }

  private static List<Batch> epochs(ImageSet set, long seed, int epochs) {
    PipelineConfig cfg = PipelineConfig.training(10, seed, new Augmentation.PadCropFlip(2), Normalization.none(1))
        .withEpochs(epochs);
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromImages(Ops.create(g), "t", 4, 4, 1, cfg);
        Session s = new Session(g)) {
      p.initialize(s, set);
      List<Batch> out = drain(s, p);
      assertEquals(4 * epochs, out.size());
      return out;
    }
  }

  @Test
  void badConfigurationsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> PipelineConfig.evaluation(8, Augmentation.CIFAR_TRAIN, Normalization.CIFAR10));
    try (Graph g = new Graph()) {
      assertThrows(IllegalArgumentException.class, () -> InputPipeline.fromImages(Ops.create(g), "x", 4, 4, 1,
          PipelineConfig.evaluation(8, Augmentation.NONE, Normalization.CIFAR10)));
      assertThrows(IllegalArgumentException.class, () -> InputPipeline.fromFiles(Ops.create(g), "y", 3,
          PipelineConfig.evaluation(8, Augmentation.NONE, Normalization.CIFAR10)));
    }
  }

  private static int[] concat(List<Batch> batches) {
    return batches.stream().flatMapToInt(b -> Arrays.stream(b.labels())).toArray();
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }

  private static int[] sorted(int[] a) {
    int[] s = a.clone();
    Arrays.sort(s);
    return s;
  }
}
