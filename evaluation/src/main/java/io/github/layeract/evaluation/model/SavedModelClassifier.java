package io.github.layeract.evaluation.model;

import io.github.layeract.evaluation.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import io.github.layeract.models.train.Sessions;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel written by {@code layeract export} (or any with the same contract): signature {@code serving_default}
 * with input {@code images} (uint8 N x H x W x C) and output {@code logits} (float32 N x classes).
 */
public final class SavedModelClassifier implements Classifier {

  /** The serving signature key. */
  public static final String SIGNATURE = "serving_default";

  private final SavedModelBundle bundle;
  private final int[] imageShape;
  private final int classes;

  private SavedModelClassifier(SavedModelBundle bundle, int[] imageShape, int classes) {
    this.bundle = bundle;
    this.imageShape = imageShape;
    this.classes = classes;
  }

  /**
   * Loads {@code dir} (a version directory such as {@code export/1}, or a base directory whose highest numeric
   * sub-directory is taken, as TF Serving does).
   */
  public static SavedModelClassifier load(Path dir) {
    return load(dir, 0);
  }

  /** {@link #load(Path)} with {@code threads} in TF's intra-op pool (0: TensorFlow's choice). */
  public static SavedModelClassifier load(Path dir, int threads) {
    Path version = versionDir(dir);
    SavedModelBundle b;
    try {
      b = SavedModelBundle.loader(version.toString()).withTags("serve").withConfigProto(Sessions.config(threads, 0))
          .load();
    } catch (RuntimeException e) {
      throw new UserException(version + ": cannot load the SavedModel (" + e.getMessage().lines().findFirst()
          .orElse("") + ")", e);
    }
    try {
      SignatureDef sig = b.metaGraphDef().getSignatureDefMap().get(SIGNATURE);
      if (sig == null || !sig.getInputsMap().containsKey("images") || !sig.getOutputsMap().containsKey("logits")) {
        throw new UserException(version + ": the SavedModel has no signature " + SIGNATURE
            + " with input 'images' and output 'logits'");
      }
      TensorInfo in = sig.getInputsMap().get("images");
      TensorInfo out = sig.getOutputsMap().get("logits");
      if (in.getTensorShape().getDimCount() != 4 || out.getTensorShape().getDimCount() != 2) {
        throw new UserException(version + ": expected images N x H x W x C and logits N x classes");
      }
      int[] shape = new int[3];
      for (int i = 0; i < 3; i++) {
        shape[i] = (int) in.getTensorShape().getDim(i + 1).getSize();
      }
      return new SavedModelClassifier(b, shape, (int) out.getTensorShape().getDim(1).getSize());
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
  }

  /** {@code dir} itself when it holds {@code saved_model.pb}, else its highest numeric sub-directory that does. */
  public static Path versionDir(Path dir) {
    if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      return dir;
    }
    try (var list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve("saved_model.pb")))
          .max((a, c) -> Long.compare(Long.parseLong(a.getFileName().toString()),
              Long.parseLong(c.getFileName().toString())))
          .orElseThrow(() -> new UserException(dir + ": no saved_model.pb here or in a numeric version directory"));
    } catch (java.io.IOException e) {
      throw new UserException(dir + ": not a SavedModel directory (" + e.getMessage() + ")");
    }
  }

  @Override
  public int[] imageShape() {
    return imageShape.clone();
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public float[] logits(byte[] pixels, int n) {
    return BatchedLogits.compute(pixels, n, imageShape, classes,
        t -> bundle.function(SIGNATURE).call(Map.<String, Tensor>of("images", t)),
        r -> (TFloat32) r.get("logits").orElseThrow());
  }

  @Override
  public void close() {
    bundle.close();
  }
}
