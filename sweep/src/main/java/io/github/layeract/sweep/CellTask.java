package io.github.layeract.sweep;

import io.github.layeract.evaluation.Output;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * One Spark task: brings one cell to done in child JVMs (train or resume, then evaluate). A user error (exit 1 or
 * 2) fails the cell for good and is returned; anything else (a crash, a kill) is thrown, so Spark retries the task,
 * which resumes from the checkpoint.
 */
public final class CellTask implements Serializable {

  /** How a cell ended in this task. */
  public record Outcome(String id, String status, String message) implements Serializable {}

  /** A child that crashed or was killed: retried by Spark. */
  static final class ChildCrashed extends RuntimeException {
    ChildCrashed(String message) {
      super(message);
    }
  }

  private static final Gpus LOCAL_GPUS = Gpus.fromEnvironment(System.getenv("CUDA_VISIBLE_DEVICES"));

  private final String sweepDir;

  public CellTask(Path sweepDir) {
    this.sweepDir = sweepDir.toAbsolutePath().toString();
  }

  public Outcome run(Cell cell) throws InterruptedException {
    CellDirectory cd = CellDirectory.of(Path.of(sweepDir), cell);
    CellDirectory.State state = cd.state();
    if (state == CellDirectory.State.DONE) {
      return new Outcome(cell.id(), "done", "");
    }
    if (state == CellDirectory.State.MISMATCH) {
      return new Outcome(cell.id(), "failed", cd.mismatch().getMessage());
    }
    Optional<CellLock> lock = CellLock.tryAcquire(cd.dir());
    if (lock.isEmpty()) {
      return new Outcome(cell.id(), "failed", "locked by another sweep (" + cd.dir().resolve(CellLock.FILE) + ")");
    }
    try (CellLock held = lock.get()) {
      Files.deleteIfExists(cd.dir().resolve(CellDirectory.FAILED));
      if (!Files.exists(cd.dir().resolve(CellDirectory.CELL))) {
        Output.writeJson(cd.dir().resolve(CellDirectory.CELL), cell.toJson());
      }
      List<String> devices = withGpus(cell);
      try {
        if (cd.state() != CellDirectory.State.TRAINED) {
          if (!child(cd, "train", trainArgs(cd), devices)) {
            return failed(cd);
          }
          Files.writeString(cd.dir().resolve(CellDirectory.TRAINED), "");
        }
        List<String> eval = new ArrayList<>(List.of("evaluate", "--run", cd.dir().toString()));
        eval.addAll(cell.evaluateArgs());
        if (!child(cd, "evaluate", eval, devices)) {
          return failed(cd);
        }
      } finally {
        if (TaskContext.get() == null || TaskContext.get().resources().get("gpu").isEmpty()) {
          LOCAL_GPUS.release(devices);
        }
      }
      return new Outcome(cell.id(), "done", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** `train` for a fresh run, `train --resume` from a checkpoint; a run killed before its first checkpoint restarts. */
  private static List<String> trainArgs(CellDirectory cd) throws IOException {
    Path dir = cd.dir();
    if (cd.hasCheckpoint()) {
      return List.of("train", "--resume", "--out", dir.toString());
    }
    clearRun(dir);
    Cell c = cd.cell();
    List<String> args = new ArrayList<>(List.of("train", "--dataset", c.dataset(), "--model", c.model(),
        "--activation", c.activation(), "--seed", Long.toString(c.seed()), "--out", dir.toString()));
    args.addAll(c.trainArgs());
    return args;
  }

  /** Removes what a run killed before its first checkpoint left, keeping the sweep's own files. */
  private static void clearRun(Path dir) throws IOException {
    Set<String> keep = Set.of(CellDirectory.CELL, CellLock.FILE, "train.log", "evaluate.log");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir) && !keep.contains(dir.relativize(p).toString())) {
          Files.delete(p);
        }
      }
    }
  }

  private static List<String> withGpus(Cell cell) throws InterruptedException {
    if (cell.gpus() == 0) {
      return List.of();
    }
    TaskContext tc = TaskContext.get();
    if (tc != null && tc.resources().get("gpu").isDefined()) {
      ResourceInformation gpu = tc.resources().get("gpu").get();
      return List.of(gpu.addresses());
    }
    return LOCAL_GPUS.acquire(cell.gpus());
  }

  /** Runs one child to its end; true on success, false on a user error; throws for a crash or kill. */
  private static boolean child(CellDirectory cd, String step, List<String> args, List<String> devices)
      throws InterruptedException, IOException {
    Path log = cd.dir().resolve(step + ".log");
    int code = ChildProcess.run(args, cd.cell().threads(), devices, log);
    if (code == 0) {
      return true;
    }
    if (code == 1 || code == 2) {
      Files.writeString(cd.dir().resolve(CellDirectory.FAILED), step + ": " + ChildProcess.lastError(log));
      return false;
    }
    throw new ChildCrashed(cd.cell().id() + ": " + step + " exited with " + code + " (see " + log + ")");
  }

  private static Outcome failed(CellDirectory cd) throws IOException {
    return new Outcome(cd.cell().id(), "failed", Files.readString(cd.dir().resolve(CellDirectory.FAILED)).trim());
  }
}
