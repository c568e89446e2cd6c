package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.mlp.Mlp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/** Exact resume with an in-graph tf.data pipeline, repositioned by {@link StepInput#replaying}. */
class InGraphResumeTest {

  private static final Model MODEL = new Mlp(ModelConfig.cifar10().withClasses(3).withInput(new InputShape(2, 2, 1))
      .withHiddenWidth(5).withActivation("la_silu").withSeed(9));
  private static final int EXAMPLES = 12;
  private static final int BATCH = 4;

  @TempDir
  Path tmp;

  @Test
  void replayingTheConsumedBatchesGivesTheUninterruptedResult() {
    float[] straight = train(tmp.resolve("a"), 7, false, true);
    train(tmp.resolve("b"), 4, false, true);
    assertArrayEquals(straight, train(tmp.resolve("b"), 7, true, true));
    // without repositioning, the resumed run sees the first batches again: the test can tell the difference
    train(tmp.resolve("c"), 4, false, false);
    assertFalse(Arrays.equals(straight, train(tmp.resolve("c"), 7, true, false)));
  }

  /** Trains to {@code steps} on a repeating 3-batch pipeline; returns the first layer's kernel. */
  private static float[] train(Path dir, long steps, boolean resume, boolean replay) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] images = new float[EXAMPLES * 4];
      int[] labels = new int[EXAMPLES];
      for (int i = 0; i < images.length; i++) {
        images[i] = (float) Math.sin(1.7 * i);
      }
      for (int i = 0; i < EXAMPLES; i++) {
        labels[i] = (i * 7) % 3;
      }
      List<Class<? extends TType>> types = List.of(TFloat32.class, TInt32.class);
      Operand<TFloat32> x = tf.constant(Shape.of(EXAMPLES, 2, 2, 1),
          DataBuffers.of(images, true, false));
      var ds = tf.data.tensorSliceDataset(List.of(x, tf.constant(labels)), List.of(Shape.of(2, 2, 1), Shape.scalar()));
      List<Shape> batchShapes = List.of(Shape.of(-1, 2, 2, 1), Shape.of(-1));
      var batched = tf.data.repeatDataset(tf.data.batchDataset(ds, tf.constant((long) BATCH), tf.constant(true), types,
          batchShapes), tf.constant(-1L), types, batchShapes);
      var iterator = tf.data.iterator("", "", types, batchShapes);
      var init = tf.data.makeIterator(batched, iterator);
      var next = tf.data.iteratorGetNext(iterator, types, batchShapes);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> batchImages = (Operand<TFloat32>) next.components().get(0);
      @SuppressWarnings("unchecked")
      Operand<TInt32> batchLabels = (Operand<TInt32>) next.components().get(1);
      TrainingGraph t = TrainingGraph.builder(MODEL).build(tf, batchImages, batchLabels);
      s.run(init);
      Trainer.builder(t).steps(steps).schedule(LrSchedule.constant(0.3))
          .input(replay ? StepInput.replaying(batchImages) : StepInput.IN_GRAPH)
          .checkpoints(new Checkpoints(dir, 2), 2).resume(resume).build().run(s);
      return TestData.values(s, List.of(t.forward().params().trainable().get(0))).get(0);
    }
  }
}
