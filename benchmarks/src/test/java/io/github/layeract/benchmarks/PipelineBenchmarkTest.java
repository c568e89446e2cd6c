package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
