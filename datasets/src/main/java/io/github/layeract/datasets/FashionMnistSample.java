package io.github.layeract.datasets;

import io.github.layeract.datasets.io.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The real Fashion-MNIST sample bundled in this jar: 10,000 training and 2,000 test images (1,000 and 200 per
 * class), 28 x 28 x 1, 10 classes, stored as gzip IDX files under
 * {@code io/github/layeract/datasets/fashion-mnist-sample/}. They are the first 1,000 (resp. 200) images of each
 * class, in file order, of Zalando's Fashion-MNIST as shipped by Debian's {@code dataset-fashion-mnist}
 * (MIT licence; see the NOTICE file). {@link #main} recreates them.
 *
 * <pre>{@code
 * ImageSet train = FashionMnistSample.train();   // no set-up, no network
 * }</pre>
 */
public final class FashionMnistSample {

  /** Images per class in the training part. */
  public static final int TRAIN_PER_CLASS = 1000;
  /** Images per class in the test part. */
  public static final int TEST_PER_CLASS = 200;
  /** Class count. */
  public static final int CLASSES = 10;
  /** Class-path folder of the four files. */
  public static final String RESOURCE_DIR = "io/github/layeract/datasets/fashion-mnist-sample/";

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  private FashionMnistSample() {}

  /** The 10,000 training images. */
  public static ImageSet train() {
    return load(TRAIN_IMAGES, TRAIN_LABELS);
  }

  /** The 2,000 test images. */
  public static ImageSet test() {
    return load(TEST_IMAGES, TEST_LABELS);
  }

  /**
   * Recreates the sample: reads the full Fashion-MNIST IDX files in {@code args[0]} (default
   * {@code /usr/share/datasets/fashion-mnist}) and writes the four sample files into {@code args[1]} (default
   * {@code datasets/src/main/resources/<RESOURCE_DIR>}).
   */
  public static void main(String[] args) {
    Path source = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
    Path out = Path.of(args.length > 1 ? args[1] : "datasets/src/main/resources/" + RESOURCE_DIR);
    write(source, out);
    System.out.println("wrote the Fashion-MNIST sample to " + out);
  }

  /** Writes the sample taken from the full IDX files in {@code source} into {@code out}. */
  public static void write(Path source, Path out) {
    ImageSet train = Idx.read(source.resolve(TRAIN_IMAGES), source.resolve(TRAIN_LABELS), CLASSES);
    ImageSet test = Idx.read(source.resolve(TEST_IMAGES), source.resolve(TEST_LABELS), CLASSES);
    ImageSet trainSample = Splits.firstPerClass(train, TRAIN_PER_CLASS);
    ImageSet testSample = Splits.firstPerClass(test, TEST_PER_CLASS);
    Idx.writeImages(out.resolve(TRAIN_IMAGES), trainSample);
    Idx.writeLabels(out.resolve(TRAIN_LABELS), trainSample);
    Idx.writeImages(out.resolve(TEST_IMAGES), testSample);
    Idx.writeLabels(out.resolve(TEST_LABELS), testSample);
  }

  private static ImageSet load(String images, String labels) {
    ClassLoader loader = FashionMnistSample.class.getClassLoader();
    try (InputStream im = loader.getResourceAsStream(RESOURCE_DIR + images);
        InputStream lb = loader.getResourceAsStream(RESOURCE_DIR + labels)) {
      if (im == null || lb == null) {
        throw new DatasetException("the bundled Fashion-MNIST sample is missing from the class path ("
            + RESOURCE_DIR + ")");
      }
      return Idx.read(Path.of(RESOURCE_DIR + images), im, Path.of(RESOURCE_DIR + labels), lb, CLASSES);
    } catch (IOException e) {
      throw new DatasetException("cannot read the bundled Fashion-MNIST sample: " + e.getMessage(), e);
    }
  }
}
