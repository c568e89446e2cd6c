package io.github.layeract.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.report.Comparison;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * local[2]: a tiny grid (2 activations x 2 seeds, 2 corruptions) runs end to end in child JVMs; its report equals
 * the compare of the same runs made by hand with train + evaluate; a rerun touches no run directory; a grid whose
 * cell directory holds a different run is refused and the directory left as it was.
 */
class SweepEndToEndTest {

  static final String GRID = "{\"datasets\": [\"fashion-mnist-sample\"], \"models\": [\"resnet8\"], "
      + "\"activations\": [\"relu\", \"la_silu\"], \"seeds\": [1, 2], "
      + "\"training\": {\"iterations\": 4, \"batch\": 32}, "
      + "\"evaluation\": {\"corruptions\": [\"gaussian_noise\", \"fog\"], \"severities\": [1, 5], \"images\": 20, "
      + "\"source\": \"generated\"}, \"resources\": {\"threads\": 1}}";

  @BeforeAll
  static void smallChildren() {
    System.setProperty("layeract.sweep.heap", "1g");
  }

  static Grid grid(Path dir, String json) throws IOException {
    Path f = dir.resolve("grid.json");
    Files.writeString(f, json);
    return Grid.read(f);
  }

  @Test
  void gridRunsEndToEndAndMatchesRunsMadeByHand(@TempDir Path dir) throws Exception {
    Grid grid = grid(dir, GRID);
    Path out = dir.resolve("sweep");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<CellTask.Outcome> outcomes = Sweep.run(grid, out, "local[2,3]", new PrintStream(log, true));
    assertEquals(4, outcomes.size(), log.toString());
    assertTrue(outcomes.stream().allMatch(o -> o.status().equals("done")), outcomes.toString());
    String progress = log.toString(StandardCharsets.UTF_8);
    assertTrue(progress.contains("sweep: 4/4 done, 0 running, 0 failed"), progress);
    Status.rows(out).forEach(r -> assertEquals("done", r.get(1), r.toString()));

    List<Comparison.Run> byHand = new ArrayList<>();
    for (Cell c : grid.cells()) {
      Path run = dir.resolve("hand").resolve(c.activation() + "-" + c.seed());
      List<String> train = new ArrayList<>(List.of("train", "--dataset", c.dataset(), "--model", c.model(),
          "--activation", c.activation(), "--seed", Long.toString(c.seed()), "--out", run.toString()));
      train.addAll(c.trainArgs());
      // the CLI in a JVM of its own with the cell's thread budget: thread counts change float reduction order
      Files.createDirectories(run.getParent());
      Path handLog = dir.resolve("hand.log");
      assertEquals(0, ChildProcess.run(train, c.threads(), List.of(), handLog), Files.readString(handLog));
      List<String> eval = new ArrayList<>(List.of("evaluate", "--run", run.toString()));
      eval.addAll(c.evaluateArgs());
      assertEquals(0, ChildProcess.run(eval, c.threads(), List.of(), handLog), Files.readString(handLog));
      byHand.add(Comparison.load(run));
    }
    List<SweepReport.Group> groups = SweepReport.write(out, null);
    assertEquals(1, groups.size());
    Comparison swept = groups.get(0).comparison();
    Comparison hand = new Comparison(byHand, "relu");
    assertEquals(hand.summaryRows(), swept.summaryRows());
    assertEquals(hand.significanceRows(), swept.significanceRows());
    for (String a : List.of("relu", "la_silu")) {
      assertArrayEquals(hand.values(a, "corruption_mean"), swept.values(a, "corruption_mean"));
    }
    assertTrue(Files.isRegularFile(groups.get(0).dir().resolve("compare.md")));

    Map<String, String> before = snapshot(out.resolve("cells"));
    assertEquals(List.of(), Sweep.run(grid, out, "local[2,3]", new PrintStream(new ByteArrayOutputStream())));
    assertEquals(before, snapshot(out.resolve("cells")), "a rerun of a finished sweep changes no run directory");
  }

  @Test
  void cellDirectoryHoldingAnotherRunIsRefusedUntouched(@TempDir Path dir) throws Exception {
    Grid grid = grid(dir, GRID);
    Path out = dir.resolve("sweep");
    Path cell = CellDirectory.of(out, grid.cells().get(1)).dir();
    Files.createDirectories(cell);
    Files.writeString(cell.resolve("config.json"), "{\"activation\": \"gelu\"}");
    Map<String, String> before = snapshot(out);
    UserException e = assertThrows(UserException.class,
        () -> Sweep.run(grid, out, "local[1]", new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("holds a different run than cell " + grid.cells().get(1).id()), e.getMessage());
    assertEquals(before, snapshot(out));
  }

  /** Every file under {@code dir} with its size, modification time and content hash. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p) + " " + Files.size(p) + " "
            + java.util.Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return m;
  }
}
