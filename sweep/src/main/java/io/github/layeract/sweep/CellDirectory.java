package io.github.layeract.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A cell's run directory, whose files are the cell's state: {@code cell.json} (what the cell is), the run's
 * {@code config.json} and {@code checkpoints/}, the sweep's {@code sweep-trained} marker, {@code eval/report.json},
 * and {@code sweep-failed} (the one-line reason of a user error).
 */
public record CellDirectory(Path dir, Cell cell) {

  /** What the directory says the cell needs. */
  public enum State { FRESH, PARTIAL, TRAINED, DONE, FAILED, MISMATCH }

  static final String CELL = "cell.json";
  static final String TRAINED = "sweep-trained";
  static final String FAILED = "sweep-failed";

  public static CellDirectory of(Path sweepDir, Cell cell) {
    return new CellDirectory(sweepDir.resolve("cells").resolve(cell.id()), cell);
  }

  public State state() {
    if (!Files.exists(dir) || isEmpty()) {
      return State.FRESH;
    }
    Path file = dir.resolve(CELL);
    if (!Files.isRegularFile(file)) {
      return State.MISMATCH;
    }
    JsonNode recorded;
    try {
      recorded = Output.readJson(file);
    } catch (UserException e) {
      return State.MISMATCH;
    }
    if (!recorded.equals(asRead(cell.toJson()))) {
      return State.MISMATCH;
    }
    if (Files.isRegularFile(dir.resolve("eval/report.json"))) {
      return State.DONE;
    }
    if (Files.isRegularFile(dir.resolve(FAILED))) {
      return State.FAILED;
    }
    return Files.exists(dir.resolve(TRAINED)) ? State.TRAINED : State.PARTIAL;
  }

  /** {@code json} as it reads back from a file (a long that fits is an int node then). */
  private static JsonNode asRead(JsonNode json) {
    try {
      return Output.JSON.readTree(Output.json(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The refusal for a directory that holds something other than this cell. */
  public UserException mismatch() {
    return new UserException(dir + " holds a different run than cell " + cell.id() + " (its " + CELL
        + " differs or is missing); left untouched: move it away or choose another --out");
  }

  /** Whether the run has a checkpoint to resume from. */
  boolean hasCheckpoint() {
    Path c = dir.resolve("checkpoints");
    if (!Files.isDirectory(c)) {
      return false;
    }
    try (Stream<Path> s = Files.list(c)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("ckpt-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean isEmpty() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
