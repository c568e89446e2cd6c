package io.github.layeract.evaluation.model;

import java.util.Arrays;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The batching shared by the {@link Classifier} implementations: splits {@code n} uint8 images into batches of at
 * most {@link Classifier#BATCH}, runs each batch and gathers its {@code batch x classes} logits into one row-major
 * {@code n x classes} array.
 */
final class BatchedLogits {

  private BatchedLogits() {
  }

  /**
   * @param imageShape height, width and channels of one image
   * @param run        runs one batch (a {@code b x H x W x C} uint8 tensor); the returned Result is closed here
   * @param logitsOf   picks the {@code b x classes} float32 logits out of that Result
   */
  static float[] compute(byte[] pixels, int n, int[] imageShape, int classes, Function<TUint8, Result> run,
      Function<Result, TFloat32> logitsOf) {
    int size = imageShape[0] * imageShape[1] * imageShape[2];
    if ((long) n * size != pixels.length) {
      throw new IllegalArgumentException(n + " images of " + Arrays.toString(imageShape) + " need " + (long) n * size
          + " bytes, got " + pixels.length);
    }
    float[] out = new float[n * classes];
    for (int start = 0; start < n; start += Classifier.BATCH) {
      int b = Math.min(Classifier.BATCH, n - start);
      try (TUint8 images = TUint8.tensorOf(Shape.of(b, imageShape[0], imageShape[1], imageShape[2]),
              DataBuffers.of(Arrays.copyOfRange(pixels, start * size, (start + b) * size), true, false));
           Result r = run.apply(images)) {
        float[] part = new float[b * classes];
        logitsOf.apply(r).asRawTensor().data().asFloats().read(part);
        System.arraycopy(part, 0, out, start * classes, part.length);
      }
    }
    return out;
  }
}
