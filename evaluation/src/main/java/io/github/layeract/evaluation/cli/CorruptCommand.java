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
import io.github.layeract.evaluation.cli.options.CorruptionOptions;
import io.github.layeract.evaluation.cli.options.DataOptions;
import io.github.layeract.evaluation.cli.options.ThreadsOption;
import io.github.layeract.evaluation.run.RunLock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code layeract corrupt}: one corruption on a {@code .npy} of images, or a whole dataset's test set written as a
 * CIFAR-10-C-style directory.
 */
@Command(name = "corrupt", mixinStandardHelpOptions = true,
    description = {"Apply Hendrycks corruptions in Java.",
        "  corrupt --input IN.npy --out OUT.npy --corruption NAME --severity S   (uint8 N x H x W x C or "
            + "N x H x W, same shape out)",
        "  corrupt --dataset D --out DIR   (CIFAR-10-C layout: <corruption>.npy with severities 1-5, labels.npy)"})
final class CorruptCommand implements Callable<Integer> {

  static final class OneFile {
    @Option(names = "--input", required = true, paramLabel = "IN.npy", description = "uint8 images.")
    Path input;

    @Option(names = "--corruption", required = true, description = "Corruption name (see --help of evaluate).")
    String corruption;

    @Option(names = "--severity", required = true, description = "1..5.")
    int severity;
  }

  static final class WholeSet {
    @Option(names = "--dataset", required = true, description = "Dataset whose test set is corrupted.")
    String dataset;

    @Option(names = "--images", description = "Only this many class-balanced test images (default: all).")
    Integer images;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "One file:%n")
  OneFile one;

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "A whole test set:%n")
  WholeSet whole;

  @Option(names = {"--out", "--output"}, required = true, paramLabel = "PATH", description = "The corrupted images: "
      + "OUT.npy for one file, a directory for a whole test set (--output is a deprecated alias).")
  Path out;

  @Mixin
  DataOptions data;

  @Mixin
  CorruptionOptions corrupt;

  @Mixin
  ThreadsOption threads;

  @Override
  public Integer call() {
    if ((one == null) == (whole == null)) {
      throw new UserException("give either --input/--corruption/--severity or --dataset, with --out");
    }
    if (one != null && !corrupt.all()) {
      throw new UserException("--corruptions selects the corruptions of a whole test set (--dataset); one file takes "
          + "--corruption NAME");
    }
    Preset p = corrupt.table();
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
      Corruption corruption = Corruptions.of(one.corruption, corrupt.frostDir);
      ImageSet corrupted = CorruptedSets.corrupt(set, corruption, one.severity, p, corrupt.seed, threads.count(),
          io.github.layeract.datasets.corruptions.ProgressListener.NONE);
      Npy.writeUint8(out, corrupted.pixels(), s);
      System.out.printf("wrote %s: %s severity %d on %d images %s%s%n", out, corruption.name(), one.severity,
          n, Npy.shapeString(s), corruption.usesProceduralTexture() ? " (procedural frost texture)" : "");
      return 0;
    }
    Main.requireAtLeast("--images", whole.images, 1);
    if (data.download && data.dataDir == null) {
      DatasetsCommand.Download.fetch(whole.dataset, null);
    }
    ImageSet test = Datasets.load(whole.dataset, Split.TEST, data.dataDir);
    if (whole.images != null) {
      test = Splits.firstPerClass(test, Math.max(1, whole.images / test.classes()));
    }
    List<Corruption> list = corrupt.list();
    try (RunLock lock = RunLock.acquire(out);
         Progress bar = Progress.start("corrupt " + whole.dataset, (long) list.size() * 5 * test.count())) {
      long[] last = {0};
      List<Path> files = new CorruptionGenerator().corruptions(list).seed(corrupt.seed).preset(p)
          .threads(threads.count())
          .listener((done, total, label) -> {
            bar.step(done - last[0], label);
            last[0] = done;
          }).resume(true).writeCifarC(test, out);
      System.out.printf("wrote %d files to %s (%d corruptions x 5 severities x %d images)%n", files.size(), out,
          list.size(), test.count());
    }
    return 0;
  }
}
