package io.github.layeract.benchmarks;

import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.corruptions.Category;
import io.github.layeract.datasets.corruptions.CorruptedSets;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.corruptions.ProgressListener;
import io.github.layeract.datasets.corruptions.SyntheticScene;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Throughput of every corruption at CIFAR size (32x32x3, CIFAR table, severities 1..5 in equal shares) through the
 * same parallel path as the generator, and the projected time to generate the full CIFAR-10-C
 * (19 x 5 x 10,000 images): {@code sum over corruptions of 50,000 / (images/s)}. Each figure is also given as a
 * ratio to a baseline measured in the same run, the bare uint8 -&gt; double -&gt; uint8 round trip on the same
 * images and threads, because the machine's speed varies.
 *
 * <p>Run it with {@code layeract bench corruptions}.
 */
public final class CorruptionBenchmark {

  /** Images per severity in the full CIFAR-10-C test split. */
  public static final int CIFAR10_TEST_IMAGES = 10_000;

  /** One corruption's figure. */
  public record Row(String corruption, Category category, double imagesPerSecond, double ratioToBaseline) {}

  /**
   * The run's figures.
   *
   * @param baselineImagesPerSecond the round trip's throughput
   * @param projectedCifar10cSeconds projected wall time for 19 x 5 x 10,000 images at these rates
   * @param proceduralFrost whether frost used the procedural textures
   */
  public record Result(int threads, int imagesPerSeverity, double baselineImagesPerSecond, List<Row> rows,
      double projectedCifar10cSeconds, boolean proceduralFrost) {

    /** A fixed-width table with one line per corruption and the projection. */
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "corruption benchmark: 32x32x3, CIFAR table, %d threads, %d images x 5"
          + " severities each%n", threads, imagesPerSeverity));
      sb.append(String.format(Locale.ROOT, "%-18s %-8s %10s %12s%n", "corruption", "category", "images/s",
          "x baseline"));
      sb.append(String.format(Locale.ROOT, "%-18s %-8s %10.0f %12s%n", "(round trip)", "-",
          baselineImagesPerSecond, "1"));
      for (Row r : rows) {
        sb.append(String.format(Locale.ROOT, "%-18s %-8s %10.0f %12.4f%n", r.corruption(), r.category().title(),
            r.imagesPerSecond(), r.ratioToBaseline()));
      }
      sb.append(String.format(Locale.ROOT, "projected full CIFAR-10-C (19 x 5 x 10,000 images): %.1f min%s%n",
          projectedCifar10cSeconds / 60, proceduralFrost ? " (frost: procedural textures)" : ""));
      return sb.toString();
    }
  }

  private CorruptionBenchmark() {}

  /**
   * Measures {@code corruptions} on {@code imagesPerSeverity} synthetic 32x32 scenes per severity.
   */
  public static Result run(List<Corruption> corruptions, int imagesPerSeverity, int threads) {
    ImageSet set = scenes(imagesPerSeverity);
    Corruption roundTrip = new RoundTrip();
    measure(set, roundTrip, threads);
    for (Corruption c : corruptions) {
      measure(subset(set, Math.min(set.count(), 20)), c, threads);
    }
    double baseline = measure(set, roundTrip, threads);
    List<Row> rows = new ArrayList<>();
    double seconds = 0;
    boolean procedural = false;
    for (Corruption c : corruptions) {
      double ips = measure(set, c, threads);
      rows.add(new Row(c.name(), c.category(), ips, ips / baseline));
      seconds += 5.0 * CIFAR10_TEST_IMAGES / ips;
      procedural |= c.usesProceduralTexture();
    }
    return new Result(threads, imagesPerSeverity, baseline, rows, seconds, procedural);
  }

  /**
   * The work every corruption does besides its own: {@code uint8(clip(pixel / 255, 0, 1) * 255)}, the reference's
   * conversion to [0, 1] doubles and back (truncating, as {@code np.uint8}).
   */
  private static final class RoundTrip implements Corruption {
    @Override
    public String name() {
      return "round_trip";
    }

    @Override
    public Category category() {
      return Category.EXTRA;
    }

    @Override
    public Image apply(Image image, int severity, Preset preset, RandomGenerator rng) {
      byte[] in = image.pixels();
      byte[] out = new byte[in.length];
      for (int i = 0; i < in.length; i++) {
        double unit = (in[i] & 0xFF) / 255.0;
        out[i] = (byte) (int) (Math.min(1.0, Math.max(0.0, unit)) * 255.0);
      }
      return new Image(image.height(), image.width(), image.channels(), out);
    }
  }

  /** Images per second for all 5 severities of {@code set}, through the generator's parallel path. */
  private static double measure(ImageSet set, Corruption c, int threads) {
    long start = System.nanoTime();
    for (int s = 1; s <= 5; s++) {
      CorruptedSets.corrupt(set, c, s, Preset.CIFAR, 1, threads, ProgressListener.NONE);
    }
    return 5.0 * set.count() / ((System.nanoTime() - start) / 1e9);
  }

  private static ImageSet scenes(int n) {
    int size = 32 * 32 * 3;
    byte[] pixels = new byte[n * size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(SyntheticScene.rgb(32, 32, i).pixels(), 0, pixels, i * size, size);
    }
    return new ImageSet(n, 32, 32, 3, pixels, new int[n], 1);
  }

  private static ImageSet subset(ImageSet set, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return set.subset(idx);
  }
}
