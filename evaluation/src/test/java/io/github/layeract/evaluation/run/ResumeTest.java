package io.github.layeract.evaluation.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.FashionMnistSample;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.evaluation.data.TrainingData;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted mid-epoch (as Ctrl-C does) and resumed ends bit-identical to the uninterrupted run: same
 * weights (hence logits), same per-epoch loss, accuracy and validation accuracy. So does one whose latest checkpoint
 * is then damaged: the resume falls back to the previous checkpoint and trains the steps after it again.
 */
class ResumeTest {

  private static final long STEPS = 10;   // 100 training images, batch 32: epochs end at steps 4, 8 and 10
  private static final long INTERRUPT = 6;

  @Test
  void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) throws Exception {
    ImageSet set = Splits.firstPerClass(FashionMnistSample.train(), 20);
    TrainingData data = new TrainingData.InMemory(set);
    Normalization half = Normalization.HALF;
    RunConfig config = new RunConfig("resnet8", "la_silu", "fashion-mnist-sample", 10, new InputShape(28, 28, 1),
        half.mean(), half.std(), "pad_crop_flip", STEPS, 32, 0.05, "cosine", 0, 1e-4, 0.9, 0.5, 3,
        ModelConfig.DEFAULT_HIDDEN_WIDTH, null);
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    assertEquals(STEPS, RunTrainer.train(config, data, straight, false, "straight").steps());
    RunTrainer.Outcome stopped = RunTrainer.train(config, data, resumed, false, "interrupted", INTERRUPT);
    assertTrue(stopped.stopped());
    assertEquals(INTERRUPT, stopped.steps());
    assertTrue(Files.isDirectory(resumed.resolve("checkpoints/ckpt-" + INTERRUPT)));
    ImageSet probe = Splits.firstPerClass(set, 3);
    float[] atInterrupt = logits(resumed, probe);
    Path damaged = dir.resolve("damaged");
    copyTree(resumed, damaged);
    Path shard = damaged.resolve("checkpoints/ckpt-" + INTERRUPT + "/model.data-00000-of-00001");
    Files.write(shard, Arrays.copyOf(Files.readAllBytes(shard), 100));
    RunTrainer.Outcome rest = RunTrainer.train(RunConfig.read(resumed), data, resumed, true, "resumed");
    assertFalse(rest.stopped());
    assertEquals(STEPS, rest.steps());

    float[] expected = logits(straight, probe);
    assertArrayEquals(expected, logits(resumed, probe), "bit-identical logits");
    assertFalse(Arrays.equals(expected, atInterrupt), "the resumed run trained the remaining steps");

    List<CSVRecord> a = metrics(straight);
    assertEquals(List.of("4", "8", "10"), a.stream().map(r -> r.get("step")).toList());
    assertSameMetrics(a, metrics(resumed));

    assertEquals(STEPS, RunTrainer.train(RunConfig.read(damaged), data, damaged, true, "fallback").steps());
    assertArrayEquals(expected, logits(damaged, probe), "bit-identical logits after falling back to ckpt-4");
    assertSameMetrics(a, metrics(damaged));
  }

  private static void assertSameMetrics(List<CSVRecord> a, List<CSVRecord> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      for (String column : List.of("epoch", "step", "loss", "train_accuracy", "val_accuracy", "lr")) {
        assertEquals(a.get(i).get(column), b.get(i).get(column), column + " of row " + i);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static float[] logits(Path run, ImageSet probe) {
    try (InferenceModel m = Runs.open(run)) {
      return m.logits(probe.pixels(), probe.count());
    }
  }

  private static List<CSVRecord> metrics(Path run) throws Exception {
    try (Reader r = Files.newBufferedReader(run.resolve("metrics.csv"))) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
    }
  }
}
