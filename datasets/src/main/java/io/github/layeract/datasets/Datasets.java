package io.github.layeract.datasets;

import io.github.layeract.datasets.download.Archives;
import io.github.layeract.datasets.download.Checksum;
import io.github.layeract.datasets.download.Downloader;
import io.github.layeract.datasets.io.CifarBinary;
import io.github.layeract.datasets.io.CifarC;
import io.github.layeract.datasets.io.Idx;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.pipeline.Normalization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

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
 * <p>Every method takes an optional {@code dataDir} (the CLI's {@code --data-dir}): the folder holding the
 * dataset's files (or the folder the archive unpacks into). When it is {@code null} the default locations are
 * searched: for {@code fashion-mnist} Debian's {@code /usr/share/datasets/fashion-mnist} (package
 * {@code dataset-fashion-mnist}), then {@code <cache>/<name>}, where the cache is the system property
 * {@code layeract.cache}, else the environment variable {@code LAYERACT_CACHE}, else {@code ~/.cache/layeract}.
 * Missing data fails with a one-line {@link DatasetException} that says how to get it.
 *
 * <pre>{@code
 * ImageSet train = Datasets.load("cifar10", Split.TRAIN, null);
 * ImageSet fog3 = Datasets.loadCorrupted("cifar10-c", "fog", 3, null);
 * Datasets.download("cifar10", Datasets.cacheDir(), new Downloader(Downloader.Progress.NONE));
 * }</pre>
 */
public final class Datasets {

  /** Name of the bundled Fashion-MNIST sample. */
  public static final String SAMPLE = "fashion-mnist-sample";

  private static final String FASHION_DEBIAN = "/usr/share/datasets/fashion-mnist";
  private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  /** How a dataset's files are laid out. */
  private enum Layout { SAMPLE, IDX, CIFAR10, CIFAR100, CIFAR_C, IMAGENET, IMAGENET_C, IMAGE_FOLDER }

  /** One downloadable file: its name in the cache, its URL, its published checksum, whether it is a tar. */
  private record Remote(String file, URI url, Checksum checksum, boolean tar) {}

  /**
   * A dataset: its facts, layout, the sub-folder its archive unpacks into ("" if none), default locations other
   * than the cache, a test that a folder holds its files, and its downloads.
   */
  private record Entry(DatasetInfo info, Layout layout, String subfolder, List<Path> systemDirs,
      Predicate<Path> holdsData, String wanted, List<Remote> remotes) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    String fashionBase = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    add(new DatasetInfo("fashion-mnist", "Zalando's Fashion-MNIST: 28x28 grayscale clothes, 10 classes (MIT)", 10, 28,
        28, 1, 60_000, 10_000, Normalization.HALF, false, true), Layout.IDX, "", List.of(Path.of(FASHION_DEBIAN)),
        idxFiles(), "the IDX files (" + TEST_IMAGES + ".gz, ...)",
        List.of(gz(fashionBase, TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            gz(fashionBase, TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe"),
            gz(fashionBase, TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79"),
            gz(fashionBase, TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310")));
    add(new DatasetInfo(SAMPLE, "a class-balanced real Fashion-MNIST sample bundled in the jar (MIT)", 10, 28, 28, 1,
        10_000, 2_000, Normalization.HALF, false, false), Layout.SAMPLE, "", List.of(), p -> true, "", List.of());
    String mnistBase = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    add(new DatasetInfo("mnist", "LeCun et al.'s MNIST handwritten digits: 28x28 grayscale, 10 classes", 10, 28, 28,
        1, 60_000, 10_000, Normalization.HALF, false, true), Layout.IDX, "", List.of(), idxFiles(),
        "the IDX files (" + TEST_IMAGES + ".gz, ...)",
        List.of(gz(mnistBase, TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            gz(mnistBase, TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432"),
            gz(mnistBase, TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3"),
            gz(mnistBase, TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c")));
    add(new DatasetInfo("cifar10", "Krizhevsky's CIFAR-10: 32x32 colour images, 10 classes", 10, 32, 32, 3, 50_000,
        10_000, Normalization.CIFAR10, false, true), Layout.CIFAR10, "cifar-10-batches-bin", List.of(),
        p -> Files.isRegularFile(p.resolve("test_batch.bin")), "the CIFAR-10 binary files (test_batch.bin, ...)",
        List.of(new Remote("cifar-10-binary.tar.gz", URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
            Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530"), true)));
    add(new DatasetInfo("cifar100", "Krizhevsky's CIFAR-100: 32x32 colour images, 100 fine classes", 100, 32, 32, 3,
        50_000, 10_000, Normalization.CIFAR100, false, true), Layout.CIFAR100, "cifar-100-binary", List.of(),
        p -> Files.isRegularFile(p.resolve("test.bin")), "the CIFAR-100 binary files (train.bin, test.bin)",
        List.of(new Remote("cifar-100-binary.tar.gz",
            URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
            Checksum.md5("03b5dce01913d631647c71ecec9e9cb8"), true)));
    add(new DatasetInfo("cifar10-c", "Hendrycks and Dietterich's CIFAR-10-C: 19 corruptions x 5 severities of the "
        + "CIFAR-10 test set", 10, 32, 32, 3, 0, 10_000, Normalization.CIFAR10, true, true), Layout.CIFAR_C,
        "CIFAR-10-C", List.of(), p -> Files.isRegularFile(p.resolve(CifarC.LABELS)),
        "the CIFAR-10-C npy files (labels.npy, <corruption>.npy)",
        List.of(new Remote("CIFAR-10-C.tar", URI.create("https://zenodo.org/records/2535967/files/CIFAR-10-C.tar"),
            Checksum.md5("56bf5dcef84df0e2308c6dcbcbbd8499"), true)));
    add(new DatasetInfo("cifar100-c", "Hendrycks and Dietterich's CIFAR-100-C: 19 corruptions x 5 severities of the "
        + "CIFAR-100 test set", 100, 32, 32, 3, 0, 10_000, Normalization.CIFAR100, true, true), Layout.CIFAR_C,
        "CIFAR-100-C", List.of(), p -> Files.isRegularFile(p.resolve(CifarC.LABELS)),
        "the CIFAR-100-C npy files (labels.npy, <corruption>.npy)",
        List.of(new Remote("CIFAR-100-C.tar", URI.create("https://zenodo.org/records/3555552/files/CIFAR-100-C.tar"),
            Checksum.md5("11f0ed0f1191edbf9fa23466ae6021d3"), true)));
    add(new DatasetInfo("imagenet", "ILSVRC-2012 ImageNet: 1000 classes, served as 224x224x3 crops", 1000, 224, 224,
        3, 1_281_167, 50_000, Normalization.IMAGENET, false, false), Layout.IMAGENET, "", List.of(),
        p -> Files.isDirectory(p.resolve("val")) || Files.isDirectory(p.resolve("train")),
        "train/<wnid>/*.JPEG and val/<wnid>/*.JPEG folders", List.of());
    add(new DatasetInfo("imagenet-c", "Hendrycks and Dietterich's ImageNet-C: corruptions x 5 severities of the "
        + "ImageNet validation set, 224x224", 1000, 224, 224, 3, 0, 50_000, Normalization.IMAGENET, true, false),
        Layout.IMAGENET_C, "", List.of(), Datasets::holdsSeverityFolders,
        "<corruption>/<1..5>/<wnid>/*.JPEG folders", List.of());
    add(new DatasetInfo("image-folder", "any images in class sub-folders: train/<class>/*, test/<class>/* (JPEG, PNG)",
        -1, -1, -1, 3, -1, -1, null, false, false), Layout.IMAGE_FOLDER, "", List.of(),
        p -> Files.isDirectory(p.resolve("train")) || Files.isDirectory(p.resolve("test"))
            || Files.isDirectory(p.resolve("val")), "train/<class>/* and test/<class>/* (or val/) image folders",
        List.of());
  }

  private Datasets() {}

  private static void add(DatasetInfo info, Layout layout, String subfolder, List<Path> systemDirs,
      Predicate<Path> holdsData, String wanted, List<Remote> remotes) {
    ENTRIES.put(info.name(), new Entry(info, layout, subfolder, systemDirs, holdsData, wanted, remotes));
  }

  private static Remote gz(String base, String name, String md5) {
    return new Remote(name + ".gz", URI.create(base + name + ".gz"), Checksum.md5(md5), false);
  }

  private static Predicate<Path> idxFiles() {
    return p -> Stream.of(TRAIN_IMAGES, TEST_IMAGES).anyMatch(n -> Files.isRegularFile(p.resolve(n + ".gz"))
        || Files.isRegularFile(p.resolve(n)));
  }

  private static boolean holdsSeverityFolders(Path p) {
    try (Stream<Path> s = Files.list(p)) {
      return s.anyMatch(Datasets::hasSeverityFolder);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code corruption} has at least one of the sub-folders {@code 1} .. {@code 5}. */
  private static boolean hasSeverityFolder(Path corruption) {
    return Stream.of("1", "2", "3", "4", "5").anyMatch(k -> Files.isDirectory(corruption.resolve(k)));
  }

  /** Every dataset, in a stable order. */
  public static List<DatasetInfo> all() {
    return ENTRIES.values().stream().map(Entry::info).toList();
  }

  /** The names users can type. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** Facts about {@code name} (case-insensitive). @throws DatasetException for an unknown name */
  public static DatasetInfo info(String name) {
    return entry(name).info();
  }

  private static Entry entry(String name) {
    Entry e = ENTRIES.get(name.toLowerCase(Locale.ROOT));
    if (e == null) {
      throw new DatasetException("unknown dataset '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
    }
    return e;
  }

  /**
   * The published corruption benchmark of a clean dataset: {@code cifar10 -> cifar10-c}, {@code cifar100 ->
   * cifar100-c}, {@code imagenet -> imagenet-c}; empty for the others.
   */
  public static Optional<String> corruptedVariant(String name) {
    String c = info(name).name() + "-c";
    return Optional.ofNullable(ENTRIES.get(c)).map(e -> e.info().name());
  }

  /** The download cache: {@code -Dlayeract.cache}, else {@code $LAYERACT_CACHE}, else {@code ~/.cache/layeract}. */
  public static Path cacheDir() {
    String prop = System.getProperty("layeract.cache");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("LAYERACT_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "layeract");
  }

  /**
   * The folder that holds {@code name}'s files: {@code dataDir} (or its archive sub-folder, e.g.
   * {@code cifar-10-batches-bin}) when given, else the first default location that has them.
   *
   * @throws DatasetException saying where it looked and how to get the data
   */
  public static Path locate(String name, Path dataDir) {
    Entry e = entry(name);
    if (e.layout() == Layout.SAMPLE) {
      throw new DatasetException(name + " is bundled in the jar and has no folder");
    }
    List<Path> candidates = new ArrayList<>();
    if (dataDir != null) {
      candidates.add(dataDir);
    } else if (e.layout() != Layout.IMAGE_FOLDER) {
      candidates.addAll(e.systemDirs());
      candidates.add(cacheDir().resolve(e.info().name()));
    }
    for (Path c : candidates) {
      if (e.holdsData().test(c)) {
        return c;
      }
      if (!e.subfolder().isEmpty() && e.holdsData().test(c.resolve(e.subfolder()))) {
        return c.resolve(e.subfolder());
      }
    }
    throw new DatasetException(missingMessage(e, candidates));
  }

  private static String missingMessage(Entry e, List<Path> looked) {
    String name = e.info().name();
    StringBuilder sb = new StringBuilder(name).append(": data not found");
    if (!looked.isEmpty()) {
      sb.append(" (looked for ").append(e.wanted()).append(" in ")
          .append(String.join(", ", looked.stream().map(Path::toString).toList())).append(")");
    }
    sb.append("; ");
    if (name.equals("fashion-mnist")) {
      sb.append("install it with 'apt-get install dataset-fashion-mnist', or ");
    }
    if (e.info().downloadable()) {
      sb.append("run with --download to fetch it into ").append(cacheDir().resolve(name)).append(", or ");
    } else if (e.layout() == Layout.IMAGENET || e.layout() == Layout.IMAGENET_C) {
      sb.append("it cannot be downloaded automatically (ImageNet needs registration); ");
    }
    return sb.append("point --data-dir at a folder holding ").append(e.wanted()).toString();
  }

  /**
   * Loads a whole split into memory.
   *
   * @throws DatasetException for corrupted sets (use {@link #loadCorrupted}), for ImageNet (too large: stream
   *     {@link #listFiles} with {@code InputPipeline.fromFiles}), for missing or bad files
   */
  public static ImageSet load(String name, Split split, Path dataDir) {
    Entry e = entry(name);
    boolean train = split == Split.TRAIN;
    return switch (e.layout()) {
      case SAMPLE -> train ? FashionMnistSample.train() : FashionMnistSample.test();
      case IDX -> {
        Path dir = locate(name, dataDir);
        yield Idx.read(idxFile(dir, train ? TRAIN_IMAGES : TEST_IMAGES), idxFile(dir, train ? TRAIN_LABELS : TEST_LABELS),
            e.info().classes());
      }
      case CIFAR10 -> {
        Path dir = locate(name, dataDir);
        List<Path> files = train ? Stream.of(1, 2, 3, 4, 5).map(i -> dir.resolve("data_batch_" + i + ".bin")).toList()
            : List.of(dir.resolve("test_batch.bin"));
        yield CifarBinary.read(files, CifarBinary.Labels.CIFAR10);
      }
      case CIFAR100 -> CifarBinary.read(List.of(locate(name, dataDir).resolve(train ? "train.bin" : "test.bin")),
          CifarBinary.Labels.CIFAR100_FINE);
      case IMAGE_FOLDER -> {
        ImageFolder.Listing listing = listFiles(name, split, dataDir);
        Image first = ImageFolder.read(listFiles(name, Split.TRAIN, dataDir).files().get(0), 3);
        yield ImageFolder.load(listing, first.height(), first.width(), 3);
      }
      case CIFAR_C, IMAGENET_C -> throw new DatasetException(name + " holds corrupted test sets: load them with "
          + "a corruption and a severity");
      case IMAGENET -> throw new DatasetException(name + " is too large to load into memory: stream its files");
    };
  }

  /** An IDX file, gzip-compressed ({@code name.gz}) or not. */
  private static Path idxFile(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) || !Files.isRegularFile(dir.resolve(name)) ? gz : dir.resolve(name);
  }

  /** The corruptions available in a corrupted dataset's folder, sorted by name. */
  public static List<String> corruptions(String name, Path dataDir) {
    Entry e = entry(name);
    Path dir = locate(name, dataDir);
    return switch (e.layout()) {
      case CIFAR_C -> CifarC.corruptions(dir);
      case IMAGENET_C -> {
        try (Stream<Path> s = Files.list(dir)) {
          yield s.filter(Datasets::hasSeverityFolder).map(p -> p.getFileName().toString()).sorted()
              .toList();
        } catch (IOException ex) {
          throw new DatasetException(dir, "cannot list: " + ex.getMessage(), ex);
        }
      }
      default -> throw new DatasetException(name + " is not a corrupted dataset (try " + name + "-c)");
    };
  }

  /**
   * One corruption at one severity (1..5) of a corrupted dataset, in memory: for {@code cifar10-c} /
   * {@code cifar100-c} the matching block of {@code <corruption>.npy}; for {@code imagenet-c} the decoded
   * {@code <corruption>/<severity>} folder (50,000 images of 224 x 224 x 3 need 7.5 GB: prefer
   * {@link #listCorruptedFiles} and a file pipeline).
   */
  public static ImageSet loadCorrupted(String name, String corruption, int severity, Path dataDir) {
    Entry e = entry(name);
    return switch (e.layout()) {
      case CIFAR_C -> CifarC.read(locate(name, dataDir), corruption, severity, e.info().classes());
      case IMAGENET_C -> ImageFolder.load(listCorruptedFiles(name, corruption, severity, dataDir), 224, 224, 3);
      default -> throw new DatasetException(name + " is not a corrupted dataset (try " + name + "-c)");
    };
  }

  /** The files of {@code imagenet-c}'s {@code <corruption>/<severity>} folder with their labels. */
  public static ImageFolder.Listing listCorruptedFiles(String name, String corruption, int severity, Path dataDir) {
    Entry e = entry(name);
    if (e.layout() != Layout.IMAGENET_C) {
      throw new DatasetException(name + " has no per-corruption image folders");
    }
    if (severity < 1 || severity > 5) {
      throw new DatasetException(name + ": severity must be 1..5, got " + severity);
    }
    Path dir = locate(name, dataDir).resolve(corruption).resolve(Integer.toString(severity));
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir, "not found (corruption '" + corruption + "', severity " + severity + ")");
    }
    return ImageFolder.list(dir);
  }

  /**
   * The image files of a folder dataset's split ({@code imagenet}: {@code train/} or {@code val/};
   * {@code image-folder}: {@code train/} or {@code test/}, else {@code val/}), labelled with the training
   * folder's classes when it exists so both splits share indices.
   */
  public static ImageFolder.Listing listFiles(String name, Split split, Path dataDir) {
    Entry e = entry(name);
    if (e.layout() != Layout.IMAGENET && e.layout() != Layout.IMAGE_FOLDER) {
      throw new DatasetException(name + " is not stored as image folders");
    }
    if (e.layout() == Layout.IMAGE_FOLDER && dataDir == null) {
      throw new DatasetException("image-folder needs --data-dir: a folder with train/<class>/* and test/<class>/*");
    }
    Path root = locate(name, dataDir);
    Path trainDir = root.resolve("train");
    Path dir = split == Split.TRAIN ? trainDir
        : e.layout() == Layout.IMAGENET || !Files.isDirectory(root.resolve("test")) ? root.resolve("val")
        : root.resolve("test");
    List<String> classes = Files.isDirectory(trainDir) && split == Split.TEST ? ImageFolder.list(trainDir).classes()
        : null;
    return ImageFolder.list(dir, classes);
  }

  /**
   * Facts about {@code name} with what only the files can tell filled in: for {@code image-folder} the classes,
   * the first training image's shape and the file counts.
   */
  public static DatasetInfo describe(String name, Path dataDir) {
    DatasetInfo i = info(name);
    if (entry(name).layout() != Layout.IMAGE_FOLDER) {
      return i;
    }
    ImageFolder.Listing train = listFiles(name, Split.TRAIN, dataDir);
    ImageFolder.Listing test = listFiles(name, Split.TEST, dataDir);
    Image first = ImageFolder.read(train.files().get(0), 3);
    return new DatasetInfo(i.name(), i.description(), train.classes().size(), first.height(), first.width(), 3,
        train.size(), test.size(), null, false, false);
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
    Entry e = entry(name);
    if (!e.info().downloadable()) {
      throw new DatasetException(name + " cannot be downloaded automatically; point --data-dir at a folder holding "
          + e.wanted());
    }
    Path dir = cacheRoot.resolve(e.info().name());
    try {
      return locate(name, dir);
    } catch (DatasetException notYet) {
      // fall through: fetch it
    }
    for (Remote r : e.remotes()) {
      URI url = mirror == null ? r.url() : mirror.resolve(r.file());
      Path target = downloader.fetch(url, dir.resolve(r.file()), r.checksum());
      if (r.tar()) {
        Archives.extractTar(target, dir);
        try {
          Files.delete(target);
        } catch (IOException ex) {
          throw new DatasetException(target, "cannot delete the unpacked archive: " + ex.getMessage(), ex);
        }
      }
    }
    return locate(name, dir);
  }
}
