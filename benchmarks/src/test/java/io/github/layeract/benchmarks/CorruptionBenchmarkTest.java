package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.corruptions.Corruption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping on a tiny run (no timing thresholds: the machine is shared). */
class CorruptionBenchmarkTest {

  @Test
  void projectsTheFullSetFromEachRateAndGivesRatiosToTheRoundTrip() {
    List<Corruption> corruptions = List.of(Corruption.of("contrast"), Corruption.of("gaussian_noise"));
    CorruptionBenchmark.Result r = CorruptionBenchmark.run(corruptions, 2, 1);
    assertEquals(List.of("contrast", "gaussian_noise"),
        r.rows().stream().map(CorruptionBenchmark.Row::corruption).toList());
    double seconds = 0;
    for (CorruptionBenchmark.Row row : r.rows()) {
      assertTrue(row.imagesPerSecond() > 0, row.toString());
      assertEquals(row.imagesPerSecond() / r.baselineImagesPerSecond(), row.ratioToBaseline(), 1e-9);
      seconds += 5.0 * CorruptionBenchmark.CIFAR10_TEST_IMAGES / row.imagesPerSecond();
    }
    assertEquals(seconds, r.projectedCifar10cSeconds(), 1e-9 * seconds);
    assertTrue(r.format().contains("gaussian_noise"), r.format());
  }
}
