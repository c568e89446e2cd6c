package io.github.layeract.sweep;

import io.github.layeract.datasets.Datasets;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The driver of {@code sweep run}: checks the plan and the data, then runs the unfinished cells as Spark tasks. */
public final class Sweep {

  /** Retries of a crashed or killed cell; each resumes from the cell's checkpoint. */
  static final int MAX_FAILURES = 3;

  static {
    // Spark logs through slf4j-simple (the one provider on the class path), which reads a logger's level when the
    // logger is made: warnings only, set before any Spark class makes one
    for (String prefix : new String[] {"org.apache.spark", "org.sparkproject", "org.apache.hadoop", "io.netty"}) {
      System.setProperty("org.slf4j.simpleLogger.log." + prefix, System.getProperty(
          "org.slf4j.simpleLogger.log." + prefix, "warn"));
    }
  }

  private Sweep() {}

  /** The default master: as many runs at a time as the cores hold at the grid's threads per run. */
  public static String localMaster(int cores, int threadsPerRun) {
    return "local[" + Math.max(1, cores / threadsPerRun) + "," + MAX_FAILURES + "]";
  }

  /**
   * Runs the grid into {@code out} and returns the outcomes of the cells it ran (done cells are not run).
   *
   * @throws UserException if a cell directory holds a different run (nothing is touched then)
   */
  public static List<CellTask.Outcome> run(Grid grid, Path out, String master, PrintStream log)
      throws InterruptedException {
    List<Cell> todo = new ArrayList<>();
    for (Cell c : grid.cells()) {
      CellDirectory cd = CellDirectory.of(out, c);
      CellDirectory.State s = cd.state();
      if (s == CellDirectory.State.MISMATCH) {
        throw cd.mismatch();
      }
      if (s != CellDirectory.State.DONE) {
        todo.add(c);
      }
    }
    Output.writeJson(out.resolve("grid.json"), Status.planJson(grid));
    log.printf(Locale.ROOT, "sweep: %d cells, %d to run%n", grid.cells().size(), todo.size());
    if (todo.isEmpty()) {
      return List.of();
    }
    for (String d : grid.datasets()) {
      // once here rather than in every child: a missing dataset is one error, not a failed task per cell
      if (!d.equals(Datasets.SAMPLE)) {
        Datasets.locate(d, null);
      }
    }
    // load (and on a fresh machine extract) TF's natives once before children start at once
    org.tensorflow.TensorFlow.version();
    SparkConf conf = new SparkConf().setAppName("layeract sweep " + out.getFileName())
        .setIfMissing("spark.master", master != null ? master
            : localMaster(Runtime.getRuntime().availableProcessors(), grid.threads()))
        // two attempts of one cell would write one run directory
        .set("spark.speculation", "false")
        .set("spark.task.maxFailures", Integer.toString(MAX_FAILURES))
        .setIfMissing("spark.ui.enabled", "false");
    Progress progress = new Progress(out, grid.cells(), log);
    progress.start();
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      CellTask task = new CellTask(out);
      return sc.parallelize(todo, todo.size()).map(task::run).collect();
    } finally {
      progress.stop();
    }
  }

}
