package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CIFAR-10-C / CIFAR-100-C layout (Hendrycks and Dietterich): a folder with one {@code <corruption>.npy} per
 * corruption, uint8 of shape {@code (5 * n, 32, 32, 3)} holding severities 1..5 in consecutive blocks of
 * {@code n} (n = 10,000), and {@code labels.npy} of shape {@code (5 * n,)} (the test labels repeated five times;
 * uint8, or int32/int64 as some copies store them).
 */
public final class CifarC {

  /** Severities per file. */
  public static final int SEVERITIES = 5;
  /** The labels file. */
  public static final String LABELS = "labels.npy";

  private CifarC() {}

  /** The corruptions present in {@code dir}: every {@code *.npy} but {@code labels.npy}, sorted by name. */
  public static List<String> corruptions(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir, "not a directory");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = new ArrayList<>();
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".npy") && !n.equals(LABELS)).sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - 4)));
      return names;
    } catch (IOException e) {
      throw new DatasetException(dir, "cannot list: " + e.getMessage(), e);
    }
  }

  /**
   * The images of one corruption at one severity (1..5) with their labels.
   *
   * @throws DatasetException if the file is missing or malformed, its row count is not divisible by 5 or differs
   *     from the labels', or a label is outside {@code [0, classes)}
   */
  public static ImageSet read(Path dir, String corruption, int severity, int classes) {
    if (severity < 1 || severity > SEVERITIES) {
      throw new IllegalArgumentException("severity must be 1..5, got " + severity);
    }
    Path file = dir.resolve(corruption + ".npy");
    long[] shape = imagesShape(file);
    int[] allLabels = Npy.readLabels(dir.resolve(LABELS));
    if (allLabels.length != shape[0]) {
      throw new DatasetException(dir.resolve(LABELS), "count mismatch: " + allLabels.length + " labels but "
          + file.getFileName() + " has " + shape[0] + " images");
    }
    int n = (int) (shape[0] / SEVERITIES);
    int first = (severity - 1) * n;
    Npy.Uint8Array block = Npy.readUint8Rows(file, first, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = allLabels[first + i];
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new DatasetException(dir.resolve(LABELS), "label " + labels[i] + " of item " + (first + i)
            + " is out of range [0, " + classes + ")");
      }
    }
    return new ImageSet(n, (int) shape[1], (int) shape[2], (int) shape[3], block.data(), labels, classes);
  }

  /**
   * Checks {@code labels.npy} and every corruption file of {@code dir} from their headers and sizes (no data is
   * read): image arrays of shape (5 N, H, W, C) with as many rows as there are labels.
   *
   * @return N, the images per corruption and severity
   * @throws DatasetException naming the first bad file
   */
  public static int check(Path dir) {
    Path labelsFile = dir.resolve(LABELS);
    long[] labels = Npy.readHeader(labelsFile).shape();
    if (labels.length != 1) {
      throw new DatasetException(labelsFile, "expected a vector of labels, got shape " + Npy.shapeString(labels));
    }
    for (String corruption : corruptions(dir)) {
      Path file = dir.resolve(corruption + ".npy");
      long[] shape = imagesShape(file);
      if (shape[0] != labels[0]) {
        throw new DatasetException(labelsFile, "count mismatch: " + labels[0] + " labels but " + file.getFileName()
            + " has " + shape[0] + " images");
      }
    }
    if (labels[0] % SEVERITIES != 0 || labels[0] == 0) {
      throw new DatasetException(labelsFile, labels[0] + " labels cannot be split into 5 severities");
    }
    return (int) (labels[0] / SEVERITIES);
  }

  /** The shape of a corruption file, checked: (5 N, H, W, 1 or 3) with N > 0; its size is checked by the header. */
  private static long[] imagesShape(Path file) {
    long[] shape = Npy.readHeader(file).shape();
    if (shape.length != 4 || shape[3] != 3 && shape[3] != 1) {
      throw new DatasetException(file, "expected images of shape (N, H, W, 3), got " + Npy.shapeString(shape));
    }
    if (shape[0] % SEVERITIES != 0 || shape[0] == 0) {
      throw new DatasetException(file, shape[0] + " images cannot be split into 5 severities");
    }
    return shape;
  }
}
