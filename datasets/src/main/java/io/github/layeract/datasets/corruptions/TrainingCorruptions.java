package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training-time corruption stage: corrupts images of each training batch in place, by a list of
 * {@link TrainingCorruption} rules applied in order (an image may get several).
 *
 * <p>Image {@code i} of the batch of step {@code s} draws everything (whether each rule fires, which corruption,
 * which severity, and the corruption's own noise) from one {@code SplittableRandom} keyed by
 * {@code (seed, s, i)}, so the result depends only on the seed, the step and the batch's clean pixels: not on
 * the thread count, and not on whether the run was interrupted and resumed. Each rule fires independently, so a
 * batch of B images has on average {@code p * B} images corrupted by a rule.
 *
 * <p>Batches are float32 HWC images on the [0, 1] scale (after augmentation, before normalisation), as a training
 * pipeline produces them; a corrupted image is rounded to uint8 for the corruption (exact for the CIFAR
 * augmentation, whose pixels are multiples of 1/255) and written back as {@code value / 255}. Untouched images are
 * left bit for bit as they were.
 *
 * <pre>{@code
 * TrainingCorruptions stage = new TrainingCorruptions(List.of(TrainingCorruption.parse("noise:1-5:p=0.3")), 11, 2);
 * int corrupted = stage.apply(batch, 128, 32, 32, 3, step);
 * }</pre>
 */
public final class TrainingCorruptions {

  private final List<TrainingCorruption> rules;
  private final long seed;
  private final int threads;

  /**
   * @param rules applied in order
   * @param seed the run's seed
   * @param threads worker threads (the result does not depend on it)
   */
  public TrainingCorruptions(List<TrainingCorruption> rules, long seed, int threads) {
    this.rules = List.copyOf(rules);
    this.seed = seed;
    this.threads = Math.max(1, threads);
  }

  /** The rules, in order. */
  public List<TrainingCorruption> rules() {
    return rules;
  }

  /**
   * Corrupts the images of the batch of {@code step} in place.
   *
   * @param batch {@code count * height * width * channels} floats in [0, 1], NHWC
   * @return how many images were corrupted
   */
  public int apply(float[] batch, int count, int height, int width, int channels, long step) {
    int size = height * width * channels;
    if (batch.length != (long) count * size) {
      throw new IllegalArgumentException("batch of " + count + " " + height + "x" + width + "x" + channels
          + " images needs " + (long) count * size + " floats, got " + batch.length);
    }
    boolean[] hit = new boolean[count];
    Parallel.forEach(count, threads, i -> hit[i] = corrupt(batch, i * size, height, width, channels, step, i),
        done -> { });
    int n = 0;
    for (boolean h : hit) {
      n += h ? 1 : 0;
    }
    return n;
  }

  private boolean corrupt(float[] batch, int offset, int height, int width, int channels, long step, int index) {
    SplittableRandom rng = new SplittableRandom(imageSeed(step, index));
    Image image = null;
    for (TrainingCorruption rule : rules) {
      if (rng.nextDouble() >= rule.probability()) {
        continue;
      }
      Corruption c = rule.corruptions().get(rng.nextInt(rule.corruptions().size()));
      int severity = rule.minSeverity() + rng.nextInt(rule.maxSeverity() - rule.minSeverity() + 1);
      if (image == null) {
        image = toImage(batch, offset, height, width, channels);
      }
      image = c.apply(image, severity, rng.split());
    }
    if (image == null) {
      return false;
    }
    byte[] px = image.pixels();
    for (int k = 0; k < px.length; k++) {
      batch[offset + k] = (px[k] & 0xFF) / 255f;
    }
    return true;
  }

  /** The key of image {@code index} of step {@code step}: SplitMix64 mixing of the seed, step and index. */
  private long imageSeed(long step, int index) {
    return CorruptedSets.mix(CorruptedSets.mix(CorruptedSets.mix(seed + 0x9E3779B97F4A7C15L) ^ step) ^ index);
  }

  private static Image toImage(float[] batch, int offset, int height, int width, int channels) {
    byte[] px = new byte[height * width * channels];
    for (int k = 0; k < px.length; k++) {
      px[k] = (byte) Math.round(Math.min(1f, Math.max(0f, batch[offset + k])) * 255f);
    }
    return new Image(height, width, channels, px);
  }
}
