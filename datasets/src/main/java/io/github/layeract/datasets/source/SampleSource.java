package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.FashionMnistSample;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.pipeline.Normalization;
import java.nio.file.Path;

/** The class-balanced Fashion-MNIST sample bundled in the jar ({@link FashionMnistSample}); it has no folder. */
final class SampleSource implements DatasetSource {

  static final String NAME = "fashion-mnist-sample";

  private static final DatasetInfo INFO = new DatasetInfo(NAME, "a class-balanced real Fashion-MNIST sample bundled "
      + "in the jar (MIT)", 10, 28, 28, 1, 10_000, 2_000, Normalization.HALF, false, false);

  @Override
  public DatasetInfo info() {
    return INFO;
  }

  @Override
  public Path locate(Path dataDir) {
    throw new DatasetException(NAME + " is bundled in the jar and has no folder");
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    return split == Split.TRAIN ? FashionMnistSample.train() : FashionMnistSample.test();
  }

  @Override
  public DatasetInfo describe(Path dataDir) {
    return INFO;
  }
}
