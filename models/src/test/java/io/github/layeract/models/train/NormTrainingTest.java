package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.Norm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** A small LayerAct ResNet trains with each norm choice: finite losses that fall on a fixed batch. */
class NormTrainingTest {

  @Test
  void everyNormTrainsWithAFiniteFallingLoss() {
    for (Norm norm : Norm.values()) {
      Model m = Models.create("resnet8", ModelConfig.cifar10().withClasses(4).withInput(new InputShape(12, 12, 3))
          .withActivation("la_silu").withNorm(norm).withSeed(5));
      // the paper trains its no-norm ResNets with learning rate 0.01
      List<Double> losses = train(m, norm == Norm.NONE ? 0.01 : 0.05);
      assertTrue(losses.stream().allMatch(Double::isFinite), norm + ": " + losses);
      double first = losses.get(0);
      double last = losses.get(losses.size() - 1);
      assertTrue(last < 0.9 * first, norm + ": loss " + first + " -> " + last);
    }
  }

  private static List<Double> train(Model m, double lr) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(m).weightDecay(0).buildWithPlaceholders(Ops.create(g));
      List<Double> losses = new ArrayList<>();
      Trainer.builder(t).steps(30).schedule(LrSchedule.constant(lr)).input(TestData.fed(t, 8, 4, true))
          .listener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics metrics) {
              losses.add(metrics.loss());
            }
          }).build().run(s);
      return losses;
    }
  }
}
