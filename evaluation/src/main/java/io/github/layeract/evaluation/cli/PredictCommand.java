package io.github.layeract.evaluation.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.model.SavedModelClassifier;
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
    Npy.Uint8Array in = Npy.readUint8(input);
    try (SavedModelClassifier c = SavedModelClassifier.load(model, threads.count())) {
      int[] shape = c.imageShape();
      long[] s = in.shape();
      boolean ok = (s.length == 4 && s[1] == shape[0] && s[2] == shape[1] && s[3] == shape[2])
          || (s.length == 3 && shape[2] == 1 && s[1] == shape[0] && s[2] == shape[1]);
      if (!ok) {
        throw new UserException(input + ": shape " + Npy.shapeString(s) + " does not match the model's images (N, "
            + shape[0] + ", " + shape[1] + ", " + shape[2] + ")" + (shape[2] == 1 ? " or (N, " + shape[0] + ", "
            + shape[1] + ")" : ""));
      }
      int n = (int) s[0];
      float[] logits = c.logits(in.data(), n);
      int[] classes = c.predict(in.data(), n);
      if (output != null) {
        Npy.writeFloat32(output, logits, n, c.classes());
      }
      if (json.json) {
        ObjectNode o = Output.object();
        ArrayNode rows = o.putArray("logits");
        for (int i = 0; i < n; i++) {
          ArrayNode row = rows.addArray();
          for (int j = 0; j < c.classes(); j++) {
            row.add(logits[i * c.classes() + j]);
          }
        }
        ArrayNode cls = o.putArray("classes");
        Arrays.stream(classes).forEach(cls::add);
        System.out.println(Output.json(o));
      } else {
        System.out.println("wrote " + output + ": float32 logits (" + n + ", " + c.classes() + ")");
      }
    }
    return 0;
  }
}
