package io.github.layeract.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything a training run is made of, saved as {@code config.json} in the run directory; evaluation and export
 * rebuild the model and its preprocessing from it.
 *
 * @param model model name (e.g. {@code resnet20}; any CIFAR depth 6n+2 such as {@code resnet8} is accepted)
 * @param activation canonical activation spec
 * @param dataset dataset name
 * @param classes number of classes
 * @param input image shape
 * @param mean per-channel normalisation mean on the [0, 1] scale
 * @param std per-channel normalisation std on the [0, 1] scale
 * @param augmentation {@code none} or {@code pad_crop_flip}; for image-folder datasets {@code random_resized_crop_flip}
 *     or {@code none} (see {@code RunTrainer.augmentation})
 * @param steps total training iterations
 * @param batch batch size
 * @param lr initial learning rate
 * @param schedule {@code constant}, {@code multistep:M1,M2,...} (x0.1 at each iteration milestone) or {@code cosine}
 * @param warmup linear warm-up iterations (0 = none)
 * @param weightDecay L2 weight decay (PyTorch SGD semantics)
 * @param momentum SGD momentum
 * @param validationFraction stratified validation split of the training set
 * @param seed seed of initialisation, split, shuffle and augmentation
 * @param hiddenWidth hidden width of {@code mlp}
 * @param preset the preset the options came from, or {@code null}
 */
public record RunConfig(String model, String activation, String dataset, int classes, InputShape input, float[] mean,
    float[] std, String augmentation, long steps, int batch, double lr, String schedule, long warmup,
    double weightDecay, double momentum, double validationFraction, long seed, int hiddenWidth, String preset) {

  /** The file name inside a run directory. */
  public static final String FILE = "config.json";

  /** The model configuration. */
  public ModelConfig modelConfig() {
    return new ModelConfig(classes, input, activation, hiddenWidth, io.github.layeract.models.Init.HE, seed,
        io.github.layeract.models.Norm.BATCH);
  }

  /** The JSON form. */
  public ObjectNode toJson() {
    ObjectNode o = Output.JSON.valueToTree(this);
    o.putArray("input").add(input.height()).add(input.width()).add(input.channels());
    return o;
  }

  /** Reads {@code runDir/config.json}; a mistyped run directory is reported as such, not as a missing file in it. */
  public static RunConfig read(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      throw new UserException(runDir + ": no such run directory");
    }
    return read(runDir, FILE);
  }

  /** Reads {@code dir/name}, a configuration written by {@link #toJson}. */
  public static RunConfig read(Path dir, String name) {
    Path file = dir.resolve(name);
    ObjectNode o = Output.readJson(file);
    try {
      JsonNode in = o.get("input");
      o.remove("input");
      RunConfig c = Output.JSON.treeToValue(o, RunConfig.class);
      return new RunConfig(c.model, c.activation, c.dataset, c.classes,
          new InputShape(in.get(0).asInt(), in.get(1).asInt(), in.get(2).asInt()), c.mean, c.std, c.augmentation,
          c.steps, c.batch, c.lr, c.schedule, c.warmup, c.weightDecay, c.momentum, c.validationFraction, c.seed,
          c.hiddenWidth, c.preset);
    } catch (Exception e) {
      throw new UserException(file + ": not a layeract run configuration (" + e.getMessage().lines().findFirst()
          .orElse("") + ")");
    }
  }
}
