package io.github.layeract.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.io.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistSampleTest {

  private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void theBundledSampleLoadsWithNoSetUpAndIsClassBalanced() {
    ImageSet train = FashionMnistSample.train();
    ImageSet test = FashionMnistSample.test();
    assertEquals(10_000, train.count());
    assertEquals(2_000, test.count());
    for (ImageSet s : new ImageSet[] {train, test}) {
      assertEquals(28, s.height());
      assertEquals(28, s.width());
      assertEquals(1, s.channels());
      assertEquals(10, s.classes());
    }
    int[] ones = new int[10];
    java.util.Arrays.fill(ones, 1000);
    assertArrayEquals(ones, Splits.classCounts(train));
    java.util.Arrays.fill(ones, 200);
    assertArrayEquals(ones, Splits.classCounts(test));
    // real photographs of clothes, not blank: mean intensity of Fashion-MNIST is about 73 of 255
    double mean = 0;
    for (byte b : train.pixels()) {
      mean += b & 0xFF;
    }
    mean /= train.pixels().length;
    assertEquals(72.9, mean, 3.0);
  }

  @Test
  void theSampleIsReproducibleFromTheDebianPackage(@TempDir Path out) throws IOException {
    assumeTrue(Files.isDirectory(DEBIAN), "dataset-fashion-mnist is not installed");
    FashionMnistSample.write(DEBIAN, out);
    for (String name : new String[] {FashionMnistSample.TRAIN_IMAGES, FashionMnistSample.TRAIN_LABELS,
        FashionMnistSample.TEST_IMAGES, FashionMnistSample.TEST_LABELS}) {
      try (InputStream bundled = getClass().getClassLoader()
          .getResourceAsStream(FashionMnistSample.RESOURCE_DIR + name)) {
        assertArrayEquals(Files.readAllBytes(out.resolve(name)), bundled.readAllBytes(), name);
      }
    }
    // and its first test image of class 0 is the first class-0 image of the full test set
    ImageSet full = Idx.read(DEBIAN.resolve("t10k-images-idx3-ubyte.gz"), DEBIAN.resolve("t10k-labels-idx1-ubyte.gz"),
        10);
    int first = 0;
    while (full.labels()[first] != 0) {
      first++;
    }
    ImageSet sample = FashionMnistSample.test();
    int firstInSample = 0;
    while (sample.labels()[firstInSample] != 0) {
      firstInSample++;
    }
    assertEquals(full.image(first), sample.image(firstInSample));
  }
}
