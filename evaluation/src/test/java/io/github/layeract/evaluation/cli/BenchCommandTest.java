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
  void inferGivesLatencyPerBatchAndActivationRelativeToTheFirst() throws Exception {
    CliRun r = CliRun.run("bench", "infer", "--model", "resnet8", "--batches", "1,3", "--activations", "relu,la_silu",
        "--rounds", "2", "--calls", "2", "--threads", "1", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = Output.JSON.readTree(r.out());
    List<String> seen = new ArrayList<>();
    rows.forEach(row -> seen.add(row.get("batch").asInt() + " " + row.get("activation").asText()));
    assertEquals(List.of("1 relu", "1 la_silu", "3 relu", "3 la_silu"), seen);
    for (JsonNode row : rows) {
      assertTrue(row.get("p99Ms").asDouble() >= row.get("p50Ms").asDouble(), row.toString());
      assertEquals(row.get("batch").asInt() / (row.get("p50Ms").asDouble() / 1e3),
          row.get("imagesPerSecond").asDouble(), 1e-6 * row.get("imagesPerSecond").asDouble(), row.toString());
      if (row.get("activation").asText().equals("relu")) {
        assertEquals(1.0, row.get("ratio").asDouble(), 1e-12, "the first activation is the baseline");
      }
    }
  }

  @Test
  void trainRunsEveryModelAndBatch() throws Exception {
    CliRun r = CliRun.run("bench", "train", "--models", "resnet8,resnet14", "--batches", "2,3", "--activations",
        "relu,la_silu", "--rounds", "1", "--steps", "1", "--threads", "1", "--json");
    assertEquals(0, r.code(), r.err());
    List<String> seen = new ArrayList<>();
    for (JsonNode row : Output.JSON.readTree(r.out())) {
      seen.add(row.get("model").asText() + " " + row.get("batch").asInt() + " " + row.get("activation").asText());
      assertTrue(row.get("imagesPerSecond").asDouble() > 0, row.toString());
    }
    assertEquals(List.of("resnet8 2 relu", "resnet8 2 la_silu", "resnet8 3 relu", "resnet8 3 la_silu",
        "resnet14 2 relu", "resnet14 2 la_silu", "resnet14 3 relu", "resnet14 3 la_silu"), seen);
  }

  @Test
  void badShapeIsAUsageErrorAndBadXlaSettingAUserError() {
    assertEquals(2, Main.execute("bench", "op", "--shapes", "128"));
    assertEquals(1, Main.execute("bench", "train", "--xla", "sometimes"));
  }
}
