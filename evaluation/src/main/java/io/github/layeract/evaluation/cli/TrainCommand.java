package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.DataOptions;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TrainingData;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.RunLock;
import io.github.layeract.evaluation.run.RunTrainer;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.tf.Activations;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code layeract train}: trains one model into a run directory (config.json, metrics.csv, checkpoints).
 *
 * <p>Presets (explicit options override them):
 *
 * <pre>
 *   paper-cifar     resnet20, batch 128, 64,000 iterations, lr 0.1 x0.1 at 32k and 48k, pad-4 crop + flip
 *   paper-imagenet  batch 256, 600,000 iterations, lr 0.1 x0.1 at 180k/360k/540k, LayerAct alpha 0.1
 *   paper-mnist     mlp, batch 128 (not stated in the paper), 80 epochs, lr 0.01 x0.1 at epochs 40 and 60
 * </pre>
 *
 * <p>All use SGD momentum 0.9, weight decay 1e-4 and a 10% stratified validation split.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model: writes RUN_DIR/config.json, metrics.csv (per epoch) and checkpoints/. Ctrl-C "
        + "stops after the current step with a checkpoint; --resume continues."})
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--model", description = "Model name (see `layeract models`; default resnet20, mlp for "
      + "paper-mnist).")
  String model;

  @Option(names = "--activation", description = "Activation spec, e.g. la_silu or la_silu(alpha=0.1) "
      + "(default relu).")
  String activation;

  @Option(names = "--dataset", description = "Dataset name (see `layeract datasets`; default "
      + "fashion-mnist-sample).")
  String dataset;

  @Mixin
  DataOptions data;

  static final class Length {
    @Option(names = "--epochs", description = "Training epochs.")
    Long epochs;

    @Option(names = "--iterations", description = "Training iterations (steps).")
    Long iterations;
  }

  @ArgGroup(exclusive = true)
  Length length = new Length();

  @Option(names = "--batch", description = "Batch size (default 128).")
  Integer batch;

  @Option(names = "--lr", description = "Initial learning rate (default 0.1).")
  Double lr;

  @Option(names = "--schedule", description = "constant, cosine, or multistep:M1,M2,... (x0.1 at those "
      + "iterations) (default cosine).")
  String schedule;

  @Option(names = "--warmup", description = "Linear warm-up iterations (default 0).")
  Long warmup;

  @Option(names = "--augment", description = "none or pad_crop_flip (4-pixel pad, random crop, flip) (default none, "
      + "pad_crop_flip for paper-cifar); image folders: random_resized_crop_flip (default) or none (resize and "
      + "center crop).")
  String augment;

  @Option(names = {"--input-shape", "--input"}, paramLabel = "HxWxC", description = "Image-folder datasets "
      + "(imagenet, image-folder; --input is a deprecated alias), "
      + "streamed from their files: the square size images are cropped to (default 224x224x3 for imagenet, the first "
      + "training image's size for image-folder).")
  String input;

  @Option(names = "--weight-decay", description = "Weight decay (default 1e-4).")
  Double weightDecay;

  @Option(names = "--momentum", description = "SGD momentum (default 0.9).")
  Double momentum;

  @Option(names = "--val-fraction", description = "Stratified validation fraction (default 0.1).")
  Double valFraction;

  @Option(names = "--hidden-width", description = "Hidden width of mlp (default 256).")
  Integer hiddenWidth;

  @Option(names = "--preset", description = "paper-cifar, paper-imagenet or paper-mnist.")
  String preset;

  @Option(names = "--seed", defaultValue = "11", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory.")
  Path out;

  @Option(names = "--resume", description = "Continue the run in RUN_DIR from its latest checkpoint (its "
      + "config.json is used; other options are ignored).")
  boolean resume;

  @Override
  public Integer call() {
    if (data.download && data.dataDir == null) {
      DatasetsCommand.Download.fetch(resume ? RunConfig.read(out).dataset() : dataset(), null);
    }
    RunConfig config = resume ? RunConfig.read(out) : configure();
    try (RunLock lock = RunLock.acquire(out)) {
      return train(config);
    }
  }

  private int train(RunConfig config) {
    TrainingData train = ImageFiles.streamed(config.dataset())
        ? new TrainingData.Files(Datasets.listFiles(config.dataset(), Split.TRAIN, data.dataDir))
        : new TrainingData.InMemory(Datasets.load(config.dataset(), Split.TRAIN, data.dataDir));
    System.out.printf(Locale.ROOT, "%s %s with %s on %s: %d steps of %d%n", resume ? "resuming" : "training",
        config.model(), config.activation(), config.dataset(), config.steps(), config.batch());
    RunTrainer.Outcome o = RunTrainer.train(config, train, out, resume, "train " + config.activation());
    System.out.printf(Locale.ROOT, "%s after %d steps: validation accuracy %.2f%%, %.0f images/s; run in %s%n",
        o.stopped() ? "stopped" : "done", o.steps(), o.valAccuracy(), o.imagesPerSecond(), out);
    return o.stopped() ? 130 : 0;
  }

  private String dataset() {
    String p = preset == null ? "" : preset.toLowerCase(Locale.ROOT);
    return dataset != null ? dataset : p.equals("paper-cifar") ? "cifar10" : p.equals("paper-imagenet")
        ? "imagenet" : Datasets.SAMPLE;
  }

  private RunConfig configure() {
    String p = preset == null ? "" : preset.toLowerCase(Locale.ROOT);
    if (!p.isEmpty() && !p.equals("paper-cifar") && !p.equals("paper-imagenet") && !p.equals("paper-mnist")) {
      throw new UserException("unknown preset '" + preset + "': paper-cifar, paper-imagenet or paper-mnist");
    }
    Main.requireAtLeast("--batch", batch, 1);
    Main.requireAtLeast("--warmup", warmup, 0);
    Main.requireAtLeast("--epochs", length.epochs, 1);
    Main.requireAtLeast("--iterations", length.iterations, 1);
    String d = dataset();
    DatasetInfo info = Datasets.describe(d, data.dataDir);
    if (info.corrupted()) {
      throw new UserException("dataset " + d + " is a corruption benchmark (test only); train on its clean dataset");
    }
    String m = model != null ? model : p.equals("paper-mnist") ? "mlp" : p.equals("paper-imagenet") ? "resnet50"
        : "resnet20";
    String act = activation != null ? activation : "relu";
    if (p.equals("paper-imagenet") && act.toLowerCase(Locale.ROOT).startsWith("la_") && !act.contains("(")) {
      act = act + "(alpha=0.1)";
    }
    act = Activations.canonical(act);
    int b = batch != null ? batch : p.equals("paper-imagenet") ? 256 : 128;
    double vf = valFraction != null ? valFraction : 0.1;
    long trainImages = info.trainSize() - Math.round(info.trainSize() * vf);
    long stepsPerEpoch = Math.max(1, (trainImages + b - 1) / b);
    long steps;
    String sched;
    double rate;
    switch (p) {
      case "paper-cifar" -> {
        steps = 64_000;
        sched = "multistep:32000,48000";
        rate = 0.1;
      }
      case "paper-imagenet" -> {
        steps = 600_000;
        sched = "multistep:180000,360000,540000";
        rate = 0.1;
      }
      case "paper-mnist" -> {
        steps = 80 * stepsPerEpoch;
        sched = "multistep:" + 40 * stepsPerEpoch + "," + 60 * stepsPerEpoch;
        rate = 0.01;
      }
      default -> {
        steps = 10 * stepsPerEpoch;
        sched = "cosine";
        rate = 0.1;
      }
    }
    if (length.epochs != null) {
      steps = length.epochs * stepsPerEpoch;
    } else if (length.iterations != null) {
      steps = length.iterations;
    }
    if (steps < 1) {
      throw new UserException("the run needs at least one step");
    }
    boolean files = ImageFiles.streamed(d);
    // streamed folders are not loaded to measure their statistics: they use ImageNet's (recorded in config.json)
    Normalization norm = info.normalization() != null ? info.normalization()
        : files ? Normalization.IMAGENET : Normalization.compute(Datasets.load(d, Split.TRAIN, data.dataDir));
    String aug = augment != null ? augment : p.equals("paper-cifar") ? "pad_crop_flip"
        : files ? "random_resized_crop_flip" : "none";
    InputShape shape = new InputShape(info.height(), info.width(), info.channels());
    if (input != null) {
      if (!files) {
        throw new UserException("--input-shape is for image-folder datasets; " + d + " images are " + shape);
      }
      shape = InputShape.parse(input);
    }
    if (files && shape.channels() != 3) {
      throw new UserException("image folders are read as RGB: give --input-shape SxSx3");
    }
    int classes = info.classes();
    RunConfig config = new RunConfig(m, act, d, classes, shape,
        norm.mean(), norm.std(), aug, steps, b, lr != null ? lr : rate, schedule != null ? schedule : sched,
        warmup != null ? warmup : 0, weightDecay != null ? weightDecay : 1e-4, momentum != null ? momentum : 0.9, vf,
        seed, hiddenWidth != null ? hiddenWidth : ModelConfig.DEFAULT_HIDDEN_WIDTH, p.isEmpty() ? null : p);
    Models.create(config.model(), config.modelConfig());   // fails on a bad name before anything is written
    RunTrainer.augmentation(config, files);                // and on an augmentation that does not fit the data
    return config;
  }
}
