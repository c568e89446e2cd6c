package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.Idx;
import io.github.layeract.datasets.pipeline.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST-style IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), gzip-compressed ({@code .gz}) or not.
 */
final class IdxSource extends FileSource {

  private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  private static final String WANTED = "the IDX files (" + TEST_IMAGES + ".gz, ...)";

  private final String otherWays;

  private IdxSource(DatasetInfo info, List<Path> systemDirs, String otherWays, String base, String... md5) {
    super(info, "", systemDirs, WANTED, List.of(Remote.gz(base, TRAIN_IMAGES, md5[0]),
        Remote.gz(base, TRAIN_LABELS, md5[1]), Remote.gz(base, TEST_IMAGES, md5[2]),
        Remote.gz(base, TEST_LABELS, md5[3])));
    this.otherWays = otherWays;
  }

  /** Zalando's Fashion-MNIST, also found where Debian's {@code dataset-fashion-mnist} installs it. */
  static IdxSource fashionMnist() {
    return new IdxSource(new DatasetInfo("fashion-mnist", "Zalando's Fashion-MNIST: 28x28 grayscale clothes, 10 "
        + "classes (MIT)", 10, 28, 28, 1, 60_000, 10_000, Normalization.HALF, false, true),
        List.of(Path.of("/usr/share/datasets/fashion-mnist")),
        "install it with 'apt-get install dataset-fashion-mnist', or ",
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310");
  }

  /** LeCun et al.'s MNIST. */
  static IdxSource mnist() {
    return new IdxSource(new DatasetInfo("mnist", "LeCun et al.'s MNIST handwritten digits: 28x28 grayscale, 10 "
        + "classes", 10, 28, 28, 1, 60_000, 10_000, Normalization.HALF, false, true), List.of(), "",
        "https://ossci-datasets.s3.amazonaws.com/mnist/", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "d53e105ee54ea40749a09fcbcd1e9432", "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c");
  }

  @Override
  boolean holdsData(Path dir) {
    return List.of(TRAIN_IMAGES, TEST_IMAGES).stream().anyMatch(n -> Files.isRegularFile(dir.resolve(n + ".gz"))
        || Files.isRegularFile(dir.resolve(n)));
  }

  @Override
  String otherWays() {
    return otherWays;
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    Path dir = locate(dataDir);
    boolean train = split == Split.TRAIN;
    return Idx.read(file(dir, train ? TRAIN_IMAGES : TEST_IMAGES), file(dir, train ? TRAIN_LABELS : TEST_LABELS),
        info().classes());
  }

  @Override
  public DatasetInfo describe(Path dataDir) {
    Path dir = locate(dataDir);
    return withCounts(Idx.check(file(dir, TRAIN_IMAGES), file(dir, TRAIN_LABELS)),
        Idx.check(file(dir, TEST_IMAGES), file(dir, TEST_LABELS)));
  }

  /** An IDX file, gzip-compressed ({@code name.gz}) or not. */
  private static Path file(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) || !Files.isRegularFile(dir.resolve(name)) ? gz : dir.resolve(name);
  }
}
