package io.github.layeract.evaluation.experiment;

import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.Runs;
import java.nio.file.Path;
import java.util.Random;

/**
 * Exports a trained run as a TF Serving SavedModel in {@code BASE_DIR/VERSION/}, built from stock ops only and
 * reloaded and checked before it is moved into place ({@link InferenceModel#export}); the run's configuration goes
 * into {@code assets.extra/layeract.json}.
 */
public final class Export {

  /** Images of the reload check when the caller gives none. */
  static final int CHECK_IMAGES = 8;

  private Export() {}

  /**
   * What an export wrote.
   *
   * @param dir the version directory TF Serving loads
   * @param maxLogitDifference largest |logit difference| between the reloaded export and the run's graph
   * @param checkImages images of that check
   */
  public record Result(RunConfig config, Path dir, double maxLogitDifference, int checkImages) {}

  /** Exports {@code run} to {@code base/version/}, checked on random images seeded by the version. */
  public static Result run(Path run, Path base, long version) {
    RunConfig c = RunConfig.read(run);
    byte[] check = new byte[Math.toIntExact(CHECK_IMAGES * c.input().size())];
    new Random(version).nextBytes(check);
    return run(run, base, version, check, CHECK_IMAGES);
  }

  /** Exports {@code run} to {@code base/version/}, checked on the {@code n} uint8 images {@code check}. */
  public static Result run(Path run, Path base, long version, byte[] check, int n) {
    RunConfig c = RunConfig.read(run);
    try (InferenceModel m = Runs.openForExport(run)) {
      double diff = m.export(base, version, check, n, Output.json(c.toJson()));
      return new Result(c, base.resolve(Long.toString(version)), diff, n);
    }
  }
}
