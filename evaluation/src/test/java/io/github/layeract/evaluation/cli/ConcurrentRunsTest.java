package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.run.RunLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one run or output directory: the second is refused, a dead holder's lock is taken over. */
class ConcurrentRunsTest {

  @TempDir
  Path tmp;

  private Process holder;

  @AfterEach
  void stopHolder() throws Exception {
    if (holder != null) {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSecondTrainOnALockedRunDirectoryIsRefusedNamingTheHolder() throws Exception {
    Path run = tmp.resolve("run");
    hold(run);
    CliRun r = CliRun.run("train", "--model", "mlp", "--hidden-width", "8", "--iterations", "2", "--out",
        run.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(run + " is in use by process " + holder.pid()), r.err());
    assertFalse(Files.exists(run.resolve("config.json")), "the refused run wrote nothing");
  }

  @Test
  void aSecondCorruptDatasetOnALockedOutputDirectoryIsRefused() throws Exception {
    Path out = tmp.resolve("c");
    hold(out);
    CliRun r = CliRun.run("corrupt", "--dataset", "fashion-mnist-sample", "--images", "10", "--out", out.toString(), "--corruptions", "gaussian_noise");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains(out + " is in use by process " + holder.pid()), r.err());
    try (var files = Files.list(out)) {
      assertEquals(1, files.count(), "only the lock file");
    }
  }

  @Test
  void theLockOfAKilledProcessIsTakenOver() throws Exception {
    Path run = tmp.resolve("run");
    hold(run);
    assertThrows(UserException.class, () -> RunLock.acquire(run).close());
    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // kill -9: no chance to clean up
    assertEquals(Long.toString(holder.pid()), Files.readString(run.resolve(RunLock.FILE)).strip(), "stale pid left");
    try (RunLock lock = RunLock.acquire(run)) {
      assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(run.resolve(RunLock.FILE)).strip());
    }
  }

  @Test
  void inOneJvmTheSecondCommandIsRefusedUntilTheFirstReleases() {
    Path run = tmp.resolve("run");
    try (RunLock first = RunLock.acquire(run)) {
      UserException e = assertThrows(UserException.class, () -> RunLock.acquire(run));
      assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
    }
    RunLock.acquire(run).close();
  }

  /** Starts another JVM that locks {@code dir} and holds it until killed; returns once it holds the lock. */
  private void hold(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
        dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var in = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("locked", in.readLine(), "the holder process did not take the lock");
  }

  /** The other process: locks its argument, says so, and waits until it is killed. */
  static final class Holder {
    public static void main(String[] args) throws Exception {
      RunLock.acquire(Path.of(args[0]));
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
