package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} in another JVM, stopped by SIGTERM or killed with SIGKILL while it trains: SIGTERM exits 130 with a
 * resumable run, and after either, {@code train --resume} ends with the same final checkpoint (byte for byte) and the
 * same metrics rows as a run that was never interrupted.
 */
class KilledTrainingTest {

  private static final String STEPS = "1200";   // 2,500 training images, batch 5: checkpoints at 500, 1000, 1200
  private static final List<String> ARGS = List.of("train", "--model", "mlp", "--hidden-width", "8", "--batch", "5",
      "--val-fraction", "0.75", "--iterations", STEPS);

  @TempDir
  static Path tmp;

  private static Path straight;

  @BeforeAll
  static void trainUninterrupted() throws Exception {
    straight = tmp.resolve("straight");
    assertEquals(0, cli(straight, false).waitFor(), Files.readString(err(straight)));
  }

  @Test
  void sigtermBetweenStepsExits130AndTheResumedRunIsTheUninterruptedOne() throws Exception {
    Path run = tmp.resolve("sigterm");
    Process p = cli(run, false);
    awaitFile(p, run.resolve("metrics.csv"));
    p.destroy();   // SIGTERM
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String err = Files.readString(err(run));
    assertEquals(130, p.exitValue(), err);
    assertTrue(err.contains("continue with --resume"), err);
    resumeAndCompare(run);
  }

  @Test
  void sigkillBetweenStepsResumesToTheUninterruptedRun() throws Exception {
    Path run = tmp.resolve("sigkill");
    Process p = cli(run, false);
    awaitFile(p, run.resolve("metrics.csv"));
    p.destroyForcibly().waitFor();
    resumeAndCompare(run);
  }

  private static void resumeAndCompare(Path run) throws Exception {
    Process p = cli(run, true);
    assertEquals(0, p.waitFor(), Files.readString(err(run)));
    Path last = Path.of("checkpoints", "ckpt-" + STEPS, "model.data-00000-of-00001");
    assertArrayEquals(Files.readAllBytes(straight.resolve(last)), Files.readAllBytes(run.resolve(last)),
        "final variables bit-identical to the uninterrupted run");
    assertEquals(metricsRows(straight), metricsRows(run), "metrics.csv rows (timing columns aside)");
  }

  /** metrics.csv without its timing columns (images_per_s, seconds). */
  private static List<String> metricsRows(Path run) throws Exception {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("metrics.csv"))) {
      String[] f = line.split(",");
      rows.add(String.join(",", Arrays.copyOf(f, f.length - 2)));
    }
    return rows;
  }

  /** Waits until {@code file} exists, failing if the process ends first. */
  private static void awaitFile(Process p, Path file) throws Exception {
    while (!Files.exists(file)) {
      assertTrue(p.isAlive(), "train ended before " + file + " was written");
      Thread.sleep(5);
    }
  }

  /** Starts the CLI's train (or train --resume) on {@code run} in a new JVM; stderr goes to {@link #err}. */
  private static Process cli(Path run, boolean resume) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(resume ? List.of("train", "--resume") : ARGS);
    command.addAll(List.of("--out", run.toString()));
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err(run).toFile()).start();
  }

  private static Path err(Path run) {
    return run.resolveSibling(run.getFileName() + ".err");
  }
}
