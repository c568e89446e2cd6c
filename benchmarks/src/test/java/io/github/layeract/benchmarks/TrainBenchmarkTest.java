package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.InputShape;
import io.github.layeract.benchmarks.TrainBenchmark.Options;
import io.github.layeract.benchmarks.TrainBenchmark.Row;
import io.github.layeract.benchmarks.TrainBenchmark.Xla;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's structure on a tiny budget (no timing assertions). */
class TrainBenchmarkTest {

  @Test
  void reportsEveryActivationRelativeToTheBaseline() {
    Options o = new Options("resnet20", List.of("relu", "la_silu"), "la_silu", 2, new InputShape(8, 8, 3), 1, 1, 1,
        Xla.ofEnvironment(), 1, 1);
    List<Row> rows = TrainBenchmark.run(o);
    assertEquals(List.of("relu", "la_silu"), rows.stream().map(Row::activation).toList());
    assertEquals(1.0, rows.get(1).ratio(), 1e-12);
    assertEquals(rows.get(0).imagesPerSecond() / rows.get(1).imagesPerSecond(), rows.get(0).ratio(), 1e-9);
    assertTrue(rows.stream().allMatch(r -> r.imagesPerSecond() > 0 && r.xla() == Xla.ofEnvironment()));
  }

  @Test
  void baselineMustBeMeasured() {
    assertThrows(IllegalArgumentException.class, () -> new Options("resnet20", List.of("relu"), "silu", 2,
        new InputShape(8, 8, 3), 0, 1, 1, Xla.OFF, 0, 0));
  }
}
