package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.experiment.Export;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layeract export --run RUN_DIR --out BASE_DIR [--model-version N]}. */
@Command(name = "export",
    description = {"Export a trained run as a TF Serving SavedModel in BASE_DIR/N/: signature serving_default "
        + "(tensorflow/serving/predict), input images (uint8 N x H x W x C, preprocessing inside), outputs logits, "
        + "probabilities, classes. The export is reloaded and checked before it is moved into place."})
final class ExportCommand implements Callable<Integer> {

  // no mixinStandardHelpOptions: its -V/--version would clash with the deprecated --version alias
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "Trained run directory.")
  Path run;

  @Option(names = "--out", required = true, paramLabel = "BASE_DIR", description = "Model base directory.")
  Path out;

  @Option(names = {"--model-version", "--version"}, paramLabel = "N", defaultValue = "1", description = "Model "
      + "version: the numbered sub-directory TF Serving loads (default: ${DEFAULT-VALUE}; --version is a deprecated "
      + "alias).")
  long version;

  @Override
  public Integer call() {
    Export.Result r = Export.run(run, out, version);
    System.out.printf("exported %s (%s, %s) to %s; reloaded: max |logit difference| %.1g on %d images%n", run,
        r.config().model(), r.config().activation(), r.dir(), r.maxLogitDifference(), r.checkImages());
    return 0;
  }
}
