package io.github.layeract.sweep;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.tf.Activations;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code layeract sweep run|status|report}: grids of runs on Apache Spark. Exit codes as the CLI's: 0 success,
 * 1 a user error or a failed cell, 2 bad options, 3 an internal error (a cell that kept crashing).
 */
@Command(name = "layeract sweep", mixinStandardHelpOptions = true,
    description = "Grids of runs (datasets x models x activations x seeds) on Apache Spark.",
    subcommands = {SweepMain.Run.class, SweepMain.StatusCommand.class, SweepMain.Report.class})
public final class SweepMain implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run, status or report");
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new SweepMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      String name = "layeract sweep " + cmd.getCommandName();
      if (e instanceof UserException || e instanceof DatasetException || e instanceof IllegalArgumentException) {
        cmd.getErr().println(name + ": error: " + e.getMessage());
        return 1;
      }
      cmd.getErr().println(name + ": internal error: " + e);
      return 3;
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  @Command(name = "run", description = "Run the grid's unfinished cells; finished ones are skipped.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "GRID", description = "Grid file (JSON).")
    Path gridFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Sweep directory.")
    Path out;

    @Option(names = "--master", description = "Spark master: local[N] (default: cores / threads per run), "
        + "spark://HOST:PORT, yarn, k8s://...; under spark-submit its --master.")
    String master;

    @Option(names = "--dry-run", description = "Print the plan (cells and states) and run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
      Grid grid = Grid.read(gridFile);
      if (dryRun) {
        for (Cell c : grid.cells()) {
          System.out.println(c.id() + "  " + CellDirectory.of(out, c).state().name().toLowerCase(java.util.Locale.ROOT));
        }
        return 0;
      }
      List<CellTask.Outcome> outcomes = Sweep.run(grid, out, master, System.out);
      List<CellTask.Outcome> failed = outcomes.stream().filter(o -> o.status().equals("failed")).toList();
      failed.forEach(o -> System.err.println("layeract sweep run: cell " + o.id() + " failed: " + o.message()));
      return failed.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "status", description = "A table of the sweep's cells and their states.")
  static final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Sweep directory.")
    Path dir;

    @Override
    public Integer call() {
      System.out.print(Output.table(List.of("cell", "state", "step", "message"), Status.rows(dir)));
      return 0;
    }
  }

  @Command(name = "report", description = "Compare tables per group of cells differing only by activation and seed.")
  static final class Report implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Sweep directory.")
    Path dir;

    @Option(names = "--baseline", paramLabel = "ACT", description = "Baseline activation (default: relu if "
        + "present, else each group's first).")
    String baseline;

    @Override
    public Integer call() {
      String base = baseline == null ? null : Activations.canonical(baseline);
      for (SweepReport.Group g : SweepReport.write(dir, base)) {
        System.out.println(SweepReport.text(g));
      }
      return 0;
    }
  }
}
