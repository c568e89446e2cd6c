package io.github.layeract.datasets.pipeline;

import io.github.layeract.datasets.corruptions.TrainingCorruptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training-time corruption stage between a tf.data pipeline and the model:
 *
 * <pre>
 * tf.data pipeline (shuffle, augment; NOT normalised, [0, 1])  --fetch-->  host: {@link TrainingCorruptions}
 *   --feed-->  images placeholder -> (x - mean) / std (in the graph) -> model;  labels placeholder -> loss
 * </pre>
 *
 * <p>{@link #next(Session, long)} draws the pipeline's next batch, corrupts it with the keys of step {@code s}
 * and returns the tensors to feed for that step. With a seeded pipeline, the {@code s}-th batch drawn since the
 * pipeline was initialised is the same in every run, so a resumed run that re-initialises the pipeline and draws
 * (without corrupting) the batches already trained sees the same corrupted images as an uninterrupted one.
 *
 * <pre>{@code
 * InputPipeline raw = InputPipeline.fromImages(tf, "train_data", 32, 32, 3,
 *     PipelineConfig.training(128, seed, Augmentation.CIFAR_TRAIN, Normalization.none(3)));
 * CorruptedBatches in = CorruptedBatches.create(tf, raw, Normalization.CIFAR10, stage);
 * Operand<TFloat32> logits = model.apply(in.images());
 * Map<Operand<?>, Tensor> feeds = in.next(session, step).feeds();   // feed them into the step, then close them
 * }</pre>
 */
public final class CorruptedBatches {

  private final InputPipeline raw;
  private final TrainingCorruptions stage;
  private final Placeholder<TFloat32> fedImages;
  private final Placeholder<TInt32> fedLabels;
  private final Operand<TFloat32> images;

  private CorruptedBatches(Ops tf, InputPipeline raw, Normalization norm, TrainingCorruptions stage) {
    this.raw = raw;
    this.stage = stage;
    Ops t = tf.withSubScope("corrupted_input");
    fedImages = t.withName("images").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, raw.height(), raw.width(), raw.channels())));
    fedLabels = t.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    float[] inv = norm.std();
    for (int c = 0; c < inv.length; c++) {
      inv[c] = 1f / inv[c];
    }
    images = t.withName("normalised").math.mul(t.math.sub(fedImages, t.constant(norm.mean())), t.constant(inv));
  }

  /**
   * The stage over {@code raw}, which must not normalise ({@link Normalization#none}); {@code norm} is applied in
   * the graph after the corruption.
   */
  public static CorruptedBatches create(Ops tf, InputPipeline raw, Normalization norm, TrainingCorruptions stage) {
    Normalization identity = Normalization.none(raw.channels());
    Normalization used = raw.config().normalization();
    if (!Arrays.equals(used.mean(), identity.mean()) || !Arrays.equals(used.std(), identity.std())) {
      throw new IllegalArgumentException("the corruption stage needs a pipeline on the [0, 1] scale "
          + "(Normalization.none); it normalises after corrupting");
    }
    if (norm.channels() != raw.channels()) {
      throw new IllegalArgumentException("normalisation has " + norm.channels() + " channels, the pipeline "
          + raw.channels());
    }
    return new CorruptedBatches(tf, raw, norm, Objects.requireNonNull(stage, "stage"));
  }

  /** The normalised, corrupted images of the step, float32 {@code [batch, H, W, C]}: the model's input. */
  public Operand<TFloat32> images() {
    return images;
  }

  /** The labels of the step, int32 {@code [batch]}. */
  public Operand<TInt32> labels() {
    return fedLabels;
  }

  /** The pipeline it draws from. */
  public InputPipeline pipeline() {
    return raw;
  }

  /**
   * One step's input.
   *
   * @param feeds the tensors to feed into {@link #images()}' and {@link #labels()}' placeholders (the caller closes
   *     them)
   * @param corrupted how many of the batch's images were corrupted
   */
  public record Batch(Map<Operand<?>, Tensor> feeds, int corrupted) {}

  /** Draws the pipeline's next batch and corrupts it as the batch of {@code step}. */
  public Batch next(Session session, long step) {
    try (Result r = session.runner().fetch(raw.images()).fetch(raw.labels()).run()) {
      TFloat32 batch = (TFloat32) r.get(0);
      int count = (int) batch.shape().get(0);
      float[] pixels = new float[(int) batch.size()];
      batch.copyTo(DataBuffers.of(pixels, false, false));
      int corrupted = stage.apply(pixels, count, raw.height(), raw.width(), raw.channels(), step);
      int[] y = new int[count];
      ((TInt32) r.get(1)).copyTo(DataBuffers.of(y, false, false));
      Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
      feeds.put(fedImages, TFloat32.tensorOf(batch.shape(), DataBuffers.of(pixels, true, false)));
      feeds.put(fedLabels, TInt32.vectorOf(y));
      return new Batch(feeds, corrupted);
    }
  }
}
