package io.github.layeract.evaluation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.FashionMnistSample;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.corruptions.TrainingCorruption;
import io.github.layeract.datasets.corruptions.TrainingCorruptions;
import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.CorruptedBatches;
import io.github.layeract.datasets.pipeline.InputPipeline;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.datasets.pipeline.PipelineConfig;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Checkpoints;
import io.github.layeract.models.train.LrSchedule;
import io.github.layeract.models.train.Trainer;
import io.github.layeract.models.train.TrainingGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Training through the corruption stage is deterministic and resumes bit-exactly. */
class CorruptedTrainingInputTest {

  private static final ImageSet SET = Splits.firstPerClass(FashionMnistSample.train(), 6);
  private static final List<TrainingCorruption> RULES = List.of(TrainingCorruption.parse("noise:1-5:p=0.5"),
      TrainingCorruption.parse("contrast:1-3:p=0.3"));

  @Test
  void resumedRunSeesTheSameCorruptedImagesAsAnUninterruptedOne(@TempDir Path dir) {
    // 60 images, batch 32: epochs of 2 steps; the resumed run replays 3 batches across an epoch's reshuffle
    List<float[]> straight = train(dir.resolve("straight"), 4, false, RULES);
    train(dir.resolve("resumed"), 3, false, RULES);
    List<float[]> resumed = train(dir.resolve("resumed"), 4, true, RULES);
    assertEquals(straight.size(), resumed.size());
    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i), resumed.get(i), "variable " + i + " differs after resume");
    }
    List<float[]> clean = train(dir.resolve("clean"), 4, false, List.of());
    boolean differs = false;
    for (int i = 0; i < clean.size(); i++) {
      differs |= !Arrays.equals(clean.get(i), straight.get(i));
    }
    assertTrue(differs, "training on corrupted batches changes the weights");
  }

  /** Trains a ReLU resnet8 on 60 Fashion-MNIST images for {@code steps} (checkpoint every 3); returns the weights. */
  private static List<float[]> train(Path run, long steps, boolean resume, List<TrainingCorruption> rules) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      try (InputPipeline raw = InputPipeline.fromImages(tf, "train_data", 28, 28, 1,
          PipelineConfig.training(32, 11, new Augmentation.PadCropFlip(4), Normalization.none(1)))) {
        CorruptedBatches batches = CorruptedBatches.create(tf, raw, Normalization.HALF,
            new TrainingCorruptions(rules, 11, 2));
        CorruptedTrainingInput in = new CorruptedTrainingInput(batches, s -> raw.initialize(s, SET));
        TrainingGraph t = TrainingGraph.builder(Models.create("resnet8", ModelConfig.cifar10()
            .withInput(new InputShape(28, 28, 1)).withSeed(11)))
            .build(tf, batches.images(), batches.labels());
        Trainer trainer = Trainer.builder(t).steps(steps).schedule(LrSchedule.constant(0.05)).input(in)
            .checkpoints(new Checkpoints(run, 2), 3).resume(resume).build();
        try (Session s = new Session(g)) {
          trainer.run(s);
          return values(s, t.forward().params().trainable());
        }
      }
    }
  }

  private static List<float[]> values(Session s, List<Variable<TFloat32>> vars) {
    Session.Runner runner = s.runner();
    vars.forEach(runner::fetch);
    List<float[]> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < vars.size(); i++) {
        TFloat32 v = (TFloat32) r.get(i);
        float[] a = new float[(int) v.size()];
        v.copyTo(DataBuffers.of(a, false, false));
        out.add(a);
      }
    }
    return out;
  }
}
