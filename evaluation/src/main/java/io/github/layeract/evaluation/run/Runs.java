package io.github.layeract.evaluation.run;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.model.InferenceModel;
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

  /** The inference graph of the run with its latest checkpoint restored. */
  public static InferenceModel open(Path runDir) {
    Checkpoints.Checkpoint ck = latestCheckpoint(runDir);
    RunConfig c = RunConfig.read(runDir);
    InferenceModel m = InferenceModel.build(ModelFactory.create(c.model(), c.modelConfig()), c.mean(), c.std());
    try {
      return m.restore(Path.of(ck.prefix()));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }
}
