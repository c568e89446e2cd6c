package io.github.layeract.datasets;

import io.github.layeract.datasets.download.Downloader;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.source.Caches;
import io.github.layeract.datasets.source.DatasetSource;
import io.github.layeract.datasets.source.Sources;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The datasets by name: what they are, where their files are, how to load them, and how to download the public
 * ones.
 *
 * <table>
 * <caption>Datasets</caption>
 * <tr><th>name</th><th>classes</th><th>shape</th><th>train / test</th><th>files</th></tr>
 * <tr><td>fashion-mnist</td><td>10</td><td>28x28x1</td><td>60,000 / 10,000</td><td>IDX (gz)</td></tr>
 * <tr><td>fashion-mnist-sample</td><td>10</td><td>28x28x1</td><td>10,000 / 2,000</td><td>bundled in the jar</td></tr>
 * <tr><td>mnist</td><td>10</td><td>28x28x1</td><td>60,000 / 10,000</td><td>IDX (gz)</td></tr>
 * <tr><td>cifar10</td><td>10</td><td>32x32x3</td><td>50,000 / 10,000</td><td>CIFAR binary</td></tr>
 * <tr><td>cifar100</td><td>100</td><td>32x32x3</td><td>50,000 / 10,000</td><td>CIFAR binary (fine labels)</td></tr>
 * <tr><td>cifar10-c, cifar100-c</td><td>10, 100</td><td>32x32x3</td><td>- / 10,000 per corruption and severity</td>
 *     <td>npy</td></tr>
 * <tr><td>imagenet</td><td>1000</td><td>224x224x3 (after cropping)</td><td>1,281,167 / 50,000</td>
 *     <td>{@code train/<wnid>/*.JPEG}, {@code val/<wnid>/*.JPEG}</td></tr>
 * <tr><td>imagenet-c</td><td>1000</td><td>224x224x3</td><td>- / 50,000 per corruption and severity</td>
 *     <td>{@code <corruption>/<1..5>/<wnid>/*.JPEG}</td></tr>
 * <tr><td>image-folder</td><td>folders</td><td>first image</td><td>files</td>
 *     <td>{@code train/<class>/*}, {@code test/<class>/*} (or {@code val/})</td></tr>
 * </table>
 *
 * <p>Every method takes an optional {@code dataDir}: the folder holding the dataset's files (or the folder the
 * archive unpacks into). When it is {@code null} the default locations are searched: for {@code fashion-mnist}
 * Debian's {@code /usr/share/datasets/fashion-mnist} (package {@code dataset-fashion-mnist}), then
 * {@code <cache>/<name>}, where the cache is the system property {@code layeract.cache}, else the environment
 * variable {@code LAYERACT_CACHE}, else {@code ~/.cache/layeract}. Missing data fails with a one-line
 * {@link MissingDataException} that says where it looked and how to get it.
 *
 * <p>This class is a facade over the registry {@link Sources}: each format is one {@link DatasetSource}.
 *
 * <pre>{@code
 * ImageSet train = Datasets.load("cifar10", Split.TRAIN, null);
 * ImageSet fog3 = Datasets.loadCorrupted("cifar10-c", "fog", 3, null);
 * Datasets.download("cifar10", Datasets.cacheDir(), new Downloader(Downloader.Progress.NONE));
 * }</pre>
 */
public final class Datasets {

  /** Name of the bundled Fashion-MNIST sample. */
  public static final String SAMPLE = Sources.SAMPLE;

  private Datasets() {}

  /** Every dataset, in a stable order. */
  public static List<DatasetInfo> all() {
    return Sources.all().stream().map(DatasetSource::info).toList();
  }

  /** The names users can type. */
  public static List<String> names() {
    return all().stream().map(DatasetInfo::name).toList();
  }

  /** Facts about {@code name} (case-insensitive). @throws DatasetException for an unknown name */
  public static DatasetInfo info(String name) {
    return Sources.get(name).info();
  }

  /**
   * The published corruption benchmark of a clean dataset: {@code cifar10 -> cifar10-c}, {@code cifar100 ->
   * cifar100-c}, {@code imagenet -> imagenet-c}; empty for the others.
   */
  public static Optional<String> corruptedVariant(String name) {
    String c = info(name).name() + "-c";
    return names().contains(c) ? Optional.of(c) : Optional.empty();
  }

  /** The download cache: {@code -Dlayeract.cache}, else {@code $LAYERACT_CACHE}, else {@code ~/.cache/layeract}. */
  public static Path cacheDir() {
    return Caches.dir();
  }

  /**
   * The folder that holds {@code name}'s files: {@code dataDir} (or its archive sub-folder, e.g.
   * {@code cifar-10-batches-bin}) when given, else the first default location that has them.
   *
   * @throws MissingDataException saying where it looked and how to get the data
   */
  public static Path locate(String name, Path dataDir) {
    return Sources.get(name).locate(dataDir);
  }

  /**
   * Loads a whole split into memory.
   *
   * @throws DatasetException for corrupted sets (use {@link #loadCorrupted}), for ImageNet (too large: stream
   *     {@link #listFiles} with {@code InputPipeline.fromFiles}), for missing or bad files
   */
  public static ImageSet load(String name, Split split, Path dataDir) {
    return Sources.get(name).load(split, dataDir);
  }

  /** The corruptions available in a corrupted dataset's folder, sorted by name. */
  public static List<String> corruptions(String name, Path dataDir) {
    return Sources.get(name).corruptions(dataDir);
  }

  /**
   * One corruption at one severity (1..5) of a corrupted dataset, in memory: for {@code cifar10-c} /
   * {@code cifar100-c} the matching block of {@code <corruption>.npy}; for {@code imagenet-c} the decoded
   * {@code <corruption>/<severity>} folder (50,000 images of 224 x 224 x 3 need 7.5 GB: prefer
   * {@link #listCorruptedFiles} and a file pipeline).
   */
  public static ImageSet loadCorrupted(String name, String corruption, int severity, Path dataDir) {
    return Sources.get(name).loadCorrupted(corruption, severity, dataDir);
  }

  /** The files of {@code imagenet-c}'s {@code <corruption>/<severity>} folder with their labels. */
  public static ImageFolder.Listing listCorruptedFiles(String name, String corruption, int severity, Path dataDir) {
    return Sources.get(name).listCorruptedFiles(corruption, severity, dataDir);
  }

  /**
   * The image files of a folder dataset's split ({@code imagenet}: {@code train/} or {@code val/};
   * {@code image-folder}: {@code train/} or {@code test/}, else {@code val/}), labelled with the training
   * folder's classes when it exists so both splits share indices.
   */
  public static ImageFolder.Listing listFiles(String name, Split split, Path dataDir) {
    return Sources.get(name).listFiles(split, dataDir);
  }

  /**
   * Facts about {@code name} as its files state them: the files are found and their headers and sizes checked
   * without decoding images (IDX magic numbers and sizes, CIFAR record sizes, CIFAR-C npy headers), and the counts
   * come from them; for {@code image-folder} also the classes and the first training image's shape.
   *
   * @throws DatasetException naming the first missing, truncated or malformed file
   */
  public static DatasetInfo describe(String name, Path dataDir) {
    return Sources.get(name).describe(dataDir);
  }

  /**
   * Downloads {@code name} into {@code cacheRoot/<name>} from its official location, verifying the published MD5
   * of every file and unpacking archives; nothing is done when the data is already there.
   *
   * @return the folder holding the data
   */
  public static Path download(String name, Path cacheRoot, Downloader downloader) {
    return download(name, cacheRoot, downloader, null);
  }

  /**
   * As {@link #download(String, Path, Downloader)}, fetching every file from {@code mirror} (a base URL to which
   * the file name is appended, e.g. a local copy) instead of the official location when it is not null.
   */
  public static Path download(String name, Path cacheRoot, Downloader downloader, URI mirror) {
    return Sources.get(name).download(cacheRoot, downloader, mirror);
  }
}
