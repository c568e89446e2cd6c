package io.github.layeract.datasets.pipeline;

/**
 * How an {@link InputPipeline} reads its elements.
 *
 * @param batchSize images per batch
 * @param shuffle full-buffer shuffle, reshuffled every epoch
 * @param seed seed of the shuffle and of the augmentation's random choices
 * @param epochs passes over the data; -1 repeats forever (a training pipeline), 1 makes an evaluation pipeline
 *     whose iterator ends with {@code TFOutOfRangeException}
 * @param dropRemainder drop the last partial batch of each epoch (false keeps it, as the paper's loaders do)
 * @param augmentation per-image augmentation (before normalisation)
 * @param normalization per-channel mean/std applied last
 * @param parallelism map calls running at once
 * @param prefetch batches prepared ahead
 */
public record PipelineConfig(int batchSize, boolean shuffle, long seed, long epochs, boolean dropRemainder,
    Augmentation augmentation, Normalization normalization, int parallelism, int prefetch) {

  public PipelineConfig {
    if (batchSize <= 0 || parallelism <= 0 || prefetch < 0 || epochs == 0 || epochs < -1) {
      throw new IllegalArgumentException("invalid pipeline config: batch " + batchSize + ", parallelism "
          + parallelism + ", prefetch " + prefetch + ", epochs " + epochs);
    }
  }

  /** Training: shuffled, augmented, repeated forever, last partial batch kept, 2 parallel map calls, prefetch 2. */
  public static PipelineConfig training(int batchSize, long seed, Augmentation augmentation,
      Normalization normalization) {
    return new PipelineConfig(batchSize, true, seed, -1, false, augmentation, normalization, 2, 2);
  }

  /**
   * Evaluation: one pass in order, no shuffle, the last partial batch kept; {@code augmentation} must be
   * deterministic ({@link Augmentation#NONE} or {@link Augmentation#IMAGENET_EVAL}).
   */
  public static PipelineConfig evaluation(int batchSize, Augmentation augmentation, Normalization normalization) {
    if (augmentation.random()) {
      throw new IllegalArgumentException("an evaluation pipeline needs a deterministic augmentation");
    }
    return new PipelineConfig(batchSize, false, 0, 1, false, augmentation, normalization, 2, 2);
  }

  /** The same config with another number of epochs (-1 = forever). */
  public PipelineConfig withEpochs(long n) {
    return new PipelineConfig(batchSize, shuffle, seed, n, dropRemainder, augmentation, normalization, parallelism,
        prefetch);
  }

  /** The same config with another parallelism. */
  public PipelineConfig withParallelism(int n) {
    return new PipelineConfig(batchSize, shuffle, seed, epochs, dropRemainder, augmentation, normalization, n,
        prefetch);
  }
}
