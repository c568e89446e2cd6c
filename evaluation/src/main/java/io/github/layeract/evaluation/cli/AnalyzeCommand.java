package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.cli.options.DataOptions;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.experiment.Analysis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layeract analyze RUN_DIR... --out DIR}: mean activation and noise-induced fluctuation per site. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"The paper's activation analysis for trained runs (e.g. an mlp trained with --preset "
        + "paper-mnist, or any ResNet run): per activation site the mean activation on clean test images and the "
        + "fluctuation mean|a(x+e) - a(x)| for Gaussian input noise e ~ N(0, sigma^2) on the [0, 1] pixel scale.",
        "Writes analyze.md, analyze.csv, analyze.json, fluctuation_vs_sigma.png, fluctuation_by_site.png."})
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Trained runs (same model for the per-site plot).")
  List<Path> runs;

  @Option(names = "--dataset", description = "Test images (default: each run's dataset).")
  String dataset;

  @Mixin
  DataOptions data;

  @Option(names = "--images", defaultValue = "500", description = "Class-balanced test images (default: "
      + "${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--sigmas", split = ",", defaultValue = "0.05,0.1,0.2,0.4", description = "Noise standard "
      + "deviations (default: ${DEFAULT-VALUE}).")
  double[] sigmas;

  @Option(names = {"--noise-seed", "--seed"}, defaultValue = "0", description = "Seed of the input noise (default: "
      + "${DEFAULT-VALUE}; --seed is a deprecated alias).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Mixin
  JsonOption json;

  @Mixin
  ThreadsOption threads;

  @Override
  public Integer call() {
    Analysis.Result r = Analysis.run(new Analysis.Request(runs, dataset, data.dataDir,
        data.download ? name -> DatasetsCommand.Download.fetch(name, null) : null, images, sigmas, seed,
        threads.count(), out));
    if (json.json) {
      System.out.println(Output.json(r.json()));
    } else {
      System.out.print(Output.table(r.header(), r.rows()));
      System.out.println("wrote " + out.resolve("analyze.md") + " (and .csv, .json, PNG plots)");
    }
    return 0;
  }
}
