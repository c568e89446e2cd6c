package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.Runs;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train -> evaluate -> compare -> export -> predict on tiny budgets, checking the files and numbers. */
class EndToEndTest {

  private static void train(Path run, String activation, long seed) {
    assertEquals(0, Main.execute("train", "--model", "resnet8", "--activation", activation, "--dataset",
        "fashion-mnist-sample", "--iterations", "4", "--batch", "32", "--seed", Long.toString(seed), "--out",
        run.toString()));
  }

  @Test
  void trainEvaluateCompareExportPredict(@TempDir Path dir) throws Exception {
    List<String> acts = List.of("relu", "la_silu");
    for (String a : acts) {
      for (long seed : new long[] {1, 2}) {
        Path run = dir.resolve(a + "-" + seed);
        train(run, a, seed);
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/checkpoint")));
        JsonNode cfg = Output.readJson(run.resolve("config.json"));
        assertEquals(a, cfg.get("activation").asText());
        assertEquals(4, cfg.get("steps").asLong());
        List<CSVRecord> metrics = csv(run.resolve("metrics.csv"));
        assertEquals(1, metrics.size(), "one (partial) epoch");
        assertEquals(4, Long.parseLong(metrics.get(0).get("step")));
        double val = Double.parseDouble(metrics.get(0).get("val_accuracy"));
        assertTrue(val >= 0 && val <= 100);
        assertEquals(0, Main.execute("evaluate", "--run", run.toString(), "--images", "20", "--severities", "1,5"));
      }
    }
    // the report's aggregates, recomputed from its CSV
    Path eval = dir.resolve("la_silu-1/eval");
    JsonNode report = Output.readJson(eval.resolve("report.json"));
    List<CSVRecord> rows = csv(eval.resolve("report.csv"));
    assertEquals(19, rows.size());
    double sum = 0;
    for (CSVRecord r : rows) {
      double mean = (Double.parseDouble(r.get("severity1")) + Double.parseDouble(r.get("severity5"))) / 2;
      assertEquals(mean, Double.parseDouble(r.get("mean")), 1e-9);
      double acc1 = Double.parseDouble(r.get("severity1"));
      assertEquals(0, Math.round(acc1 * 20 / 100) * 100.0 / 20 - acc1, 1e-9, "accuracy over 20 images");
      sum += mean;
    }
    assertEquals(sum / 19, report.get("total19").asDouble(), 1e-9);
    assertEquals((report.get("clean").asDouble() + sum) / 20, report.get("total20_with_clean").asDouble(), 1e-9);
    for (String f : List.of("report.md", "accuracy_vs_severity.png", "corruptions.png")) {
      assertTrue(Files.size(eval.resolve(f)) > 0, f);
    }
    // mCE against a baseline: a model against itself has mCE 100
    assertEquals(0, Main.execute("evaluate", "--run", dir.resolve("relu-1").toString(), "--images", "20",
        "--severities", "1,5", "--mce-baseline", dir.resolve("relu-1").toString(), "--out", dir.resolve("self").toString()));
    assertEquals(100.0, Output.readJson(dir.resolve("self/report.json")).get("mce").asDouble(), 1e-9);

    // compare: two activations x two seeds
    Path cmp = dir.resolve("compare");
    assertEquals(0, Main.execute("compare", dir.resolve("relu-1").toString(), dir.resolve("relu-2").toString(),
        dir.resolve("la_silu-1").toString(), dir.resolve("la_silu-2").toString(), "--out", cmp.toString()));
    JsonNode c = Output.readJson(cmp.resolve("compare.json"));
    assertEquals("relu", c.get("baseline").asText());
    JsonNode la = c.get("activations").get(1);
    assertEquals("la_silu", la.get("activation").asText());
    assertEquals(2, la.get("runs").asInt());
    double c1 = Output.readJson(dir.resolve("la_silu-1/eval/report.json")).get("clean").asDouble();
    double c2 = Output.readJson(dir.resolve("la_silu-2/eval/report.json")).get("clean").asDouble();
    assertEquals((c1 + c2) / 2, la.get("clean").get("mean").asDouble(), 1e-9);
    assertEquals(Math.abs(c1 - c2) / Math.sqrt(2), la.get("clean").get("std").asDouble(), 1e-9);
    assertTrue(Files.size(cmp.resolve("compare.png")) > 0 && Files.size(cmp.resolve("compare.md")) > 0);

    // export, then predict with the CLI and compare with the run's own inference graph
    Path export = dir.resolve("export");
    assertEquals(0, Main.execute("export", "--run", dir.resolve("la_silu-1").toString(), "--out", export.toString()));
    assertTrue(Files.isRegularFile(export.resolve("1/saved_model.pb")));
    ImageSet test = Splits.firstPerClass(Datasets.load(Datasets.SAMPLE, Split.TEST, null), 1);
    Npy.writeUint8(dir.resolve("x.npy"), test.pixels(), test.count(), 28, 28, 1);
    assertEquals(0, Main.execute("predict", "--saved-model", export.toString(), "--input", dir.resolve("x.npy").toString(),
        "--out", dir.resolve("logits.npy").toString()));
    float[] expected;
    ImageSet all = Datasets.load(Datasets.SAMPLE, Split.TEST, null);
    float[] allLogits;
    try (InferenceModel m = Runs.open(dir.resolve("la_silu-1"))) {
      expected = m.logits(test.pixels(), test.count());
      allLogits = m.logits(all.pixels(), all.count());
    }
    // the report's clean accuracy, recounted here with a plain arg-max against the test labels
    int k = all.classes();
    int correct = 0;
    for (int i = 0; i < all.count(); i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        best = allLogits[i * k + j] > allLogits[i * k + best] ? j : best;
      }
      correct += best == all.labels()[i] ? 1 : 0;
    }
    assertEquals(100.0 * correct / all.count(), report.get("clean").asDouble(), 1e-9);
    assertArrayEquals(expected, Npy.readFloat32(dir.resolve("logits.npy")).data(), 1e-5f);
    // evaluating the export gives the run's clean accuracy
    assertEquals(0, Main.execute("evaluate", "--saved-model", export.toString(), "--corruptions", "fog", "--severities",
        "3", "--images", "20", "--out", dir.resolve("export-eval").toString()));
    assertEquals(Output.readJson(eval.resolve("report.json")).get("clean").asDouble(),
        Output.readJson(dir.resolve("export-eval/report.json")).get("clean").asDouble(), 1e-9);
  }

  @Test
  void publishedFilesWrittenByCorruptGiveTheGeneratedAccuracies(@TempDir Path dir) {
    Path run = dir.resolve("run");
    train(run, "la_hard_silu", 3);
    String list = "gaussian_noise,fog,jpeg_compression";
    assertEquals(0, Main.execute("corrupt", "--dataset", "fashion-mnist-sample", "--images", "30", "--corruptions",
        list, "--corruption-seed", "7", "--out", dir.resolve("c").toString()));
    assertEquals(0, Main.execute("evaluate", "--run", run.toString(), "--source", "published", "--c-data-dir",
        dir.resolve("c").toString(), "--corruptions", list, "--out", dir.resolve("pub").toString()));
    assertEquals(0, Main.execute("evaluate", "--run", run.toString(), "--source", "generated", "--images", "30",
        "--corruption-seed", "7", "--corruptions", list, "--out", dir.resolve("gen").toString()));
    JsonNode pub = Output.readJson(dir.resolve("pub/report.json"));
    JsonNode gen = Output.readJson(dir.resolve("gen/report.json"));
    assertEquals(gen.get("corruptions"), pub.get("corruptions"), "the same corrupted images, the same accuracies");
    assertEquals(gen.get("clean").asDouble(), pub.get("clean").asDouble(), 0.0);
    assertEquals("published", pub.get("source").asText());
  }

  @Test
  void resumeContinuesAnInterruptedRun(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    train(run, "silu", 5);
    // extend the finished run's budget, as if it had been interrupted after 4 of 6 steps
    JsonNode cfg = Output.readJson(run.resolve("config.json"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) cfg).put("steps", 6);
    Output.writeJson(run.resolve("config.json"), cfg);
    assertEquals(0, Main.execute("train", "--resume", "--out", run.toString()));
    assertTrue(Files.isDirectory(run.resolve("checkpoints/ckpt-6")));
    List<CSVRecord> metrics = csv(run.resolve("metrics.csv"));
    assertEquals(List.of("4", "6"), metrics.stream().map(r -> r.get("step")).toList(), "rows before and after");
    // a second train into the same directory without --resume is refused
    assertEquals(1, Main.execute("train", "--iterations", "1", "--out", run.toString()));
  }

  private static List<CSVRecord> csv(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
    }
  }
}
