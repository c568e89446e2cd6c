package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.evaluation.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeTest {

  @Test
  void analyzesAnMlpPerSite(@TempDir Path dir) throws Exception {
    for (String a : new String[] {"relu", "la_silu"}) {
      assertEquals(0, Main.execute("train", "--model", "mlp", "--hidden-width", "32", "--activation", a,
          "--iterations", "3", "--batch", "64", "--out", dir.resolve(a).toString()));
    }
    assertEquals(0, Main.execute("analyze", dir.resolve("relu").toString(), dir.resolve("la_silu").toString(),
        "--images", "50", "--sigmas", "0,0.1,0.4", "--out", dir.resolve("an").toString()));
    JsonNode r = Output.readJson(dir.resolve("an/analyze.json"));
    assertEquals(2, r.get("runs").size());
    for (JsonNode run : r.get("runs")) {
      assertEquals(1, run.get("sites").size(), "the mlp has one activation site");
      JsonNode site = run.get("sites").get(0);
      assertEquals(0.0, site.get("fluctuation").get(0).asDouble(), 0.0, "no noise, no fluctuation");
      assertTrue(site.get("fluctuation").get(2).asDouble() > 0);
      if (run.get("activation").asText().equals("relu")) {
        assertTrue(site.get("mean_activation").asDouble() >= 0, "relu outputs are non-negative");
      }
    }
    for (String f : new String[] {"analyze.md", "analyze.csv", "fluctuation_vs_sigma.png", "fluctuation_by_site.png"}) {
      assertTrue(Files.size(dir.resolve("an").resolve(f)) > 0, f);
    }
  }
}
