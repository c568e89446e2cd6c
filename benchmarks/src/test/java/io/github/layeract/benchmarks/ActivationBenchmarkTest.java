package io.github.layeract.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** The benchmark's bookkeeping on a tiny run (no timing is asserted). */
class ActivationBenchmarkTest {

  @Test
  void tinyRunReportsEveryActivationAndShapeWithRatiosToSilu() {
    var config = new ActivationBenchmark.Config(List.of(Shape.of(4, 6), Shape.of(2, 3, 3, 2)),
        List.of("la_silu", "relu", "la_hard_silu(alpha=0.1)"), 1, 1, 0, 1);
    List<ActivationBenchmark.Measurement> results = ActivationBenchmark.run(config);
    // silu is added as the baseline but only the requested activations are reported
    assertEquals(6, results.size());
    assertEquals(List.of("la_silu", "relu", "la_hard_silu(alpha=0.1)"),
        results.subList(0, 3).stream().map(ActivationBenchmark.Measurement::activation).toList());
    for (ActivationBenchmark.Measurement m : results) {
      assertTrue(m.forwardMs() > 0 && m.forwardBackwardMs() > 0, m.toString());
      assertEquals(m.forwardMs() / m.forwardRatio(), results.get(results.indexOf(m) / 3 * 3).forwardMs()
          / results.get(results.indexOf(m) / 3 * 3).forwardRatio(), 1e-9, "one silu time per shape");
    }
    assertTrue(ActivationBenchmark.table(results).contains("| 2x3x3x2 | relu |"));
  }

  @Test
  void parsesShapes() {
    assertEquals(Shape.of(128, 32, 32, 16), ActivationBenchmark.parseShape("128x32x32x16"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ActivationBenchmark.parseShape("128"))
        .getMessage().contains("rank"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ActivationBenchmark.parseShape("12xa"))
        .getMessage().contains("12xa"));
  }
}
