package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.tf.NativeKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One CIFAR ResNet with LA-SiLU and LA-HardSiLU, built with each LayerAct implementation (native, fused, composed) from
 * the same seed: the logits and the weights after one SGD step agree within float32 round-off.
 *
 * <p>ResNet-8 rather than ResNet-20: the same stem, stages, shortcuts and head, so every implementation still runs at
 * all three stage shapes, forward and backward, with batch norm in between; 7 LayerAct sites instead of 19 make the
 * six graphs about half as costly to build, which is most of this test's time. Batch 4 of 16x16 images puts 16,384
 * elements into the first stage's LayerActs, the size from which the native kernels use their thread pool.
 */
class LayerActImplementationsTest {

  private static final String MODEL = "resnet8";
  private static final int BATCH = 4;

  @Test
  void nativeFusedAndComposedTrainTheSameResNet() {
    if (Boolean.getBoolean("layeract.native.required")) {
      assertTrue(NativeKernels.loaded(), "native kernels required but not loaded: " + NativeKernels.failure());
    }
    for (String act : List.of("la_silu", "la_hard_silu")) {
      List<float[]> composed = logitsAndStep(act + "(impl=composed)");
      for (String impl : List.of("native", "fused")) {
        List<float[]> other = logitsAndStep(act + "(impl=" + impl + ")");
        assertEquals(composed.size(), other.size());
        for (int i = 0; i < composed.size(); i++) {
          assertClose(act + " " + impl + (i == 0 ? " logits" : " variable " + i + " after one step"), composed.get(i),
              other.get(i));
        }
      }
    }
  }

  /** The logits of a fixed batch, then every trainable variable after one SGD step on it. */
  private static List<float[]> logitsAndStep(String activation) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Model model = Models.create(MODEL, ModelConfig.cifar10().withInput(new InputShape(16, 16, 3))
          .withActivation(activation).withSeed(5));
      TrainingGraph t = TrainingGraph.builder(model).weightDecay(5e-4).momentum(0.9).buildWithPlaceholders(tf);
      StepInput data = TestData.fed(t, BATCH, 10, true);
      List<float[]> out = new ArrayList<>();
      Map<Operand<?>, Tensor> feeds = data.feeds(0);
      try {
        Session.Runner runner = s.runner();
        feeds.forEach(runner::feed);
        try (Result r = runner.fetch(t.forward().logits()).run()) {
          out.add(TestData.floats((TFloat32) r.get(0)));
        }
      } finally {
        feeds.values().forEach(Tensor::close);
      }
      Trainer.builder(t).steps(1).schedule(step -> 0.1).input(data).build().run(s);
      out.addAll(TestData.values(s, t.forward().params().trainable()));
      return out;
    }
  }

  /**
   * |a - b| <= 2e-4 max|a| element-wise: float32 round-off through the LayerActs and batch norms, a bound that held for
   * the 19 sites of ResNet-20 and so, the error growing with depth, for ResNet-8's 7.
   */
  private static void assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what);
    double max = 1e-6;
    for (float e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= 2e-4 * max, what + "[" + i + "]: " + actual[i] + " vs "
          + expected[i] + " (max " + max + ")");
    }
  }
}
