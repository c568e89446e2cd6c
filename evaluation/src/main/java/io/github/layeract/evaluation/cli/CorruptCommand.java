package io.github.layeract.evaluation.cli;

import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.corruptions.CorruptedSets;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.CorruptionGenerator;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.Progress;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.run.RunLock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layeract corrupt}: one corruption on a {@code .npy} of images, or a whole dataset's test set written as a
 * CIFAR-10-C-style directory.
 */
@Command(name = "corrupt", mixinStandardHelpOptions = true,
    description = {"Apply Hendrycks corruptions in Java.",
        "  corrupt --input IN.npy --output OUT.npy --corruption NAME --severity S   (uint8 N x H x W x C or "
            + "N x H x W, same shape out)",
        "  corrupt --dataset D --out DIR   (CIFAR-10-C layout: <corruption>.npy with severities 1-5, labels.npy)"})
final class CorruptCommand implements Callable<Integer> {

  static final class OneFile {
    @Option(names = "--input", required = true, paramLabel = "IN.npy", description = "uint8 images.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.npy", description = "Corrupted images.")
    Path output;

    @Option(names = "--corruption", required = true, description = "Corruption name (see --help of evaluate).")
    String corruption;

    @Option(names = "--severity", required = true, description = "1..5.")
    int severity;
  }

  static final class WholeSet {
    @Option(names = "--dataset", required = true, description = "Dataset whose test set is corrupted.")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder of the dataset's files.")
    Path dataDir;

    @Option(names = "--corruptions", defaultValue = "all", description = "all, or a comma-separated list of "
        + "corruptions or categories (default: ${DEFAULT-VALUE}).")
    String corruptions;

    @Option(names = "--images", description = "Only this many class-balanced test images (default: all).")
    Integer images;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "One file:%n")
  OneFile one;

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "A whole test set:%n")
  WholeSet whole;

  @Option(names = "--preset", description = "Parameter table: cifar or imagenet (default: by image size).")
  String preset;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--frost-dir", paramLabel = "DIR", description = "Published frost images (default: procedural).")
  Path frostDir;

  @Override
  public Integer call() {
    if ((one == null) == (whole == null)) {
      throw new UserException("give either --input/--output/--corruption/--severity or --dataset/--out");
    }
    Preset p = preset == null ? null : Preset.parse(preset);
    if (one != null) {
      Npy.Uint8Array in = Npy.readUint8(one.input);
      long[] s = in.shape();
      if (s.length != 3 && s.length != 4 || s.length == 4 && s[3] != 1 && s[3] != 3) {
        throw new UserException(one.input + ": shape " + Npy.shapeString(s) + "; expected N x H x W or N x H x W x C "
            + "with C = 1 or 3");
      }
      int n = (int) s[0];
      int c = s.length == 4 ? (int) s[3] : 1;
      ImageSet set = new ImageSet(n, (int) s[1], (int) s[2], c, in.data(), new int[n], 1);
      Corruption corruption = Corruptions.of(one.corruption, frostDir);
      ImageSet out = CorruptedSets.corrupt(set, corruption, one.severity, p, seed,
          Runtime.getRuntime().availableProcessors(), io.github.layeract.datasets.corruptions.ProgressListener.NONE);
      Npy.writeUint8(one.output, out.pixels(), s);
      System.out.printf("wrote %s: %s severity %d on %d images %s%s%n", one.output, corruption.name(), one.severity,
          n, Npy.shapeString(s), corruption.usesProceduralTexture() ? " (procedural frost texture)" : "");
      return 0;
    }
    Main.requireAtLeast("--images", whole.images, 1);
    ImageSet test = Datasets.load(whole.dataset, Split.TEST, whole.dataDir);
    if (whole.images != null) {
      test = Splits.firstPerClass(test, Math.max(1, whole.images / test.classes()));
    }
    List<Corruption> list = Corruptions.parseList(whole.corruptions, frostDir);
    try (RunLock lock = RunLock.acquire(whole.out);
         Progress bar = Progress.start("corrupt " + whole.dataset, (long) list.size() * 5 * test.count())) {
      long[] last = {0};
      List<Path> files = new CorruptionGenerator().corruptions(list).seed(seed).preset(p)
          .listener((done, total, label) -> {
            bar.step(done - last[0], label);
            last[0] = done;
          }).resume(true).writeCifarC(test, whole.out);
      System.out.printf("wrote %d files to %s (%d corruptions x 5 severities x %d images)%n", files.size(), whole.out,
          list.size(), test.count());
    }
    return 0;
  }
}
