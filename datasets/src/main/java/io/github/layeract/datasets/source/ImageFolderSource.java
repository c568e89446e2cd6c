package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.pipeline.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images (JPEG, PNG) in class sub-folders of {@code train/} and {@code test/} or {@code val/}: ILSVRC-2012 ImageNet
 * ({@code <wnid>} folders, validation in {@code val/}, too large to load into memory) or any user's folder
 * ({@code image-folder}: classes, shape and counts come from the files).
 */
final class ImageFolderSource extends FileSource {

  private final boolean imagenet;

  private ImageFolderSource(DatasetInfo info, String wanted, boolean imagenet) {
    super(info, "", List.of(), wanted, List.of());
    this.imagenet = imagenet;
  }

  static ImageFolderSource imagenet() {
    return new ImageFolderSource(new DatasetInfo("imagenet", "ILSVRC-2012 ImageNet: 1000 classes, served as 224x224x3 "
        + "crops", 1000, 224, 224, 3, 1_281_167, 50_000, Normalization.IMAGENET, false, false),
        "train/<wnid>/*.JPEG and val/<wnid>/*.JPEG folders", true);
  }

  static ImageFolderSource imageFolder() {
    return new ImageFolderSource(new DatasetInfo("image-folder", "any images in class sub-folders: train/<class>/*, "
        + "test/<class>/* (JPEG, PNG)", -1, -1, -1, 3, -1, -1, null, false, false),
        "train/<class>/* and test/<class>/* (or val/) image folders", false);
  }

  @Override
  boolean holdsData(Path dir) {
    return Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("val"))
        || !imagenet && Files.isDirectory(dir.resolve("test"));
  }

  @Override
  String otherWays() {
    return imagenet ? "ImageNet needs registration, so " : "";
  }

  @Override
  public Path locate(Path dataDir) {
    if (dataDir == null && !imagenet) {
      throw needsFolder();
    }
    return super.locate(dataDir);
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    if (imagenet) {
      throw new DatasetException(info().name() + " is too large to load into memory: stream its files");
    }
    Image first = firstTrainingImage(dataDir);
    return ImageFolder.load(listFiles(split, dataDir), first.height(), first.width(), 3);
  }

  /**
   * The split's files ({@code imagenet}: {@code train/} or {@code val/}; {@code image-folder}: {@code train/} or
   * {@code test/}, else {@code val/}), labelled with the training folder's classes when it exists so both splits
   * share indices.
   */
  @Override
  public ImageFolder.Listing listFiles(Split split, Path dataDir) {
    Path root = locate(dataDir);
    Path trainDir = root.resolve("train");
    Path dir = split == Split.TRAIN ? trainDir
        : imagenet || !Files.isDirectory(root.resolve("test")) ? root.resolve("val") : root.resolve("test");
    List<String> classes = Files.isDirectory(trainDir) && split == Split.TEST ? ImageFolder.list(trainDir).classes()
        : null;
    return ImageFolder.list(dir, classes);
  }

  /** For {@code image-folder}, the classes, the first training image's shape and the file counts. */
  @Override
  public DatasetInfo describe(Path dataDir) {
    if (imagenet) {
      locate(dataDir);
      return info();
    }
    ImageFolder.Listing train = listFiles(Split.TRAIN, dataDir);
    ImageFolder.Listing test = listFiles(Split.TEST, dataDir);
    Image first = firstTrainingImage(dataDir);
    DatasetInfo i = info();
    return new DatasetInfo(i.name(), i.description(), train.classes().size(), first.height(), first.width(), 3,
        train.size(), test.size(), null, false, false);
  }

  private Image firstTrainingImage(Path dataDir) {
    return ImageFolder.read(listFiles(Split.TRAIN, dataDir).files().get(0), 3);
  }
}
