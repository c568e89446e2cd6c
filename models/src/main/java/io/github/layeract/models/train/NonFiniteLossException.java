package io.github.layeract.models.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because a step's loss was NaN or infinite; the last good checkpoint is kept. The session's
 * variables already hold that step's update: restore the checkpoint before using them.
 */
public final class NonFiniteLossException extends RuntimeException {

  private final long step;
  private final double loss;
  private final transient Path lastCheckpoint;

  public NonFiniteLossException(long step, double loss, Path lastCheckpoint) {
    super("loss became " + loss + " at step " + step + "; training stopped"
        + (lastCheckpoint == null ? " (no checkpoint was written yet)" : ", last good checkpoint: " + lastCheckpoint)
        + ". Lower the learning rate or check the input data.");
    this.step = step;
    this.loss = loss;
    this.lastCheckpoint = lastCheckpoint;
  }

  /** The 1-based step whose loss was not finite. */
  public long step() {
    return step;
  }

  public double loss() {
    return loss;
  }

  public Optional<Path> lastCheckpoint() {
    return Optional.ofNullable(lastCheckpoint);
  }
}
