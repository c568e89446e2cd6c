package io.github.layeract.evaluation.robustness;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.corruptions.CorruptedSets;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.corruptions.ProgressListener;
import io.github.layeract.datasets.io.CifarC;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.models.InputShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where the corrupted test images come from: generated on the fly from the clean set, or published files. */
public interface CorruptionSource {

  /** The test set corrupted by {@code corruption} at {@code severity} (labels included). */
  TestImages get(String corruption, int severity);

  /** A note for the report, e.g. how the images were made. */
  String description();

  /**
   * Corrupts the clean images in Java ({@link CorruptedSets#corrupt}: every image has its own seeded stream, so the
   * result is the same as the CIFAR-C files `layeract corrupt --dataset` writes with that seed). With {@code cache},
   * each set is kept once made (the demo evaluates four models on the same corrupted images). {@code threads} share
   * the work; the images do not depend on it.
   */
  static CorruptionSource generated(ImageSet clean, Preset preset, long seed, Path frostDir, boolean cache,
      int threads) {
    Map<String, ImageSet> memo = new ConcurrentHashMap<>();
    return new CorruptionSource() {
      @Override
      public TestImages get(String corruption, int severity) {
        return TestImages.of(cache ? memo.computeIfAbsent(corruption + "/" + severity, k -> make(corruption, severity))
            : make(corruption, severity));
      }

      private ImageSet make(String corruption, int severity) {
        return CorruptedSets.corrupt(clean, Corruptions.of(corruption, frostDir), severity, preset, seed, threads,
            ProgressListener.NONE);
      }

      @Override
      public String description() {
        return "generated in Java from " + clean.count() + " clean test images (" + preset.name().toLowerCase()
            + " parameter table, seed " + seed + ")" + (frostDir == null
            ? "; frost uses procedural textures (no published frost images given)" : "");
      }
    };
  }

  /** The published CIFAR-10-C / CIFAR-100-C files in {@code dir} ({@code <corruption>.npy}, {@code labels.npy}). */
  static CorruptionSource published(Path dir, int classes) {
    return new CorruptionSource() {
      @Override
      public TestImages get(String corruption, int severity) {
        return TestImages.of(CifarC.read(dir, corruption, severity, classes));
      }

      @Override
      public String description() {
        return "published CIFAR-C files from " + dir;
      }
    };
  }

  /**
   * Published corrupted image folders in the ImageNet-C layout, {@code dir/<corruption>/<severity>/<class>/*},
   * streamed from the files at {@code input}'s size ({@link ImageFiles#corrupted}); {@code classes} gives the label
   * order (the training folders').
   */
  static CorruptionSource publishedFolders(Path dir, List<String> classes, InputShape input) {
    return new CorruptionSource() {
      @Override
      public TestImages get(String corruption, int severity) {
        Path folder = dir.resolve(corruption).resolve(Integer.toString(severity));
        return TestImages.files(ImageFolder.list(folder, classes), input, ImageFiles.corrupted(input));
      }

      @Override
      public String description() {
        return "published ImageNet-C style image folders from " + dir + " (streamed)";
      }
    };
  }
}
