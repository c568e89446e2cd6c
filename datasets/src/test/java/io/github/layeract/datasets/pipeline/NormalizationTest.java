package io.github.layeract.datasets.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.layeract.datasets.FashionMnistSample;
import io.github.layeract.datasets.ImageSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizationTest {

  @Test
  void computesPerChannelMeanAndPopulationStdInUnitScale() {
    byte[] px = new byte[500 * 3];
    new Random(3).nextBytes(px);
    ImageSet set = new ImageSet(100, 1, 5, 3, px, new int[100], 1);
    Normalization n = Normalization.compute(set);
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      int count = 0;
      for (int i = c; i < px.length; i += 3) {
        sum += (px[i] & 0xFF) / 255.0;
        count++;
      }
      double mean = sum / count;
      double sq = 0;
      for (int i = c; i < px.length; i += 3) {
        double d = (px[i] & 0xFF) / 255.0 - mean;
        sq += d * d;
      }
      assertEquals(mean, n.mean()[c], 1e-6);
      assertEquals(Math.sqrt(sq / count), n.std()[c], 1e-6);
    }
  }

  @Test
  void fashionMnistSampleStatisticsAreThoseOfFashionMnist() {
    // Fashion-MNIST's training set: mean 0.2860, std 0.3530 (the widely quoted values)
    Normalization n = Normalization.compute(FashionMnistSample.train());
    assertEquals(0.2860, n.mean()[0], 0.01);
    assertEquals(0.3530, n.std()[0], 0.01);
  }

  @Test
  void publishedConstantsAndValidation() {
    assertEquals(0.49139968f, Normalization.CIFAR10.mean()[0]);
    assertEquals(0.26158784f, Normalization.CIFAR10.std()[2]);
    assertEquals(0.2761f, Normalization.CIFAR100.std()[2]);
    assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0f}, new float[] {0f}));
    assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0f, 0f}, new float[] {1f}));
  }
}
