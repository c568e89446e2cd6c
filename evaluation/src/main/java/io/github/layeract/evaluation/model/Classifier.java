package io.github.layeract.evaluation.model;

/**
 * An image classifier that takes uint8 NHWC images (preprocessing is its own business) and gives float32 logits.
 * Implementations hold native TensorFlow resources: close them.
 */
public interface Classifier extends AutoCloseable {

  /** Images per internal batch when {@link #logits} is called with more. */
  int BATCH = 256;

  /** Image height, width and channels the classifier takes. */
  int[] imageShape();

  /** Number of classes (logits per image). */
  int classes();

  /**
   * Logits of {@code n} images stored contiguously in {@code pixels} (N x H x W x C, uint8): a row-major
   * {@code n x classes()} array.
   */
  float[] logits(byte[] pixels, int n);

  /** The arg-max class of each image. */
  default int[] predict(byte[] pixels, int n) {
    float[] l = logits(pixels, n);
    int k = classes();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (l[i * k + j] > l[i * k + best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  @Override
  void close();
}
