package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import java.util.SplittableRandom;

/**
 * Corrupts a whole {@link ImageSet} in memory, in parallel: the on-the-fly path of the evaluation pipeline, so a
 * user need not store 19 x 5 corrupted copies.
 *
 * <pre>{@code
 * ImageSet foggy = CorruptedSets.corrupt(testSet, Corruption.of("fog"), 3, 42L);
 * }</pre>
 *
 * <p>Reproducibility: image i is corrupted with {@code new SplittableRandom(imageSeed(seed, name, severity, i))},
 * a key derived by SplitMix64 mixing, so every image has its own stream whatever the thread count or scheduling,
 * and the result equals what {@link CorruptionGenerator} writes for the same seed.
 */
public final class CorruptedSets {

  private CorruptedSets() {}

  /**
   * The seed of image {@code index} for one corruption and severity: SplitMix64's finaliser applied to the seed,
   * then folded with the name's {@link String#hashCode()}, the severity and the index.
   */
  public static long imageSeed(long seed, String corruption, int severity, int index) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    h = mix(h ^ corruption.hashCode());
    h = mix(h ^ severity);
    return mix(h ^ index);
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** {@link #corrupt(ImageSet, Corruption, int, Preset, long, int, ProgressListener)} with the table chosen by
   * image size, all processors and no progress. */
  public static ImageSet corrupt(ImageSet set, Corruption corruption, int severity, long seed) {
    return corrupt(set, corruption, severity, null, seed, Parallel.defaultThreads(), ProgressListener.NONE);
  }

  /**
   * The set with every image corrupted (labels unchanged).
   *
   * @param preset the parameter table, or {@code null} for {@link Preset#forSize} of the set's image size
   * @param threads worker threads (results do not depend on it)
   */
  public static ImageSet corrupt(ImageSet set, Corruption corruption, int severity, Preset preset, long seed,
      int threads, ProgressListener listener) {
    byte[] out = new byte[set.pixels().length];
    corruptInto(set, corruption, severity, preset, seed, threads, out, 0, listener, 0, set.count());
    return new ImageSet(set.count(), set.height(), set.width(), set.channels(), out, set.labels().clone(),
        set.classes());
  }

  /**
   * Corrupts every image of {@code set} into {@code out} starting at byte {@code offset}, reporting progress as
   * {@code doneBefore + finished} of {@code total}.
   */
  static void corruptInto(ImageSet set, Corruption corruption, int severity, Preset preset, long seed, int threads,
      byte[] out, long offset, ProgressListener listener, long doneBefore, long total) {
    Preset table = preset != null ? preset : Preset.forSize(set.height(), set.width());
    int size = set.imageSize();
    String label = corruption.name() + " s" + severity;
    Parallel.forEach(set.count(), threads, i -> {
      Image image = corruption.apply(set.image(i), severity, table,
          new SplittableRandom(imageSeed(seed, corruption.name(), severity, i)));
      System.arraycopy(image.pixels(), 0, out, Math.toIntExact(offset + (long) i * size), size);
    }, done -> listener.progress(doneBefore + done, total, label));
  }
}
