package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.options.DeprecatedAliases;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.MissingDataException;
import io.github.layeract.models.train.CheckpointException;
import io.github.layeract.models.train.NonFiniteLossException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code layeract} command line: {@code layeract <subcommand> [options]}, each subcommand with {@code --help}.
 *
 * <p>Exit codes: 0 success, 1 a user error (one line on stderr; {@code --verbose} adds the stack trace), 2 bad options
 * (usage on stderr), 3 an internal error, 130 interrupted.
 */
@Command(name = "layeract", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "LayerAct for TensorFlow Java: train, evaluate robustness to corruptions, compare, export.",
    subcommands = {ActivationsCommand.class, ModelsCommand.class, DatasetsCommand.class, TrainCommand.class, EvaluateCommand.class, CompareCommand.class,
        CorruptCommand.class, AnalyzeCommand.class, ExportCommand.class, PredictCommand.class, BenchCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Options every subcommand accepts. */
  public static final class Common {
    @Option(names = "--verbose", description = "Show stack traces and debug logs.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;
  }

  @CommandLine.Mixin
  Common common = new Common();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** Runs the CLI and returns its exit code (the launcher's {@code main} exits with it; tests call this). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setExecutionStrategy(parsed -> {
      DeprecatedAliases.warn(parsed, cli.getErr());
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
    if (e instanceof UserException || e instanceof DatasetException || e instanceof IllegalArgumentException
        || e instanceof CheckpointException || e instanceof NonFiniteLossException) {
      err.println("layeract " + cmd.getCommandName() + ": error: " + e.getMessage() + cliHint(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }
    if (e instanceof InterruptedException) {
      err.println("layeract " + cmd.getCommandName() + ": interrupted");
      return 130;
    }
    err.println("layeract " + cmd.getCommandName() + ": internal error: " + e
        + (verbose ? "" : " (run with --verbose for the stack trace)"));
    if (verbose) {
      e.printStackTrace(err);
    }
    return 3;
  }

  /** How a user of the CLI gives what a library error asks for: its flags, which the library does not name. */
  static String cliHint(Exception e) {
    if (e instanceof MissingDataException m) {
      return m.downloadable() ? " (--download fetches it; --data-dir DIR gives the folder)"
          : " (--data-dir DIR gives the folder)";
    }
    return "";
  }

  /** Rejects a count option below {@code min} (picocli only checks that it is a number); null means not given. */
  static void requireAtLeast(String option, Number value, long min) {
    if (value != null && value.longValue() < min) {
      throw new UserException(option + " must be at least " + min + ", got " + value);
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"layeract " + (v == null ? "(development build)" : v)};
    }
  }
}
