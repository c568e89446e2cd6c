package io.github.layeract.evaluation.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.options.CorruptionOptions;
import io.github.layeract.evaluation.cli.options.DataOptions;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.evaluation.model.Classifier;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.model.SavedModelClassifier;
import io.github.layeract.evaluation.report.ReportFiles;
import io.github.layeract.evaluation.report.RobustnessReport;
import io.github.layeract.evaluation.robustness.CorruptionSource;
import io.github.layeract.evaluation.robustness.RobustnessEvaluator;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.RunLock;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.InputShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    RunConfig config = source.run != null ? RunConfig.read(source.run) : exportConfig(source.model);
    String named = dataset != null ? dataset : config != null ? config.dataset() : null;
    if (named == null) {
      throw new UserException("give --dataset (the SavedModel carries no run configuration)");
    }
    Path reportDir = out != null ? out : source.run != null ? source.run.resolve("eval") : null;
    if (reportDir == null) {
      throw new UserException("give --out REPORT_DIR");
    }
    try (RunLock lock = RunLock.acquire(reportDir)) {
      return evaluate(config, named, reportDir);
    }
  }

  private int evaluate(RunConfig config, String named, Path reportDir) {
    // a corruption benchmark name (cifar10-c) means its clean dataset plus the published files
    String d = named.endsWith("-c") ? named.substring(0, named.length() - 2) : named;
    int[] sev = parseSeverities(severities);
    List<String> names = corrupt.list().stream().map(Corruption::name).toList();
    RobustnessReport baseReport = baseline == null ? null : ReportFiles.read(baseline);
    if (baseReport != null && !Arrays.equals(baseReport.severities(), sev)) {
      throw new UserException("the baseline " + baseline + " was evaluated at severities "
          + Arrays.toString(baseReport.severities()) + "; evaluate at the same --severities for mCE");
    }
    String cName = d.endsWith("-c") ? d : d + "-c";
    boolean registered = Datasets.names().contains(cName);
    if (data.download && data.dataDir == null) {
      DatasetsCommand.Download.fetch(d, null);
    }
    if (data.download && cDataDir == null && registered && !sourceKind.equalsIgnoreCase("generated")) {
      DatasetsCommand.Download.fetch(cName, null);
    }
    String kind = sourceKind.toLowerCase(Locale.ROOT);
    if (kind.equals("auto")) {
      kind = cDataDir != null || registered && canLocate(cName) ? "published" : "generated";
    }
    if (!kind.equals("published") && !kind.equals("generated")) {
      throw new UserException("unknown --source '" + sourceKind + "': published, generated or auto");
    }
    if (kind.equals("published") && cDataDir == null && !registered) {
      throw new UserException("no published corrupted set is registered for " + d + "; give --c-data-dir (a "
          + "CIFAR-10-C style folder, e.g. from `layeract corrupt --dataset " + d + "`, or for image folders an "
          + "ImageNet-C style <corruption>/<severity>/<class>/ folder) or use --source generated");
    }
    RobustnessReport r;
    CorruptionSource sets;
    int cleanImages;
    try (Classifier c = source.run != null ? Runs.open(source.run, threads.count())
        : SavedModelClassifier.load(source.model, threads.count())) {
      int[] s = c.imageShape();
      InputShape shape = new InputShape(s[0], s[1], s[2]);
      TestImages test;
      ImageSet inMemory;
      List<String> classes;
      if (ImageFiles.streamed(d)) {
        // image folders are streamed at the model's input size, not loaded
        ImageFolder.Listing listing = Datasets.listFiles(d, Split.TEST, data.dataDir);
        test = TestImages.files(listing, shape, ImageFiles.evaluation(shape));
        classes = listing.classes();
        inMemory = kind.equals("generated") ? TestImages.collect(test, shape, classes.size()) : null;
      } else {
        inMemory = Datasets.load(d, Split.TEST, data.dataDir);
        if (s[0] != inMemory.height() || s[1] != inMemory.width() || s[2] != inMemory.channels()) {
          throw new UserException("the model takes " + shape + " images but " + d + " has " + inMemory.height()
              + "x" + inMemory.width() + "x" + inMemory.channels());
        }
        test = TestImages.of(inMemory);
        classes = null;
      }
      if (kind.equals("published")) {
        Path dir = cDataDir != null ? cDataDir : Datasets.locate(cName, null);
        sets = classes != null ? CorruptionSource.publishedFolders(dir, classes, shape)
            : CorruptionSource.published(dir, inMemory.classes());
      } else {
        ImageSet corruptBase = images == null ? inMemory
            : Splits.firstPerClass(inMemory, Math.max(1, images / inMemory.classes()));
        Preset p = corrupt.table() != null ? corrupt.table() : Preset.forSize(shape.height(), shape.width());
        sets = CorruptionSource.generated(corruptBase, p, corrupt.seed, corrupt.frostDir, false, threads.count());
      }
      cleanImages = test.count();
      r = RobustnessEvaluator.evaluate(c, test, names, sev, sets, "evaluate");
    }
    ObjectNode meta = Output.object();
    if (config != null) {
      meta.put("model", config.model()).put("activation", config.activation()).put("seed", config.seed());
    }
    meta.put("dataset", d).put("source", kind).put("clean_images", cleanImages)
        .put(source.run != null ? "run" : "savedmodel", (source.run != null ? source.run : source.model).toString());
    meta.putArray("notes").add(sets.description());
    ObjectNode written = ReportFiles.write(reportDir, r, meta, baseReport);
    if (json.json) {
      System.out.println(Output.json(written));
    } else {
      String totals = r.complete()
          ? String.format(Locale.ROOT, "total19 %.2f%%  total20_with_clean %.2f%%", r.total19(), r.total20WithClean())
          : String.format(Locale.ROOT, "%s %.2f%%", ReportFiles.subsetLabel(r), r.corruptionMean());
      System.out.printf(Locale.ROOT, "clean %.2f%%  %s%s%n", r.clean(), totals, baseReport == null ? ""
          : String.format(Locale.ROOT,
              "  mCE %s  relative mCE %s", Output.f2(r.meanCorruptionError(baseReport)),
              Output.f2(r.relativeMeanCorruptionError(baseReport))));
      System.out.println("wrote " + reportDir.resolve("report.md") + " (and report.json, report.csv, PNG plots)");
    }
    return 0;
  }

  private static boolean canLocate(String name) {
    try {
      Datasets.locate(name, null);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The run configuration an export carries in {@code assets.extra/layeract.json}, or null. */
  private static RunConfig exportConfig(Path model) {
    Path version = SavedModelClassifier.versionDir(model);
    Path file = version.resolve(InferenceModel.METADATA);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    return RunConfig.read(version, InferenceModel.METADATA);
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
