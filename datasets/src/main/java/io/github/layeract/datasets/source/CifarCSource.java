package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.CifarC;
import io.github.layeract.datasets.pipeline.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hendrycks and Dietterich's CIFAR-10-C / CIFAR-100-C: {@code labels.npy} and one {@code <corruption>.npy} of
 * shape (5 x 10,000, 32, 32, 3) per corruption, severities 1..5 in blocks.
 */
final class CifarCSource extends FileSource {

  private CifarCSource(DatasetInfo info, String subfolder, String wanted, Remote remote) {
    super(info, subfolder, List.of(), wanted, List.of(remote));
  }

  static CifarCSource cifar10c() {
    return new CifarCSource(new DatasetInfo("cifar10-c", "Hendrycks and Dietterich's CIFAR-10-C: 19 corruptions x 5 "
        + "severities of the CIFAR-10 test set", 10, 32, 32, 3, 0, 10_000, Normalization.CIFAR10, true, true),
        "CIFAR-10-C", "the CIFAR-10-C npy files (labels.npy, <corruption>.npy)",
        Remote.tar("https://zenodo.org/records/2535967/files/CIFAR-10-C.tar", "56bf5dcef84df0e2308c6dcbcbbd8499"));
  }

  static CifarCSource cifar100c() {
    return new CifarCSource(new DatasetInfo("cifar100-c", "Hendrycks and Dietterich's CIFAR-100-C: 19 corruptions x 5 "
        + "severities of the CIFAR-100 test set", 100, 32, 32, 3, 0, 10_000, Normalization.CIFAR100, true, true),
        "CIFAR-100-C", "the CIFAR-100-C npy files (labels.npy, <corruption>.npy)",
        Remote.tar("https://zenodo.org/records/3555552/files/CIFAR-100-C.tar", "11f0ed0f1191edbf9fa23466ae6021d3"));
  }

  @Override
  boolean holdsData(Path dir) {
    return Files.isRegularFile(dir.resolve(CifarC.LABELS));
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    throw corruptedOnly();
  }

  @Override
  public DatasetInfo describe(Path dataDir) {
    return withCounts(0, CifarC.check(locate(dataDir)));
  }

  @Override
  public List<String> corruptions(Path dataDir) {
    return CifarC.corruptions(locate(dataDir));
  }

  @Override
  public ImageSet loadCorrupted(String corruption, int severity, Path dataDir) {
    return CifarC.read(locate(dataDir), corruption, severity, info().classes());
  }
}
