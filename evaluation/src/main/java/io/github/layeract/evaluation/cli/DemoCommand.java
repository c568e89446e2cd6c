package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.DataOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.ProgressListener;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.evaluation.data.TrainingData;
import io.github.layeract.evaluation.experiment.Compare;
import io.github.layeract.evaluation.experiment.Export;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.report.Comparison;
import io.github.layeract.evaluation.report.ReportFiles;
import io.github.layeract.evaluation.report.RobustnessReport;
import io.github.layeract.evaluation.report.Taxonomy;
import io.github.layeract.evaluation.robustness.CorruptionSource;
import io.github.layeract.evaluation.robustness.RobustnessEvaluator;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.RunTrainer;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.tf.Activations;
import io.github.layeract.tf.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code layeract demo [--out DIR] [--full]}: the paper's experiment in miniature on Fashion-MNIST. Trains the same
 * small ResNet with each activation, evaluates clean and corrupted accuracy (19 corruptions x 5 severities,
 * generated in Java, the same corrupted images for every model), prints the comparison, writes the reports and
 * exports the LA-SiLU model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Train a small ResNet with relu, silu, la_silu and la_hard_silu on the bundled Fashion-MNIST "
        + "sample, evaluate clean and 19 corruptions x 5 severities, compare, and export la_silu as a SavedModel.",
        "Output: DIR/runs/<activation>/ (run + eval/), DIR/compare.*, DIR/demo.json, DIR/export/1/."})
final class DemoCommand implements Callable<Integer> {

  static final String MARKER = "demo.json";

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Output directory "
      + "(default: ${DEFAULT-VALUE}); a previous demo there is replaced.")
  Path out;

  @Option(names = "--full", description = "Use the full Fashion-MNIST (60k/10k, Debian package "
      + "dataset-fashion-mnist or --data-dir) with a longer budget: 5 epochs, corruptions on 2,000 test images "
      + "(about 25 minutes on 2 cores).")
  boolean full;

  /** For --full: the full Fashion-MNIST (default: /usr/share/datasets/fashion-mnist or the download cache). */
  @Mixin
  DataOptions data;

  @Option(names = "--activations", split = ",", paramLabel = "A,B,...",
      defaultValue = "relu,silu,la_silu,la_hard_silu", description = "Activations (default: ${DEFAULT-VALUE}).")
  List<String> activations;

  @Option(names = "--model", defaultValue = "resnet8", description = "Model (default: ${DEFAULT-VALUE}, the CIFAR "
      + "ResNet with one block per stage).")
  String model;

  @Option(names = "--epochs", description = "Training epochs (default: 3, --full: 5).")
  Integer epochs;

  @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--eval-images", description = "Test images per corrupted set, class-balanced (default: 500, "
      + "--full: 2000); clean accuracy uses the whole test set.")
  Integer evalImages;

  @Option(names = "--seed", defaultValue = "11", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    List<String> acts = activations.stream().map(Activations::canonical).toList();
    if (!acts.contains("la_silu")) {
      throw new UserException("--activations must include la_silu (the demo exports it)");
    }
    prepare(out);
    String dataset = full ? "fashion-mnist" : Datasets.SAMPLE;
    if ((data.dataDir != null || data.download) && !full) {
      throw new UserException("--data-dir and --download are for --full (the sample is bundled)");
    }
    if (data.download && data.dataDir == null) {
      DatasetsCommand.Download.fetch(dataset, null);
    }
    ImageSet train = Datasets.load(dataset, Split.TRAIN, data.dataDir);
    ImageSet test = Datasets.load(dataset, Split.TEST, data.dataDir);
    String m = model;
    int ep = epochs != null ? epochs : full ? 5 : 3;
    int perClass = (evalImages != null ? evalImages : full ? 2000 : 500) / test.classes();
    ImageSet corruptBase = Splits.firstPerClass(test, Math.max(1, perClass));
    Normalization norm = Datasets.info(dataset).normalization();
    long trainCount = train.count() - Math.round(train.count() * 0.1);
    long steps = ep * ((trainCount + batch - 1) / batch);
    System.out.printf("LayerAct demo: %s on %s (%d train, %d test; corruptions on %d class-balanced test images), "
        + "%d epochs = %d steps per activation%n", m, dataset, train.count(), test.count(), corruptBase.count(), ep,
        steps);
    CorruptionSource sets = CorruptionSource.generated(corruptBase, Preset.CIFAR, seed, null, true,
        Runtime.getRuntime().availableProcessors());
    int[] severities = {1, 2, 3, 4, 5};
    List<Path> runDirs = new ArrayList<>();
    List<String> timing = new ArrayList<>();
    for (String a : acts) {
      Path runDir = out.resolve("runs").resolve(a.replaceAll("[^A-Za-z0-9_.-]", "_"));
      RunConfig cfg = new RunConfig(m, a, dataset, train.classes(), new InputShape(train.height(), train.width(), train.channels()), norm.mean(),
          norm.std(), "none", steps, batch, 0.1, "cosine", 0, 1e-4, 0.9, 0.1, seed, ModelConfig.DEFAULT_HIDDEN_WIDTH,
          null);
      long ts = System.nanoTime();
      RunTrainer.Outcome o = RunTrainer.train(cfg, new TrainingData.InMemory(train), runDir, false, "train " + a);
      if (o.stopped()) {
        throw new UserException("demo interrupted during " + a + " training; rerun `layeract demo` to start over");
      }
      double trainSec = (System.nanoTime() - ts) / 1e9;
      long te = System.nanoTime();
      RobustnessReport r;
      try (InferenceModel inf = Runs.open(runDir)) {
        r = RobustnessEvaluator.evaluate(inf, TestImages.of(test), Taxonomy.all(), severities, sets,
            ProgressListener.BARS, "evaluate " + a);
      }
      ObjectNode meta = Output.object().put("model", m).put("activation", a).put("dataset", dataset)
          .put("seed", seed).put("run", runDir.toString()).put("images", corruptBase.count())
          .put("clean_images", test.count()).put("source", "generated");
      meta.putArray("notes").add(sets.description());
      ReportFiles.write(runDir.resolve("eval"), r, meta, null);
      double evalSec = (System.nanoTime() - te) / 1e9;
      timing.add(String.format(java.util.Locale.ROOT, "%s: train %.0fs (%.0f img/s, val %.2f%%), evaluate %.0fs", a,
          trainSec, o.imagesPerSecond(), o.valAccuracy(), evalSec));
      runDirs.add(runDir);
    }
    Comparison c = Compare.run(runDirs, null, out);
    Path export = out.resolve("export");
    ImageSet check = Splits.firstPerClass(test, 2);
    double diff = Export.run(out.resolve("runs").resolve("la_silu"), export, 1, check.pixels(), check.count())
        .maxLogitDifference();
    double total = (System.nanoTime() - t0) / 1e9;
    ObjectNode demo = c.toJson().put("model", m).put("dataset", dataset).put("epochs", ep).put("steps", steps)
        .put("corrupted_images", corruptBase.count()).put("clean_images", test.count()).put("seconds", total)
        .put("export", export.resolve("1").toString());
    timing.forEach(demo.putArray("timing")::add);
    Output.writeJson(out.resolve(MARKER), demo);
    System.out.println();
    System.out.println("Top-1 accuracy (%) on " + dataset + ": clean on " + test.count() + " test images; corruptions "
        + "(19 x severities 1-5, generated in Java, procedural frost) on " + corruptBase.count() + " of them");
    List<List<String>> rows = c.summaryRows().stream().map(r -> {
      List<String> x = new ArrayList<>(r);
      x.remove(1);
      return x;
    }).toList();
    List<String> header = new ArrayList<>(c.summaryHeader());
    header.remove(1);
    System.out.print(Output.table(header, rows));
    System.out.println();
    timing.forEach(System.out::println);
    System.out.printf("exported la_silu to %s (reload check: max |logit difference| %.1g)%n", export.resolve("1"), diff);
    System.out.printf("reports: %s/compare.md, %s/runs/<activation>/eval/report.md; total %.0f s%n", out, out, total);
    return 0;
  }

  /**
   * Makes {@code dir} ready: new, empty, or a previous demo's output (recognised by its {@value #MARKER}, written
   * when a demo starts), whose runs and export are removed. Any other non-empty directory is refused.
   */
  private static void prepare(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.isRegularFile(dir.resolve(MARKER))) {
        throw new UserException(dir + " exists and is not a previous demo's output; choose another --out");
      }
      for (String name : List.of("runs", "export")) {
        FileTrees.delete(dir.resolve(name));
      }
    }
    Files.createDirectories(dir);
    Output.writeJson(dir.resolve(MARKER), Output.object().put("status", "running"));
  }
}
