package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.evaluation.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench}'s options reach the benchmarks module (tiny runs; no timing is asserted). */
class BenchCommandTest {

  @Test
  void opTakesShapesAndSpecListsWithCommasInsideParentheses() throws Exception {
    CliRun r = CliRun.run("bench", "op", "--shapes", "4x6,2x3x3x2", "--activations",
        "la_silu(alpha=0.1, axes=1),relu", "--steps", "1", "--repetitions", "1", "--untimed-steps", "0",
        "--threads", "1", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = Output.JSON.readTree(r.out());
    List<String> seen = new ArrayList<>();
    rows.forEach(row -> seen.add(row.get("shape").asText() + " " + row.get("activation").asText()));
    assertEquals(List.of("4x6 la_silu(alpha=0.1, axes=1)", "4x6 relu", "2x3x3x2 la_silu(alpha=0.1, axes=1)",
        "2x3x3x2 relu"), seen);
    rows.forEach(row -> assertTrue(row.get("forward_ratio").asDouble() > 0, row.toString()));
  }

  @Test
  void badShapeIsAUsageErrorAndBadXlaSettingAUserError() {
    assertEquals(2, Main.execute("bench", "op", "--shapes", "128"));
    assertEquals(1, Main.execute("bench", "train", "--xla", "sometimes"));
  }
}
