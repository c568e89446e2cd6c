package io.github.layeract.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.evaluation.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid files: the plan they give, and one-line errors naming the field for bad ones. */
class GridTest {

  private static final String BASE = "\"datasets\": \"fashion-mnist-sample\", \"models\": [\"resnet8\"], ";

  private static Grid grid(Path dir, String json) throws Exception {
    Path f = dir.resolve("grid.json");
    Files.writeString(f, json);
    return Grid.read(f);
  }

  private static String error(Path dir, String json) {
    UserException e = assertThrows(UserException.class, () -> grid(dir, json));
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve("grid.json") + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void planIsSeedMajorWithStableIds(@TempDir Path dir) throws Exception {
    Grid g = grid(dir, "{" + BASE + "\"activations\": [\"relu\", \"LA_SiLU(alpha=1e-3)\"], \"seeds\": \"1-2\", "
        + "\"training\": {\"iterations\": 4, \"batch\": 32}, \"evaluation\": {\"corruptions\": [\"fog\", "
        + "\"snow\"], \"severities\": [1, 5]}, \"resources\": {\"threads\": 2}}");
    List<Cell> cells = g.cells();
    assertEquals(List.of(1L, 1L, 2L, 2L), cells.stream().map(Cell::seed).toList());
    assertEquals(List.of("--batch", "32", "--iterations", "4"), cells.get(0).trainArgs());
    assertEquals(List.of("--corruptions", "fog,snow", "--severities", "1,5"), cells.get(0).evaluateArgs());
    assertEquals(2, cells.get(0).threads());
    String hash = cells.get(0).optionsHash();
    assertEquals("fashion-mnist-sample/resnet8/relu/seed-1-" + hash, cells.get(0).id());
    assertTrue(cells.get(1).id().startsWith("fashion-mnist-sample/resnet8/la_silualpha0.001/seed-1-")
        || cells.get(1).id().startsWith("fashion-mnist-sample/resnet8/la_silualpha1e-3/seed-1-"), cells.get(1).id());
    // field order does not change a cell; an option value does, and threads do not
    Grid reordered = grid(dir, "{\"seeds\": [1], \"resources\": {\"threads\": 1}, " + BASE
        + "\"activations\": \"relu\", \"evaluation\": {\"severities\": [1, 5], \"corruptions\": [\"fog\", \"snow\"]},"
        + " \"training\": {\"batch\": 32, \"iterations\": 4}}");
    assertEquals(cells.get(0).id(), reordered.cells().get(0).id());
    Grid other = grid(dir, "{" + BASE + "\"activations\": \"relu\", \"seeds\": [1], "
        + "\"training\": {\"iterations\": 5, \"batch\": 32}, \"evaluation\": {\"corruptions\": [\"fog\", "
        + "\"snow\"], \"severities\": [1, 5]}}");
    assertNotEquals(hash, other.cells().get(0).optionsHash());
  }

  @Test
  void badGridsGiveOneLineNamingTheField(@TempDir Path dir) {
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"], \"seeds\": [1], \"lr\": 0.1}")
        .contains("field 'lr': unknown field"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"], \"seeds\": [1], \"training\": {\"epoch\": 1}}")
        .contains("field 'training.epoch': unknown field"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"la_silu(alpha=\"], \"seeds\": [1]}")
        .contains("field 'activations': "));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"nosuch\"], \"seeds\": [1]}")
        .contains("field 'activations': "));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [], \"seeds\": [1]}")
        .contains("field 'activations': empty list"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"], \"seeds\": [1, -2]}")
        .contains("field 'seeds': seeds are integers >= 0, got -2"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"], \"seeds\": \"3-1\"}")
        .contains("field 'seeds': expected a list of seeds or a range"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"]}").contains("field 'seeds': missing"));
    assertTrue(error(dir, "{" + BASE + "\"activations\": [\"relu\"], \"seeds\": [1], \"resources\": {\"threads\": 0}}")
        .contains("field 'resources.threads': expected an integer >= 1"));
    assertTrue(error(dir, "{\"datasets\": ").contains("not valid JSON"));
  }
}
