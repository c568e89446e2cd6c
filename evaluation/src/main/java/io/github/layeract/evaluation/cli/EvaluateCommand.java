package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.ProgressListener;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.options.CorruptionOptions;
import io.github.layeract.evaluation.cli.options.DataOptions;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.experiment.Evaluation;
import io.github.layeract.evaluation.report.ReportFiles;
import io.github.layeract.evaluation.report.RobustnessReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code layeract evaluate}: clean accuracy and accuracy under the 19 corruptions x severities, aggregated as the
 * paper (per corruption the mean over severities; Noise/Blur/Digital/Weather/Extra; total19; total20 with clean),
 * with mCE and relative mCE against {@code --mce-baseline}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate a run or SavedModel on clean and corrupted test images; writes report.json, "
        + "report.csv, report.md, accuracy_vs_severity.png and corruptions.png."})
final class EvaluateCommand implements Callable<Integer> {

  static final class Source {
    @Option(names = "--run", paramLabel = "RUN_DIR", description = "Trained run directory.")
    Path run;

    @Option(names = {"--saved-model", "--model"}, paramLabel = "SAVEDMODEL_DIR", description = "Exported SavedModel "
        + "(--model is a deprecated alias).")
    Path model;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--dataset", description = "Clean test set (default: the run's dataset), e.g. cifar10; "
      + "published corrupted images come from <dataset>-c.")
  String dataset;

  /** --download also fetches the published corrupted set for --source published or auto. */
  @Mixin
  DataOptions data;

  @Option(names = "--c-data-dir", paramLabel = "DIR", description = "Folder of the published corrupted set "
      + "(CIFAR-10-C layout; for image-folder datasets the ImageNet-C layout <corruption>/<severity>/<class>/*).")
  Path cDataDir;

  @Option(names = "--severities", defaultValue = "1-5", description = "Severities: a range or list, e.g. 1-5 or "
      + "1,3,5 (default: ${DEFAULT-VALUE}).")
  String severities;

  @Option(names = "--source", defaultValue = "auto", description = "published, generated, or auto (published when "
      + "<dataset>-c is found) (default: ${DEFAULT-VALUE}).")
  String sourceKind;

  @Option(names = "--images", description = "Evaluate the corruptions on this many class-balanced test images "
      + "(generated source; default: all).")
  Integer images;

  @Mixin
  CorruptionOptions corrupt;

  @Mixin
  ThreadsOption threads;

  @Option(names = {"--mce-baseline", "--baseline"}, paramLabel = "DIR", description = "Report or run directory of "
      + "the baseline model for mCE and relative mCE (--baseline is a deprecated alias: elsewhere it names the "
      + "baseline activation).")
  Path baseline;

  @Option(names = "--out", paramLabel = "REPORT_DIR", description = "Report directory (default: RUN_DIR/eval).")
  Path out;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    Main.requireAtLeast("--images", images, 1);
    Evaluation.Builder b = source.run != null ? Evaluation.ofRun(source.run) : Evaluation.ofSavedModel(source.model);
    b.dataset(dataset).dataDir(data.dataDir).cDataDir(cDataDir).severities(parseSeverities(severities))
        .source(parseSource(sourceKind)).images(images).corruptions(corrupt.list()).table(corrupt.table())
        .corruptionSeed(corrupt.seed).frostDir(corrupt.frostDir).threads(threads.count()).baseline(baseline).out(out);
    if (data.download) {
      b.download(name -> DatasetsCommand.Download.fetch(name, null));
    }
    Evaluation.Result result = Evaluation.run(b.build(), ProgressListener.BARS);
    RobustnessReport r = result.report();
    RobustnessReport baseReport = result.baseline();
    if (json.json) {
      System.out.println(Output.json(result.written()));
    } else {
      String totals = r.complete()
          ? String.format(Locale.ROOT, "total19 %.2f%%  total20_with_clean %.2f%%", r.total19(), r.total20WithClean())
          : String.format(Locale.ROOT, "%s %.2f%%", ReportFiles.subsetLabel(r), r.corruptionMean());
      System.out.printf(Locale.ROOT, "clean %.2f%%  %s%s%n", r.clean(), totals, baseReport == null ? ""
          : String.format(Locale.ROOT,
              "  mCE %s  relative mCE %s", Output.f2(r.meanCorruptionError(baseReport)),
              Output.f2(r.relativeMeanCorruptionError(baseReport))));
      System.out.println("wrote " + result.reportDir().resolve("report.md") + " (and report.json, report.csv, PNG plots)");
    }
    return 0;
  }

  private static Evaluation.Source parseSource(String text) {
    try {
      return Evaluation.Source.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserException("unknown --source '" + text + "': published, generated or auto");
    }
  }

  /** Parses {@code 1-5} or {@code 1,3,5} into ascending severities in 1..5. */
  static int[] parseSeverities(String text) {
    try {
      int[] s;
      if (text.matches("\\s*\\d\\s*-\\s*\\d\\s*")) {
        String[] ab = text.split("-");
        s = IntStream.rangeClosed(Integer.parseInt(ab[0].trim()), Integer.parseInt(ab[1].trim())).toArray();
      } else {
        s = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted().distinct()
            .toArray();
      }
      if (s.length == 0 || s[0] < 1 || s[s.length - 1] > 5) {
        throw new NumberFormatException();
      }
      return s;
    } catch (NumberFormatException e) {
      throw new UserException("bad --severities '" + text + "': a range such as 1-5 or a list such as 1,3,5 within "
          + "1..5");
    }
  }
}
