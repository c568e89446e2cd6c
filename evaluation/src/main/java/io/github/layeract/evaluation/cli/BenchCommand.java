package io.github.layeract.evaluation.cli;

import io.github.layeract.datasets.corruptions.CorruptionBenchmark;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.pipeline.PipelineBenchmark;
import io.github.layeract.evaluation.Output;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.bench.TrainBenchmark;
import io.github.layeract.tf.Activations;
import io.github.layeract.tf.bench.ActivationBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layeract bench op|train|pipeline|corruptions}: the project's benchmarks behind one command. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints ratios against a baseline measured in the same run.",
    subcommands = {BenchCommand.Op.class, BenchCommand.Train.class, BenchCommand.Pipeline.class,
        BenchCommand.CorruptionsBench.class})
final class BenchCommand {

  private BenchCommand() {}

  /** {@code bench op}: forward and forward+backward time of the activations alone. */
  @Command(name = "op", mixinStandardHelpOptions = true,
      description = "Activation op time (forward, forward+backward) per shape, with the ratio to silu.")
  static final class Op implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
      List<ActivationBenchmark.Measurement> m = ActivationBenchmark.run(ActivationBenchmark.Config.defaults());
      if (json) {
        var out = Output.JSON.createArrayNode();
        m.forEach(x -> out.addObject().put("activation", x.activation()).put("shape", x.shapeText())
            .put("forward_ms", x.forwardMs()).put("forward_backward_ms", x.forwardBackwardMs())
            .put("forward_ratio", x.forwardRatio()).put("forward_backward_ratio", x.forwardBackwardRatio()));
        System.out.println(Output.json(out));
      } else {
        System.out.println(ActivationBenchmark.table(m));
      }
      return 0;
    }
  }

  /** {@code bench train}: training throughput per activation. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Training throughput (images/s) per activation and its ratio to the first activation.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "resnet20", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--activations", split = ",", defaultValue = "silu,la_silu",
        description = "Activations; the first is the baseline (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--input", defaultValue = "32x32x3", description = "Input shape (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steps", defaultValue = "5", description = "Steps per round (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--xla", description = "XLA auto-clustering (the launcher sets TF_XLA_FLAGS before the JVM "
        + "starts).")
    boolean xla;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
      List<String> acts = activations.stream().map(Activations::canonical).toList();
      TrainBenchmark.Options o = new TrainBenchmark.Options(model, acts, acts.get(0), batch, InputShape.parse(input),
          2, rounds, steps, xla ? TrainBenchmark.Xla.FULL : TrainBenchmark.Xla.OFF, 0, 0);
      List<TrainBenchmark.Row> rows = TrainBenchmark.run(o);
      if (json) {
        System.out.println(Output.json(rows));
        return 0;
      }
      List<List<String>> table = new ArrayList<>();
      for (TrainBenchmark.Row r : rows) {
        table.add(List.of(r.activation(), String.format(Locale.ROOT, "%.0f", r.imagesPerSecond()),
            String.format(Locale.ROOT, "%.1f", r.msPerStep()), String.format(Locale.ROOT, "%.2f", r.ratio())));
      }
      System.out.printf("%s, batch %d, %s, XLA %s%n", model, batch, input, xla ? "on" : "off");
      System.out.print(Output.table(List.of("activation", "images/s", "ms/step", "ratio to " + acts.get(0)), table));
      return 0;
    }
  }

  /** {@code bench pipeline}: the CIFAR training input pipeline alone. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = "Images/s of the CIFAR training pipeline (augmentation included) vs a plain pipeline.")
  static final class Pipeline implements Callable<Integer> {
    @Option(names = "--batches", defaultValue = "200", description = "Batches (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
      PipelineBenchmark.Report r = PipelineBenchmark.run(batches, 128, 2);
      if (json) {
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
  }

  /** {@code bench corruptions}: images/s per corruption at CIFAR size. */
  @Command(name = "corruptions", mixinStandardHelpOptions = true,
      description = "Images/s per corruption at 32x32x3 and the projected time to generate CIFAR-10-C.")
  static final class CorruptionsBench implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "100", description = "Images per severity (default: "
        + "${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Override
    public Integer call() {
      CorruptionBenchmark.Result r = CorruptionBenchmark.run(Corruptions.all(), images,
          Runtime.getRuntime().availableProcessors());
      System.out.println(json ? Output.json(r) : r.format());
      return 0;
    }
  }
}
