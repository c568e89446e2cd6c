package io.github.layeract.models.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome of {@link Trainer#run}.
 *
 * @param startStep the step training started at (0, or the restored checkpoint's)
 * @param endStep steps completed at the end (the total, or fewer after {@link Trainer#requestStop()})
 * @param last metrics of the last step run, if any step ran
 * @param lastCheckpoint the checkpoint written last, if any
 * @param stopped true when stopped early by {@link Trainer#requestStop()}
 */
public record TrainingResult(long startStep, long endStep, Optional<StepMetrics> last, Optional<Path> lastCheckpoint,
    boolean stopped) {}
