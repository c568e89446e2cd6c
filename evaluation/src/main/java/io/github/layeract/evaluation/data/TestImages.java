package io.github.layeract.evaluation.data;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.InputPipeline;
import io.github.layeract.datasets.pipeline.PipelineConfig;
import io.github.layeract.evaluation.model.Classifier;
import io.github.layeract.models.InputShape;
import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Labelled test images read batch by batch as uint8 {@code N x H x W x C}: an in-memory set, or image files decoded
 * and transformed by a tf.data pipeline (so ImageNet-size sets are never in memory at once).
 *
 * <pre>{@code
 * TestImages val = TestImages.files(Datasets.listFiles("imagenet", Split.TEST, dir), input,
 *     ImageFiles.evaluation(input));
 * val.forEachBatch(256, (pixels, n, labels) -> ...);
 * }</pre>
 */
public interface TestImages {

  /** Receives one batch: {@code n} images in {@code pixels} and their labels. */
  @FunctionalInterface
  interface BatchSink {
    void accept(byte[] pixels, int n, int[] labels);
  }

  /** Number of images. */
  int count();

  /** Hands the images to {@code sink} in order, at most {@code batch} at a time. */
  void forEachBatch(int batch, BatchSink sink);

  /**
   * All of {@code images} in memory, e.g. to generate corruptions from them ({@code input} their shape,
   * {@code classes} the number of classes).
   */
  static ImageSet collect(TestImages images, InputShape input, int classes) {
    int size = input.height() * input.width() * input.channels();
    byte[] pixels = new byte[Math.multiplyExact(images.count(), size)];
    int[] labels = new int[images.count()];
    int[] filled = {0};
    images.forEachBatch(Classifier.BATCH, (p, n, l) -> {
      System.arraycopy(p, 0, pixels, filled[0] * size, n * size);
      System.arraycopy(l, 0, labels, filled[0], n);
      filled[0] += n;
    });
    return new ImageSet(images.count(), input.height(), input.width(), input.channels(), pixels, labels, classes);
  }

  /** The images of an in-memory set. */
  static TestImages of(ImageSet set) {
    return new TestImages() {
      @Override
      public int count() {
        return set.count();
      }

      @Override
      public void forEachBatch(int batch, BatchSink sink) {
        int size = set.imageSize();
        for (int start = 0; start < set.count(); start += batch) {
          int end = Math.min(set.count(), start + batch);
          sink.accept(Arrays.copyOfRange(set.pixels(), start * size, end * size), end - start,
              Arrays.copyOfRange(set.labels(), start, end));
        }
      }
    };
  }

  /**
   * Image files decoded to {@code input.channels()} channels and brought to {@code input}'s size by
   * {@code transform} (e.g. {@link ImageFiles#evaluation}) in the graph, then rounded to uint8, as torchvision's
   * transforms on PIL images do before {@code ToTensor}.
   */
  static TestImages files(ImageFolder.Listing listing, InputShape input, Augmentation transform) {
    return new TestImages() {
      @Override
      public int count() {
        return listing.size();
      }

      @Override
      public void forEachBatch(int batch, BatchSink sink) {
        int c = input.channels();
        int size = input.height() * input.width() * c;
        PipelineConfig config = PipelineConfig.evaluation(batch, transform, ImageFiles.bytes(c));
        try (Graph g = new Graph(); InputPipeline p = InputPipeline.fromFiles(Ops.create(g), "test", c, config);
             Session s = new Session(g)) {
          if (p.height() != input.height() || p.width() != input.width()) {
            throw new IllegalArgumentException(transform + " gives " + p.height() + "x" + p.width() + " images, not "
                + input.height() + "x" + input.width());
          }
          p.initialize(s, listing.files(), listing.labels());
          while (true) {
            try (Result r = s.runner().fetch(p.images()).fetch(p.labels()).run()) {
              TFloat32 x = (TFloat32) r.get(0);
              int n = (int) x.shape().get(0);
              float[] f = new float[n * size];
              x.asRawTensor().data().asFloats().read(f);
              byte[] pixels = new byte[f.length];
              for (int i = 0; i < f.length; i++) {
                pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(f[i])));
              }
              int[] labels = new int[n];
              ((TInt32) r.get(1)).asRawTensor().data().asInts().read(labels);
              sink.accept(pixels, n, labels);
            } catch (TFOutOfRangeException e) {
              return;
            } catch (TFInvalidArgumentException e) {
              throw ImageFiles.named(e, listing.files());
            }
          }
        }
      }
    };
  }
}
