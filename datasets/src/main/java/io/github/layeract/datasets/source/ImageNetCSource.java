package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.datasets.pipeline.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Hendrycks and Dietterich's ImageNet-C: {@code <corruption>/<1..5>/<wnid>/*.JPEG}, 224 x 224. */
final class ImageNetCSource extends FileSource {

  ImageNetCSource() {
    super(new DatasetInfo("imagenet-c", "Hendrycks and Dietterich's ImageNet-C: corruptions x 5 severities of the "
        + "ImageNet validation set, 224x224", 1000, 224, 224, 3, 0, 50_000, Normalization.IMAGENET, true, false), "",
        List.of(), "<corruption>/<1..5>/<wnid>/*.JPEG folders", List.of());
  }

  @Override
  boolean holdsData(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(ImageNetCSource::hasSeverityFolder);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code corruption} has at least one of the sub-folders {@code 1} .. {@code 5}. */
  private static boolean hasSeverityFolder(Path corruption) {
    return Stream.of("1", "2", "3", "4", "5").anyMatch(k -> Files.isDirectory(corruption.resolve(k)));
  }

  @Override
  String otherWays() {
    return "ImageNet needs registration, so ";
  }

  @Override
  public ImageSet load(Split split, Path dataDir) {
    throw corruptedOnly();
  }

  @Override
  public DatasetInfo describe(Path dataDir) {
    locate(dataDir);
    return info();
  }

  @Override
  public List<String> corruptions(Path dataDir) {
    Path dir = locate(dataDir);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(ImageNetCSource::hasSeverityFolder).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException ex) {
      throw new DatasetException(dir, "cannot list: " + ex.getMessage(), ex);
    }
  }

  /** The decoded folder: 50,000 images of 224 x 224 x 3 need 7.5 GB, so prefer {@link #listCorruptedFiles}. */
  @Override
  public ImageSet loadCorrupted(String corruption, int severity, Path dataDir) {
    return ImageFolder.load(listCorruptedFiles(corruption, severity, dataDir), 224, 224, 3);
  }

  @Override
  public ImageFolder.Listing listCorruptedFiles(String corruption, int severity, Path dataDir) {
    if (severity < 1 || severity > 5) {
      throw new DatasetException(info().name() + ": severity must be 1..5, got " + severity);
    }
    Path dir = locate(dataDir).resolve(corruption).resolve(Integer.toString(severity));
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir, "not found (corruption '" + corruption + "', severity " + severity + ")");
    }
    return ImageFolder.list(dir);
  }
}
