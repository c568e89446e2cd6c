package io.github.layeract.evaluation.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.ProgressListener;
import io.github.layeract.evaluation.cli.Main;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment layer's calls as a library user makes them, checked against each other rather than the CLI. */
class ExperimentCallsTest {

  @Test
  void evaluationOfAnExportAgreesWithItsPredictionsAndThreadsDoNotChangeTheReport(@TempDir Path dir) {
    Path run = dir.resolve("run");
    assertEquals(0, Main.execute("train", "--model", "mlp", "--hidden-width", "16", "--activation", "la_silu",
        "--iterations", "3", "--batch", "64", "--out", run.toString()));
    Export.Result export = Export.run(run, dir.resolve("export"), 1);
    assertEquals(0.0, export.maxLogitDifference(), 1e-5);

    // the clean accuracy Evaluation reports, recomputed here from Prediction's logits on the whole test set
    ImageSet test = Datasets.load(Datasets.SAMPLE, Split.TEST, null);
    Path npy = dir.resolve("test.npy");
    Npy.writeUint8(npy, test.pixels(), new long[] {test.count(), test.height(), test.width(), test.channels()});
    Prediction.Result p = Prediction.run(export.dir(), npy, null, 1);
    int correct = 0;
    for (int i = 0; i < p.images(); i++) {
      float[] row = p.row(i);
      int best = 0;
      for (int j = 1; j < row.length; j++) {
        best = row[j] > row[best] ? j : best;
      }
      assertEquals(best, p.predicted()[i], "image " + i);
      correct += best == test.labels()[i] ? 1 : 0;
    }

    AtomicLong steps = new AtomicLong();
    ProgressListener counting = (task, total) -> new ProgressListener.Task() {
      @Override
      public void step(long n, String status) {
        steps.addAndGet(n);
      }

      @Override
      public void close() {}
    };
    Evaluation.Builder b = Evaluation.ofSavedModel(export.dir()).dataset(Datasets.SAMPLE)
        .source(Evaluation.Source.GENERATED).images(20).severities(1, 3)
        .corruptions(Corruptions.parseList("gaussian_noise,contrast", null));
    Evaluation.Result one = Evaluation.run(b.threads(1).out(dir.resolve("eval1")).build(), counting);
    assertEquals(1 + 2 * 2, steps.get(), "one step for clean, one per corruption and severity");
    assertEquals(100.0 * correct / test.count(), one.report().clean(), 1e-9);

    Evaluation.Result two = Evaluation.run(b.threads(2).out(dir.resolve("eval2")).build(), ProgressListener.NONE);
    assertEquals(Output.json(one.written()), Output.json(two.written()), "the thread count is not part of the result");
  }
}
