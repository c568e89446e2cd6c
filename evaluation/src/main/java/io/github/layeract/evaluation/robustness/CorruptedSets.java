package io.github.layeract.evaluation.robustness;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.io.CifarC;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** Where the corrupted test images come from: generated on the fly from the clean set, or published files. */
public interface CorruptedSets {

  /** The test set corrupted by {@code corruption} at {@code severity} (labels included). */
  ImageSet get(String corruption, int severity);

  /** A note for the report, e.g. how the images were made. */
  String description();

  /**
   * Corrupts the clean images in Java with the corruptions package. Image {@code i} at ({@code corruption},
   * {@code severity}) uses its own generator seeded from {@code (seed, corruption, severity, i)}, so the result does
   * not depend on threads or on which other sets were made. With {@code cache}, each set is kept once made (the
   * demo evaluates four models on the same corrupted images).
   */
  static CorruptedSets generated(ImageSet clean, Preset preset, long seed, Path frostDir, boolean cache) {
    Map<String, ImageSet> memo = new ConcurrentHashMap<>();
    return new CorruptedSets() {
      @Override
      public ImageSet get(String corruption, int severity) {
        if (!cache) {
          return make(corruption, severity);
        }
        return memo.computeIfAbsent(corruption + "/" + severity, k -> make(corruption, severity));
      }

      private ImageSet make(String corruption, int severity) {
        Corruption c = Corruptions.of(corruption, frostDir);
        int size = clean.imageSize();
        byte[] out = new byte[clean.pixels().length];
        long base = seed * 0x9E3779B97F4A7C15L + Corruptions.NAMES.indexOf(c.name()) * 1_000_003L + severity;
        IntStream.range(0, clean.count()).parallel().forEach(i -> {
          var img = c.apply(clean.image(i), severity, preset, new SplittableRandom(base * 0x5DEECE66DL + i));
          System.arraycopy(img.pixels(), 0, out, i * size, size);
        });
        return new ImageSet(clean.count(), clean.height(), clean.width(), clean.channels(), out, clean.labels(),
            clean.classes());
      }

      @Override
      public String description() {
        boolean procedural = frostDir == null;
        return "generated in Java from " + clean.count() + " clean test images (" + preset.name().toLowerCase()
            + " parameter table, seed " + seed + ")" + (procedural
            ? "; frost uses procedural textures (no published frost images given)" : "");
      }
    };
  }

  /** The published CIFAR-10-C / CIFAR-100-C files in {@code dir} ({@code <corruption>.npy}, {@code labels.npy}). */
  static CorruptedSets published(Path dir, int classes) {
    return new CorruptedSets() {
      @Override
      public ImageSet get(String corruption, int severity) {
        return CifarC.read(dir, corruption, severity, classes);
      }

      @Override
      public String description() {
        return "published CIFAR-C files from " + dir;
      }
    };
  }

  /** The corruptions available in a published directory. */
  static List<String> available(Path dir) {
    return CifarC.corruptions(dir);
  }
}
