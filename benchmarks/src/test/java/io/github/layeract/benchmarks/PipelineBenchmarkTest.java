package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.corruptions.TrainingCorruption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping on a tiny run (no timing thresholds: the machine is shared). */
class PipelineBenchmarkTest {

  @Test
  void countsTheImagesItServes() {
    PipelineBenchmark.Report r = PipelineBenchmark.run(3, 16, 1);
    for (PipelineBenchmark.Measurement m : new PipelineBenchmark.Measurement[] {r.cifarTrain(), r.plain()}) {
      assertEquals(48, m.images());
      assertTrue(m.seconds() > 0);
      assertEquals(m.images() / m.seconds(), m.imagesPerSecond(), 1e-6 * m.imagesPerSecond());
    }
    assertEquals(r.cifarTrain().imagesPerSecond() / r.plain().imagesPerSecond(), r.ratioToPlain(), 1e-9);
  }

  @Test
  void corruptionStageCountsImagesAndTheCorruptedFraction() {
    PipelineBenchmark.StageReport r = PipelineBenchmark.runTrainingCorruption(5, 64, 1,
        List.of(TrainingCorruption.parse("gaussian_noise:1-3:p=0.5")), 2);
    for (PipelineBenchmark.Measurement m : List.of(r.inGraph(), r.roundTrip(), r.corrupted())) {
      assertEquals(320, m.images(), m.pipeline());
      assertTrue(m.imagesPerSecond() > 0);
    }
    // binomial(320, 0.5): standard deviation 0.028 of the fraction; +-5 sigma
    assertTrue(Math.abs(r.corruptedPerImage() - 0.5) < 0.14, "fraction " + r.corruptedPerImage());
  }
}
