package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} into a 1 MB tmpfs: two checkpoints of the 64-wide mlp (about 400 kB each) fit, the third does not.
 * The run fails with one line naming the checkpoint, metrics.csv keeps only the checkpointed epochs, the previous
 * checkpoint loads, and once there is room {@code train --resume} ends as an uninterrupted run does. Skipped where
 * the test may not mount a tmpfs.
 */
class DiskFullTest {

  private static final List<String> ARGS = List.of("train", "--model", "mlp", "--hidden-width", "64", "--batch",
      "50", "--val-fraction", "0.9", "--iterations", "60");   // 1,000 training images: epochs end at 20, 40, 60

  @TempDir
  Path tmp;

  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void aFullDiskFailsTheCheckpointWithOneLineAndTheRunResumesOnceThereIsRoom() throws Exception {
    Path straight = tmp.resolve("straight");
    assertEquals(0, train(straight, false).code());
    mount = tmp.resolve("small");
    Files.createDirectories(mount);
    if (!run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())) {
      mount = null;
      Assumptions.abort("cannot mount a small tmpfs here (mount -t tmpfs needs root or CAP_SYS_ADMIN)");
    }
    Path run = mount.resolve("run");

    CliRun full = train(run, false);
    assertEquals(1, full.code(), full.err());
    assertFalse(full.err().contains("\tat "), full.err());
    String line = full.err().strip().lines().reduce((a, b) -> b).orElse("");   // after the progress bar
    assertTrue(line.startsWith("layeract train: error: " + run.resolve("checkpoints/ckpt-60")
        + ": cannot write checkpoint: "), line);
    assertTrue(line.contains("No space left on device"), line);
    assertEquals(List.of("step", "20", "40"), column(run, 1), "metrics.csv rows are the checkpointed epochs");
    try (InferenceModel m = Runs.open(run)) {
      assertEquals(10, m.logits(new byte[28 * 28], 1).length, "the previous checkpoint loads");
    }

    assertTrue(run("mount", "-o", "remount,size=8m", mount.toString()), "room again");
    CliRun resumed = train(run, true);
    assertEquals(0, resumed.code(), resumed.err());
    Path last = Path.of("checkpoints", "ckpt-60", "model.data-00000-of-00001");
    assertArrayEquals(Files.readAllBytes(straight.resolve(last)), Files.readAllBytes(run.resolve(last)),
        "the resumed run ends with the uninterrupted run's variables");
    for (int c = 0; c < 6; c++) {   // all but the timing columns
      assertEquals(column(straight, c), column(run, c), "metrics.csv column " + c);
    }
    assertFalse(Files.exists(run.resolve("checkpoints/ckpt-20")), "old checkpoints are pruned as usual");
  }

  private static CliRun train(Path run, boolean resume) {
    List<String> args = new ArrayList<>(resume ? List.of("train", "--resume") : ARGS);
    args.addAll(List.of("--out", run.toString()));
    return CliRun.run(args.toArray(String[]::new));
  }

  private static List<String> column(Path run, int c) throws Exception {
    return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.split(",")[c]).toList();
  }

  /** Runs a command (mount, umount); whether it succeeded. */
  private static boolean run(String... command) throws Exception {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor() == 0;
  }
}
