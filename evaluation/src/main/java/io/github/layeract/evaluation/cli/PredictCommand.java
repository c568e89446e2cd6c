package io.github.layeract.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.experiment.Prediction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code layeract predict --saved-model SAVEDMODEL_DIR --input IN.npy [--out OUT.npy] [--json]}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Run an exported SavedModel on uint8 images from a .npy file (N x H x W x C, or N x H x W for "
        + "one channel) and write float32 logits N x classes."})
final class PredictCommand implements Callable<Integer> {

  @Option(names = {"--saved-model", "--model"}, required = true, paramLabel = "DIR",
      description = "SavedModel version directory (e.g. runs/demo/export/1) or its base directory (--model is a "
          + "deprecated alias).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "IN.npy", description = "uint8 images.")
  Path input;

  @Option(names = {"--out", "--output"}, paramLabel = "OUT.npy", description = "float32 logits N x classes "
      + "(--output is a deprecated alias).")
  Path output;

  /** Prints {"logits": [[...]], "classes": [...]}. */
  @Mixin
  JsonOption json;

  @Mixin
  ThreadsOption threads;

  @Override
  public Integer call() {
    if (output == null && !json.json) {
      throw new UserException("give --out OUT.npy, --json, or both");
    }
    Prediction.Result r = Prediction.run(model, input, output, threads.count());
    if (json.json) {
      ObjectNode o = Output.object();
      ArrayNode rows = o.putArray("logits");
      for (int i = 0; i < r.images(); i++) {
        ArrayNode row = rows.addArray();
        for (float v : r.row(i)) {
          row.add(v);
        }
      }
      ArrayNode cls = o.putArray("classes");
      Arrays.stream(r.predicted()).forEach(cls::add);
      System.out.println(Output.json(o));
    } else {
      System.out.println("wrote " + output + ": float32 logits (" + r.images() + ", " + r.classes() + ")");
    }
    return 0;
  }
}
