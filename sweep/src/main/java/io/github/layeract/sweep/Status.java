package io.github.layeract.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code sweep status} shows: every cell of a sweep directory with its state read from its run directory. */
public final class Status {

  static final String PLAN = "grid.json";

  private Status() {}

  /** The plan a sweep directory records, so status and report need no grid file. */
  static ObjectNode planJson(Grid grid) {
    ObjectNode o = Output.object();
    ArrayNode cells = o.putArray("cells");
    for (Cell c : grid.cells()) {
      ObjectNode j = c.toJson();
      j.put("threads", c.threads()).put("gpus", c.gpus());
      cells.add(j);
    }
    return o;
  }

  /** The cells recorded in a sweep directory. */
  public static List<Cell> cells(Path sweepDir) {
    Path file = sweepDir.resolve(PLAN);
    if (!Files.isRegularFile(file)) {
      throw new UserException(sweepDir + ": not a sweep directory (no " + PLAN + "; run `sweep run` first)");
    }
    List<Cell> out = new ArrayList<>();
    for (JsonNode j : Output.readJson(file).get("cells")) {
      out.add(new Cell(j.get("dataset").asText(), j.get("model").asText(), j.get("activation").asText(),
          j.get("seed").asLong(), strings(j.get("train")), strings(j.get("evaluate")), j.get("threads").asInt(),
          j.get("gpus").asInt()));
    }
    return out;
  }

  /** One row per cell: id, state (running while a live sweep holds its lock), last training step, message. */
  public static List<List<String>> rows(Path sweepDir) {
    List<List<String>> rows = new ArrayList<>();
    for (Cell c : cells(sweepDir)) {
      CellDirectory cd = CellDirectory.of(sweepDir, c);
      rows.add(List.of(c.id(), state(cd), lastStep(cd.dir()), message(cd)));
    }
    return rows;
  }

  static String state(CellDirectory cd) {
    CellDirectory.State s = cd.state();
    boolean running = s != CellDirectory.State.DONE && CellLock.isHeld(cd.dir());
    return running ? "running" : s.name().toLowerCase(Locale.ROOT);
  }

  /** The last step metrics.csv records (training writes a row per epoch). */
  static String lastStep(Path dir) {
    Path m = dir.resolve("metrics.csv");
    try {
      if (!Files.isRegularFile(m)) {
        return "";
      }
      List<String> lines = Files.readAllLines(m);
      if (lines.size() < 2) {
        return "";
      }
      List<String> header = List.of(lines.get(0).split(","));
      int col = header.indexOf("step");
      String[] last = lines.get(lines.size() - 1).split(",");
      return col >= 0 && col < last.length ? last[col] : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String message(CellDirectory cd) {
    Path f = cd.dir().resolve(CellDirectory.FAILED);
    try {
      return Files.isRegularFile(f) ? Files.readString(f).trim() : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }
}
