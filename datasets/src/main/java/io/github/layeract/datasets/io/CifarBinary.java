package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The binary version of CIFAR-10 ({@code data_batch_1.bin} .. {@code data_batch_5.bin}, {@code test_batch.bin}) and
 * CIFAR-100 ({@code train.bin}, {@code test.bin}).
 *
 * <p>Each file is a sequence of fixed-size records: CIFAR-10 has one label byte then 3,072 pixel bytes; CIFAR-100
 * has a coarse label byte (20 super-classes), a fine label byte (100 classes), then 3,072 pixel bytes. The pixels
 * are channel-planar: 1,024 red, 1,024 green, 1,024 blue values, each plane 32 x 32 row-major; they are converted
 * to HWC. A file whose size is not a positive multiple of the record size, or with a label out of range, is
 * rejected.
 */
public final class CifarBinary {

  /** Image side. */
  public static final int SIZE = 32;
  private static final int PIXELS = SIZE * SIZE * 3;

  /** Which label a set uses. */
  public enum Labels {
    /** CIFAR-10's single label, 10 classes. */
    CIFAR10(1, 0, 10),
    /** CIFAR-100's fine label (the second byte), 100 classes. */
    CIFAR100_FINE(2, 1, 100),
    /** CIFAR-100's coarse label (the first byte), 20 classes. */
    CIFAR100_COARSE(2, 0, 20);

    final int labelBytes;
    final int labelOffset;
    /** Class count. */
    public final int classes;

    Labels(int labelBytes, int labelOffset, int classes) {
      this.labelBytes = labelBytes;
      this.labelOffset = labelOffset;
      this.classes = classes;
    }

    /** Bytes per record. */
    public int recordSize() {
      return labelBytes + PIXELS;
    }
  }

  private CifarBinary() {}

  /** Reads and concatenates the records of {@code files}, in order. */
  public static ImageSet read(List<Path> files, Labels kind) {
    byte[][] contents = new byte[files.size()][];
    long records = 0;
    for (int f = 0; f < files.size(); f++) {
      contents[f] = readValidated(files.get(f), kind);
      records += contents[f].length / kind.recordSize();
    }
    if (records * PIXELS > Integer.MAX_VALUE - 8) {
      throw new DatasetException(files.get(0), "too many records (" + records + ") for one set");
    }
    int n = (int) records;
    byte[] pixels = new byte[n * PIXELS];
    int[] labels = new int[n];
    int i = 0;
    for (byte[] data : contents) {
      for (int r = 0; r < data.length / kind.recordSize(); r++, i++) {
        int base = r * kind.recordSize();
        labels[i] = data[base + kind.labelOffset] & 0xFF;
        int px = base + kind.labelBytes;
        int out = i * PIXELS;
        for (int p = 0; p < SIZE * SIZE; p++) {
          pixels[out + 3 * p] = data[px + p];
          pixels[out + 3 * p + 1] = data[px + SIZE * SIZE + p];
          pixels[out + 3 * p + 2] = data[px + 2 * SIZE * SIZE + p];
        }
      }
    }
    return new ImageSet(n, SIZE, SIZE, 3, pixels, labels, kind.classes);
  }

  /** Writes a 32 x 32 x 3 set in CIFAR-10's record format (for tests and tools). */
  public static void writeCifar10(Path file, ImageSet set) {
    if (set.height() != SIZE || set.width() != SIZE || set.channels() != 3 || set.classes() > 256) {
      throw new IllegalArgumentException("CIFAR records hold 32x32x3 images with byte labels");
    }
    byte[] out = new byte[set.count() * Labels.CIFAR10.recordSize()];
    for (int i = 0; i < set.count(); i++) {
      int base = i * Labels.CIFAR10.recordSize();
      out[base] = (byte) set.labels()[i];
      for (int p = 0; p < SIZE * SIZE; p++) {
        for (int c = 0; c < 3; c++) {
          out[base + 1 + c * SIZE * SIZE + p] = set.pixels()[i * PIXELS + 3 * p + c];
        }
      }
    }
    AtomicFiles.write(file, o -> o.write(out));
  }

  /**
   * The number of records in {@code files}, from their sizes alone (a positive multiple of the record size each).
   *
   * @throws DatasetException naming the first missing or wrongly sized file
   */
  public static int count(List<Path> files, Labels kind) {
    long records = 0;
    for (Path file : files) {
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        throw new DatasetException(file, "file not found");
      } catch (IOException e) {
        throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
      }
      records += checkSize(file, size, kind);
    }
    return Math.toIntExact(records);
  }

  private static long checkSize(Path file, long size, Labels kind) {
    int record = kind.recordSize();
    if (size == 0 || size % record != 0) {
      throw new DatasetException(file, "truncated or not a " + (kind == Labels.CIFAR10 ? "CIFAR-10" : "CIFAR-100")
          + " binary file: " + size + " bytes is not a positive multiple of the " + record + "-byte record");
    }
    return size / record;
  }

  private static byte[] readValidated(Path file, Labels kind) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, "file not found");
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
    int record = kind.recordSize();
    checkSize(file, data.length, kind);
    for (int r = 0; r < data.length / record; r++) {
      for (int b = 0; b < kind.labelBytes; b++) {
        int label = data[r * record + b] & 0xFF;
        int limit = kind == Labels.CIFAR10 ? 10 : b == 0 ? 20 : 100;
        if (label >= limit) {
          throw new DatasetException(file, (kind == Labels.CIFAR10 ? "label " : b == 0 ? "coarse label " : "fine label ")
              + label + " of record " + r + " is out of range [0, " + limit + ")");
        }
      }
    }
    return data;
  }
}
