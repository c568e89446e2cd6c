package io.github.layeract.models.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Receives a {@link Trainer}'s progress, e.g. to render a progress bar or write {@code metrics.csv}. */
public interface TrainingListener {

  /**
   * After resuming from {@code restored} (before {@link #onStart}); {@code skipped} has one line for each newer
   * checkpoint that was damaged and passed over.
   */
  default void onResume(Checkpoints.Checkpoint restored, List<String> skipped) {}

  /** Before the first step; {@code startStep > 0} when resumed from a checkpoint. */
  default void onStart(long startStep, long totalSteps) {}

  /** After every step. */
  default void onStep(StepMetrics metrics) {}

  /** After a validation at {@code step} steps completed. */
  default void onValidation(long step, Map<String, Double> metrics) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(long step, Path dir) {}
}
