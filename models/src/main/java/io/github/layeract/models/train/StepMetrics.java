package io.github.layeract.models.train;

/**
 * What one training step measured.
 *
 * @param step the number of steps completed (1 after the first step)
 * @param loss cross-entropy plus weight decay of the step's batch (before its update)
 * @param accuracy training accuracy of the batch
 * @param learningRate the learning rate the step used
 * @param batchSize images in the batch
 * @param imagesPerSecond training throughput averaged over the run so far (first step excluded: it pays for graph
 *     optimisation), or over the first step while there is no other
 */
public record StepMetrics(long step, double loss, double accuracy, double learningRate, long batchSize,
    double imagesPerSecond) {}
