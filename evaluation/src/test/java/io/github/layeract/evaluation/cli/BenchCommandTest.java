package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.evaluation.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench}'s options reach the benchmarks module (tiny runs; no timing is asserted). */
class BenchCommandTest {

  @Test
  void opTakesShapesAndSpecListsWithCommasInsideParentheses() throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      code = Main.execute("bench", "op", "--shapes", "4x6,2x3x3x2", "--activations",
          "la_silu(alpha=0.1, axes=1),relu", "--iterations", "1", "--repetitions", "1", "--warmup", "0",
          "--threads", "1", "--json");
    } finally {
      System.setOut(out);
    }
    assertEquals(0, code);
    JsonNode rows = Output.JSON.readTree(o.toString(StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    rows.forEach(r -> seen.add(r.get("shape").asText() + " " + r.get("activation").asText()));
    assertEquals(List.of("4x6 la_silu(alpha=0.1, axes=1)", "4x6 relu", "2x3x3x2 la_silu(alpha=0.1, axes=1)",
        "2x3x3x2 relu"), seen);
    rows.forEach(r -> assertTrue(r.get("forward_ratio").asDouble() > 0, r.toString()));
  }

  @Test
  void badShapeIsAUsageErrorAndBadXlaSettingAUserError() {
    assertEquals(2, Main.execute("bench", "op", "--shapes", "128"));
    assertEquals(1, Main.execute("bench", "train", "--xla", "sometimes"));
  }
}
