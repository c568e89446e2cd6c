package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.evaluation.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on a tiny budget: one activation, one epoch, 10 corrupted images per set. */
class DemoTest {

  @Test
  void demoWritesReportsAndExportAndCanBeRerun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("demo");
    String[] args = {"demo", "--out", out.toString(), "--activations", "la_silu", "--epochs", "1", "--eval-images",
        "10"};
    assertEquals(0, Main.execute(args));
    JsonNode demo = Output.readJson(out.resolve("demo.json"));
    assertEquals(10, demo.get("corrupted_images").asInt());
    assertEquals(2000, demo.get("clean_images").asInt());
    JsonNode la = demo.get("activations").get(0);
    assertEquals("la_silu", la.get("activation").asText());
    JsonNode report = Output.readJson(out.resolve("runs/la_silu/eval/report.json"));
    assertEquals(19, report.get("corruptions").size());
    assertEquals(5, report.get("severities").size());
    assertEquals(report.get("total19").asDouble(), la.get("total19").get("mean").asDouble(), 1e-12);
    assertTrue(report.get("notes").get(0).asText().contains("procedural"), "the report says frost is procedural");
    assertTrue(Files.isRegularFile(out.resolve("export/1/saved_model.pb")));
    assertTrue(Files.isRegularFile(out.resolve("export/1/assets.extra/layeract.json")));
    for (String f : new String[] {"compare.md", "compare.csv", "compare.png"}) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    // a rerun replaces the previous demo (the export version included)
    assertEquals(0, Main.execute(args));
    // a directory that is not a demo's is refused
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("other/keep.txt"), "mine");
    assertEquals(1, Main.execute("demo", "--out", dir.resolve("other").toString(), "--activations", "la_silu"));
    assertEquals("mine", Files.readString(dir.resolve("other/keep.txt")));
  }
}
