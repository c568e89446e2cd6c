package io.github.layeract.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running the CLI for one step of one cell. A process per run because TF fixes its thread pools at the
 * first session of a process, reads TF_XLA_FLAGS once at start, pins GPUs per process, and a native crash must
 * not take the sweep down.
 */
final class ChildProcess {

  /** How long a SIGTERM'd child gets to checkpoint before it is killed. */
  private static final long GRACE_SECONDS = 120;

  private ChildProcess() {}

  /** The child's command line: this JVM's class path, {@link ChildMain}, the CLI arguments. */
  static List<String> command(List<String> args, int threads) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + System.getProperty("layeract.sweep.heap", "2g"),
        // the CLI's "all cores" defaults (corruption pool, TF pools) become the cell's budget
        "-XX:ActiveProcessorCount=" + threads, "-XX:+UseParallelGC", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), ChildMain.class.getName()));
    cmd.addAll(args);
    return cmd;
  }

  /** The child's environment additions: its thread budget and its GPUs (none visible when it has none). */
  static Map<String, String> environment(int threads, List<String> devices) {
    return Map.of("TF_NUM_INTRAOP_THREADS", Integer.toString(threads), "TF_NUM_INTEROP_THREADS", "1",
        "OMP_NUM_THREADS", Integer.toString(threads), "CUDA_VISIBLE_DEVICES", Gpus.visible(devices),
        "TF_CPP_MIN_LOG_LEVEL", System.getenv().getOrDefault("TF_CPP_MIN_LOG_LEVEL", "2"));
  }

  /**
   * Runs the child with its output appended to {@code log} and returns its exit code. Interrupting the calling
   * thread (Spark killing the task) sends the child SIGTERM, so it checkpoints and exits, then rethrows.
   */
  static int run(List<String> args, int threads, List<String> devices, Path log)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(args, threads)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(environment(threads, devices));
    Process p = pb.start();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      if (!p.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      throw e;
    }
  }

  /** The child's one-line error ("layeract train: error: ..."), or its last line. */
  static String lastError(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("layeract ")) {
        return lines.get(i);
      }
    }
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }
}
