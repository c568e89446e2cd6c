package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.benchmarks.ActivationBenchmark;
import io.github.layeract.benchmarks.CorruptionBenchmark;
import io.github.layeract.benchmarks.InferBenchmark;
import io.github.layeract.benchmarks.PipelineBenchmark;
import io.github.layeract.benchmarks.TrainBenchmark;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.TrainingCorruption;
import io.github.layeract.evaluation.Output;
import io.github.layeract.models.InputShape;
import io.github.layeract.tf.Activations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tensorflow.ndarray.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code layeract bench op|infer|train|pipeline|corruptions}: the project's benchmarks behind one command. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints ratios against a baseline measured in the same run.",
    subcommands = {BenchCommand.Op.class, BenchCommand.Infer.class, BenchCommand.Train.class, BenchCommand.Pipeline.class,
        BenchCommand.CorruptionsBench.class})
final class BenchCommand {

  /** Splits a list of activation specs at the commas outside parentheses: {@code la_silu(alpha=0.1, axes=1),relu}. */
  static final String SPEC_LIST = ",(?![^()]*\\))";

  private BenchCommand() {}

  /** {@code bench op}: forward and forward+backward time of the activations alone. */
  @Command(name = "op", mixinStandardHelpOptions = true,
      description = "Activation op time (forward, forward+backward) per shape, with the ratio to silu.")
  static final class Op implements Callable<Integer> {
    private static final ActivationBenchmark.Config DEFAULTS = ActivationBenchmark.Config.defaults();

    @Option(names = "--shapes", split = ",", paramLabel = "NxHxWxC", converter = ShapeConverter.class,
        description = "Input shapes, batch first (default: the ResNet-20 CIFAR shapes at batch 128 and 256x512).")
    List<Shape> shapes = DEFAULTS.shapes();

    @Option(names = "--activations", split = SPEC_LIST, splitSynopsisLabel = ",", paramLabel = "SPEC",
        description = "Activation specs; silu is measured too as the baseline (default: la_silu,la_hard_silu,silu,"
            + "relu).")
    List<String> activations = DEFAULTS.activations();

    @Option(names = {"--steps", "--iterations"}, defaultValue = "10", description = "Steps per timed repetition "
        + "(default: ${DEFAULT-VALUE}; --iterations is a deprecated alias).")
    int iterations;

    @Option(names = "--repetitions", defaultValue = "7", description = "Timed repetitions; the median is reported "
        + "(default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = {"--untimed-steps", "--warmup"}, defaultValue = "3", description = "Untimed steps per activation "
        + "and pass (default: ${DEFAULT-VALUE}; --warmup is a deprecated alias: elsewhere it is the learning-rate "
        + "warm-up).")
    int warmup;

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      List<ActivationBenchmark.Measurement> m = ActivationBenchmark.run(new ActivationBenchmark.Config(shapes,
          activations, iterations, repetitions, warmup, threads.count()));
      if (json.json) {
        var out = Output.JSON.createArrayNode();
        m.forEach(x -> out.addObject().put("activation", x.activation()).put("shape", x.shapeText())
            .put("forward_ms", x.forwardMs()).put("forward_backward_ms", x.forwardBackwardMs())
            .put("forward_ratio", x.forwardRatio()).put("forward_backward_ratio", x.forwardBackwardRatio()));
        System.out.println(Output.json(out));
      } else {
        System.out.println(ActivationsCommand.defaultImplementationLine());
        System.out.println(ActivationBenchmark.table(m));
      }
      return 0;
    }
  }

  /** {@code bench infer}: inference latency and images/s per activation and batch size. */
  @Command(name = "infer", mixinStandardHelpOptions = true,
      description = "Inference latency (p50, p99) and images/s per activation and batch size, interleaved rounds in one "
          + "process, with the ratio of images/s to the first activation.")
  static final class Infer implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "resnet20", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--activations", split = SPEC_LIST, splitSynopsisLabel = ",", defaultValue = "silu,la_silu",
        description = "Activations; the first is the baseline (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = "--batches", split = ",", defaultValue = "1,8,32,128", description = "Batch sizes (default: "
        + "${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--input-shape", paramLabel = "HxWxC", defaultValue = "32x32x3", description = "Input shape "
        + "(default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--calls", defaultValue = "10", description = "Timed calls per activation, batch and round "
        + "(default: ${DEFAULT-VALUE}).")
    int calls;

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      List<String> acts = activations.stream().map(Activations::canonical).toList();
      List<InferBenchmark.Row> rows = InferBenchmark.run(new InferBenchmark.Options(model, acts, batches,
          InputShape.parse(input), 2, rounds, calls, threads.count()));
      if (json.json) {
        System.out.println(Output.json(rows));
        return 0;
      }
      System.out.println(ActivationsCommand.defaultImplementationLine());
      List<List<String>> table = new ArrayList<>();
      for (InferBenchmark.Row r : rows) {
        table.add(List.of(String.valueOf(r.batch()), r.activation(), String.format(Locale.ROOT, "%.2f", r.p50Ms()),
            String.format(Locale.ROOT, "%.2f", r.p99Ms()), String.format(Locale.ROOT, "%.0f", r.imagesPerSecond()),
            String.format(Locale.ROOT, "%.2f", r.ratio())));
      }
      System.out.printf("%s, %s, %d rounds x %d calls%n", model, input, rounds, calls);
      System.out.print(Output.table(List.of("batch", "activation", "p50 ms", "p99 ms", "images/s",
          "ratio to " + acts.get(0)), table));
      return 0;
    }
  }

  /** {@code bench train}: training throughput per activation. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Training throughput (images/s) per activation and its ratio to the first activation.")
  static final class Train implements Callable<Integer> {
    @Option(names = {"--models", "--model"}, split = ",", defaultValue = "resnet20", description = "Models, e.g. "
        + "resnet20,resnet56,resnet110 (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--activations", split = SPEC_LIST, splitSynopsisLabel = ",", defaultValue = "silu,la_silu",
        description = "Activations; the first is the baseline (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = {"--batches", "--batch"}, split = ",", defaultValue = "128", description = "Batch sizes "
        + "(default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = {"--input-shape", "--input"}, paramLabel = "HxWxC", defaultValue = "32x32x3",
        description = "Input shape (default: ${DEFAULT-VALUE}; --input is a deprecated alias).")
    String input;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steps", defaultValue = "5", description = "Steps per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--xla", arity = "0..1", fallbackValue = "full", paramLabel = "off|full|fusible|all",
        description = "XLA auto-clustering: full (alone, the launcher also sets TF_XLA_FLAGS before the JVM starts), "
            + "fusible (element-wise ops only), off, or all three in turn; a setting other than this JVM's runs in a "
            + "child JVM (default: off).")
    String xla = "off";

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      List<String> acts = activations.stream().map(Activations::canonical).toList();
      List<TrainBenchmark.Xla> settings = xlaSettings(xla);
      List<List<TrainBenchmark.Row>> runs = new ArrayList<>();
      List<String> titles = new ArrayList<>();
      var out = Output.JSON.createArrayNode();
      for (String model : models) {
        for (int batch : batches) {
          for (TrainBenchmark.Xla setting : settings) {
            List<TrainBenchmark.Row> rows = TrainBenchmark.run(new TrainBenchmark.Options(model, acts, acts.get(0),
                batch, InputShape.parse(input), 2, rounds, steps, setting, threads.count(), 0));
            runs.add(rows);
            titles.add(String.format("%s, batch %d, %s, XLA %s", model, batch, input,
                setting.name().toLowerCase(Locale.ROOT)));
            for (TrainBenchmark.Row r : rows) {
              out.add(((ObjectNode) Output.JSON.valueToTree(r)).put("model", model).put("batch", batch));
            }
          }
        }
      }
      if (json.json) {
        System.out.println(Output.json(out));
        return 0;
      }
      System.out.println(ActivationsCommand.defaultImplementationLine());
      for (int k = 0; k < runs.size(); k++) {
        List<TrainBenchmark.Row> rows = runs.get(k);
        List<List<String>> table = new ArrayList<>();
        for (TrainBenchmark.Row r : rows) {
          table.add(List.of(r.activation(), String.format(Locale.ROOT, "%.0f", r.imagesPerSecond()),
              String.format(Locale.ROOT, "%.1f", r.msPerStep()), String.format(Locale.ROOT, "%.2f", r.ratio())));
        }
        System.out.println(titles.get(k));
        System.out.print(Output.table(List.of("activation", "images/s", "ms/step", "ratio to " + acts.get(0)),
            table));
      }
      return 0;
    }

    private static List<TrainBenchmark.Xla> xlaSettings(String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      if (t.equals("ALL")) {
        return List.of(TrainBenchmark.Xla.values());
      }
      try {
        return List.of(TrainBenchmark.Xla.valueOf(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--xla: unknown setting '" + text + "'; valid: off, full, fusible, all");
      }
    }
  }

  /** {@code bench pipeline}: the CIFAR training input pipeline alone. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = "Images/s of the CIFAR training pipeline (augmentation included) vs a plain pipeline.")
  static final class Pipeline implements Callable<Integer> {
    @Option(names = {"--steps", "--batches"}, defaultValue = "200", description = "Batches timed (default: "
        + "${DEFAULT-VALUE}; --batches is a deprecated alias: elsewhere it lists batch sizes).")
    int batches;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallel map calls (default: "
        + "${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin
    JsonOption json;

    @Option(names = "--train-corruption", paramLabel = "SPEC", converter = TrainingCorruptionConverter.class,
        description = "Also measure the training-time corruption stage with this rule (repeatable), e.g. "
            + "gaussian_noise:1-3:p=0.5 or noise:1-5:p=0.3, against the in-graph pipeline.")
    List<TrainingCorruption> trainCorruptions = new ArrayList<>();

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
      if (!trainCorruptions.isEmpty()) {
        return stage();
      }
      PipelineBenchmark.Report r = PipelineBenchmark.run(batches, batch, parallelism);
      if (json.json) {
        System.out.println(Output.json(r));
      } else {
        for (PipelineBenchmark.Measurement m : List.of(r.cifarTrain(), r.plain())) {
          System.out.printf(Locale.ROOT, "%-48s %,10.0f images/s%n", m.pipeline(), m.imagesPerSecond());
        }
        System.out.printf(Locale.ROOT, "augmented / plain: %.2f; goal %.0f images/s: %s%n", r.ratioToPlain(),
            r.goalImagesPerSecond(), r.meetsGoal() ? "met" : "not met");
      }
      return 0;
    }

    private int stage() {
      PipelineBenchmark.StageReport r = PipelineBenchmark.runTrainingCorruption(batches, batch, parallelism,
          trainCorruptions, threads.count());
      if (json.json) {
        System.out.println(Output.json(r));
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (PipelineBenchmark.Measurement m : List.of(r.inGraph(), r.roundTrip(), r.corrupted())) {
        rows.add(List.of(m.pipeline(), String.format(Locale.ROOT, "%.0f", m.imagesPerSecond()),
            String.format(Locale.ROOT, "%.2f", m.imagesPerSecond() / r.inGraph().imagesPerSecond())));
      }
      System.out.printf(Locale.ROOT, "batch %d, %d batches, %d stage threads; %.1f%% of the images corrupted%n", batch,
          batches, threads.count(), 100 * r.corruptedPerImage());
      System.out.print(Output.table(List.of("pipeline", "images/s", "ratio to in-graph"), rows));
      return 0;
    }
  }

  /** {@code bench corruptions}: images/s per corruption at CIFAR size. */
  @Command(name = "corruptions", mixinStandardHelpOptions = true,
      description = "Images/s per corruption at 32x32x3 and the projected time to generate CIFAR-10-C.")
  static final class CorruptionsBench implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "100", description = "Images per severity (default: "
        + "${DEFAULT-VALUE}).")
    int images;

    @Mixin
    ThreadsOption threads;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      CorruptionBenchmark.Result r = CorruptionBenchmark.run(Corruptions.all(), images, threads.count());
      System.out.println(json.json ? Output.json(r) : r.format());
      return 0;
    }
  }

  /** {@code 128x32x32x16} as a TF shape. */
  static final class ShapeConverter implements ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
      return ActivationBenchmark.parseShape(value);
    }
  }
}
