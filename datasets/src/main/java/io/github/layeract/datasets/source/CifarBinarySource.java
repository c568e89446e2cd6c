package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.CifarBinary;
import io.github.layeract.datasets.pipeline.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Krizhevsky's CIFAR binary version: fixed-size records of label byte(s) and 3072 pixel bytes. */
final class CifarBinarySource extends FileSource {

  private final List<String> trainFiles;
  private final String testFile;
  private final CifarBinary.Labels labels;

  private CifarBinarySource(DatasetInfo info, String subfolder, String wanted, Remote remote, List<String> trainFiles,
      String testFile, CifarBinary.Labels labels) {
    super(info, subfolder, List.of(), wanted, List.of(remote));
    this.trainFiles = trainFiles;
    this.testFile = testFile;
    this.labels = labels;
  }

  /** CIFAR-10: {@code data_batch_1.bin .. data_batch_5.bin}, {@code test_batch.bin}. */
  static CifarBinarySource cifar10() {
    return new CifarBinarySource(new DatasetInfo("cifar10", "Krizhevsky's CIFAR-10: 32x32 colour images, 10 classes",
        10, 32, 32, 3, 50_000, 10_000, Normalization.CIFAR10, false, true), "cifar-10-batches-bin",
        "the CIFAR-10 binary files (test_batch.bin, ...)",
        Remote.tar("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"),
        List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
        "test_batch.bin", CifarBinary.Labels.CIFAR10);
  }

  /** CIFAR-100: {@code train.bin}, {@code test.bin}, fine labels. */
  static CifarBinarySource cifar100() {
    return new CifarBinarySource(new DatasetInfo("cifar100", "Krizhevsky's CIFAR-100: 32x32 colour images, 100 fine "
        + "classes", 100, 32, 32, 3, 50_000, 10_000, Normalization.CIFAR100, false, true), "cifar-100-binary",
        "the CIFAR-100 binary files (train.bin, test.bin)",
        Remote.tar("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8"),
        List.of("train.bin"), "test.bin", CifarBinary.Labels.CIFAR100_FINE);
  }

  @Override
  boolean holdsData(Path dir) {
    return Files.isRegularFile(dir.resolve(testFile));
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    return CifarBinary.read(files(locate(dataDir), split), labels);
  }

  @Override
  public DatasetInfo describe(Path dataDir) {
    Path dir = locate(dataDir);
    return withCounts(CifarBinary.count(files(dir, Split.TRAIN), labels),
        CifarBinary.count(files(dir, Split.TEST), labels));
  }

  private List<Path> files(Path dir, Split split) {
    return (split == Split.TRAIN ? trainFiles : List.of(testFile)).stream().map(dir::resolve).toList();
  }
}
