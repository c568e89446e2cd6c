package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** PReLU slopes are trainable, one per site; an ImageNet ResNet (padded max-pool, projections) trains a step. */
class ActivationSitesTrainingTest {

  @Test
  void preluSlopesAreTrainableAndPerSite() {
    Model m = Models.create("resnet20", ModelConfig.cifar10().withActivation("prelu").withInput(new InputShape(8, 8, 3)));
    assertEquals(269_722L + 19, m.summary().parameters());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(m).buildWithPlaceholders(Ops.create(g));
      List<Variable<TFloat32>> slopes = t.forward().params().trainable().stream()
          .filter(v -> v.op().name().endsWith("/alpha")).toList();
      assertEquals(19, slopes.size());
      assertTrue(slopes.stream().anyMatch(v -> v.op().name().equals("stage2/block1/act1/alpha")));
      for (float[] v : TestData.values(s, slopes)) {
        assertEquals(0.25f, v[0]);
      }
      Trainer.builder(t).steps(2).input(TestData.fed(t, 4, 10, false)).build().run(s);
      Set<Float> after = new HashSet<>();
      for (float[] v : TestData.values(s, slopes)) {
        assertNotEquals(0.25f, v[0]);
        after.add(v[0]);
      }
      assertTrue(after.size() > 10, "slopes should move independently: " + after);
    }
  }

  @Test
  void imageNetResNetTrainsAStepOnSmallImages() {
    Model m = Models.create("resnet18", ModelConfig.imageNet().withClasses(5).withInput(new InputShape(32, 32, 3))
        .withActivation("la_hard_silu"));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(m).buildWithPlaceholders(Ops.create(g));
      TrainingResult r = Trainer.builder(t).steps(2).schedule(LrSchedule.constant(0.01))
          .input(TestData.fed(t, 2, 5, false)).build().run(s);
      assertTrue(Double.isFinite(r.last().orElseThrow().loss()));
      assertEquals(1 + 2 * 8, t.forward().sites().size());
    }
  }
}
