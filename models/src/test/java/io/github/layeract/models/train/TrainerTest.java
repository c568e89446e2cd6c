package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.Forward;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The trainer on a tiny LayerAct ResNet (depth 8, 12x12x3 inputs). */
class TrainerTest {

  private static final int BATCH = 8;
  private static final int CLASSES = 4;
  private static final Model MODEL = Models.create("resnet8", ModelConfig.cifar10().withClasses(CLASSES)
      .withInput(new InputShape(12, 12, 3)).withActivation("la_silu").withSeed(42));

  @TempDir
  Path tmp;

  @Test
  void overfitsOneSmallBatch() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(MODEL).weightDecay(0).buildWithPlaceholders(Ops.create(g));
      List<Double> losses = new ArrayList<>();
      Trainer.builder(t).steps(60).schedule(LrSchedule.constant(0.05)).input(TestData.fed(t, BATCH, CLASSES, true))
          .listener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
              losses.add(m.loss());
            }
          }).build().run(s);
      double first = losses.get(0);
      double last = losses.get(losses.size() - 1);
      assertTrue(last < 0.1 * first, "loss " + first + " -> " + last);
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRunAndRestoresIntoAnInferenceGraph() {
    Path straight = tmp.resolve("straight");
    Path resumed = tmp.resolve("resumed");
    List<float[]> expected = train(straight, 6, false);
    assertEquals(List.of(3L, 6L), new Checkpoints(straight, 5).list().stream().map(Checkpoints.Checkpoint::step).toList());
    train(resumed, 3, false);
    List<float[]> actual = train(resumed, 6, true);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "variable " + i + " differs after resume");
    }
    float[] trainingLogits = inferenceLogits(straight, true);
    float[] exportLogits = inferenceLogits(straight, false);
    assertArrayEquals(trainingLogits, exportLogits);
  }

  @Test
  void refusesToOverwriteCheckpointsWithoutResume() {
    train(tmp, 2, false);
    assertThrows(IllegalStateException.class, () -> train(tmp, 4, false));
  }

  /** Trains to {@code steps} (checkpoint every 3) and returns every variable: weights, slots, BN statistics. */
  private static List<float[]> train(Path dir, long steps, boolean resume) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(MODEL).buildWithPlaceholders(Ops.create(g));
      TrainingResult r = Trainer.builder(t).steps(steps).schedule(LrSchedule.multiStep(0.1, 0.1, 4))
          .input(TestData.fed(t, BATCH, CLASSES, false)).checkpoints(new Checkpoints(dir, 5), 3).resume(resume)
          .build().run(s);
      assertEquals(steps, r.endStep());
      List<Variable<TFloat32>> all = new ArrayList<>(t.forward().params().trainable());
      all.addAll(t.forward().params().state());
      all.addAll(t.slots());
      return TestData.values(s, all);
    }
  }

  /**
   * Logits of fixed images after restoring the latest checkpoint: into the training graph's inference path, or into
   * a fresh inference-only graph (the export path).
   */
  private static float[] inferenceLogits(Path dir, boolean trainingGraph) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Forward f;
      Placeholder<TFloat32> images;
      if (trainingGraph) {
        TrainingGraph t = TrainingGraph.builder(MODEL).buildWithPlaceholders(tf);
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 12, 12, 3)));
        f = t.inferenceForward(images);
      } else {
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 12, 12, 3)));
        f = InferenceGraph.build(tf, MODEL, images);
      }
      try (Session s = new Session(g)) {
        assertEquals(6, InferenceGraph.restore(s, dir));
        try (TFloat32 x = TestData.images(MODEL.config().input(), 5, 99);
            Result r = s.runner().feed(images, x).fetch(f.logits()).run()) {
          return TestData.floats((TFloat32) r.get(0));
        }
      }
    }
  }

  @Test
  void nonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(MODEL).buildWithPlaceholders(Ops.create(g));
      StepInput good = TestData.fed(t, BATCH, CLASSES, false);
      StepInput poisoned = step -> {
        Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>(good.feeds(step));
        if (step == 4) {       // the 5th step sees an infinite pixel
          feeds.get(t.imagesPlaceholder().orElseThrow()).close();
          float[] inf = new float[BATCH * 12 * 12 * 3];
          inf[0] = Float.POSITIVE_INFINITY;
          feeds.put(t.imagesPlaceholder().orElseThrow(), TFloat32.tensorOf(Shape.of(BATCH, 12, 12, 3),
              DataBuffers.of(inf, true, false)));
        }
        return feeds;
      };
      Checkpoints ck = new Checkpoints(tmp, 3);
      Trainer trainer = Trainer.builder(t).steps(10).input(poisoned).checkpoints(ck, 2).build();
      NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> trainer.run(s));
      assertEquals(5, e.step());
      assertFalse(Double.isFinite(e.loss()));
      assertEquals(4, ck.latest().orElseThrow().step());
      assertEquals(tmp.resolve("ckpt-4"), e.lastCheckpoint().orElseThrow());
      assertTrue(e.getMessage().contains("step 5"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("ckpt-5")));
    }
  }

}
