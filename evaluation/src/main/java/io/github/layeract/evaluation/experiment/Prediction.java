package io.github.layeract.evaluation.experiment;

import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.model.SavedModelClassifier;
import java.nio.file.Path;

/** Runs an exported SavedModel on uint8 images from a {@code .npy} file and optionally writes the logits as one. */
public final class Prediction {

  private Prediction() {}

  /**
   * The model's outputs for {@code images} images.
   *
   * @param logits row-major, {@code images} x {@code classes}
   * @param predicted the top-1 class of each image
   */
  public record Result(float[] logits, int[] predicted, int images, int classes) {
    /** The logits of image {@code i}. */
    public float[] row(int i) {
      return java.util.Arrays.copyOfRange(logits, i * classes, (i + 1) * classes);
    }
  }

  /**
   * Runs the SavedModel {@code savedModel} (a version directory or its base) on {@code input} (N x H x W x C, or
   * N x H x W for one channel) with {@code threads} in TF's intra-op pool; writes float32 logits N x classes to
   * {@code out} unless it is null.
   */
  public static Result run(Path savedModel, Path input, Path out, int threads) {
    Npy.Uint8Array in = Npy.readUint8(input);
    try (SavedModelClassifier c = SavedModelClassifier.load(savedModel, threads)) {
      int[] shape = c.imageShape();
      long[] s = in.shape();
      boolean ok = (s.length == 4 && s[1] == shape[0] && s[2] == shape[1] && s[3] == shape[2])
          || (s.length == 3 && shape[2] == 1 && s[1] == shape[0] && s[2] == shape[1]);
      if (!ok) {
        throw new UserException(input + ": shape " + Npy.shapeString(s) + " does not match the model's images (N, "
            + shape[0] + ", " + shape[1] + ", " + shape[2] + ")" + (shape[2] == 1 ? " or (N, " + shape[0] + ", "
            + shape[1] + ")" : ""));
      }
      int n = (int) s[0];
      float[] logits = c.logits(in.data(), n);
      int[] predicted = c.predict(in.data(), n);
      if (out != null) {
        Npy.writeFloat32(out, logits, n, c.classes());
      }
      return new Result(logits, predicted, n, c.classes());
    }
  }
}
