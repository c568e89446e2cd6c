package io.github.layeract.evaluation.run;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening trained run directories. */
public final class Runs {

  private Runs() {}

  /** The latest checkpoint of {@code runDir}; a user error when the run has none. */
  public static Checkpoints.Checkpoint latestCheckpoint(Path runDir) {
    if (!Files.isRegularFile(runDir.resolve(RunConfig.FILE))) {
      throw new UserException(runDir + ": not a run directory (no " + RunConfig.FILE + "; train one with "
          + "`layeract train --out " + runDir + "`)");
    }
    return Checkpoints.latest(runDir.resolve("checkpoints")).orElseThrow(() -> new UserException(runDir
        + ": the run has no checkpoint yet (continue it with `layeract train --resume --out " + runDir + "`)"));
  }

  /** The inference graph of the run with its latest checkpoint restored, as trained (LayerAct fused: fastest here). */
  public static InferenceModel open(Path runDir) {
    return open(runDir, 0);
  }

  /** {@link #open(Path)} with {@code threads} in TF's intra-op pool (0: TensorFlow's choice). */
  public static InferenceModel open(Path runDir, int threads) {
    return open(runDir, false, threads);
  }

  /**
   * The inference graph to export: the run's model built from stock ops only ({@link ModelConfig#portable()}), so
   * the SavedModel runs where XLA is off (TF Serving's default), with the latest checkpoint restored.
   */
  public static InferenceModel openForExport(Path runDir) {
    return open(runDir, true, 0);
  }

  private static InferenceModel open(Path runDir, boolean portable, int threads) {
    Checkpoints.Checkpoint ck = latestCheckpoint(runDir);
    RunConfig c = RunConfig.read(runDir);
    ModelConfig config = portable ? c.modelConfig().portable() : c.modelConfig();
    InferenceModel m = InferenceModel.build(Models.create(c.model(), config), c.mean(), c.std(), threads);
    try {
      return m.restore(Path.of(ck.prefix()));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }
}
