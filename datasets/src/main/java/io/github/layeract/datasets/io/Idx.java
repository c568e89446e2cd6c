package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.ImageSet;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the content, not the name).
 *
 * <p>Layout: a big-endian magic {@code 0x0000 TT NN} (type {@code TT = 0x08} for unsigned bytes, {@code NN}
 * dimensions), then {@code NN} big-endian int32 sizes, then the data in C order. Images are {@code 0x00000803}
 * (count, rows, columns); labels are {@code 0x00000801} (count). Readers check the magic, the sizes, that the file
 * holds exactly the announced bytes, that images and labels agree in count and that labels lie in
 * {@code [0, classes)}.
 *
 * <pre>{@code
 * ImageSet train = Idx.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 10);
 * }</pre>
 */
public final class Idx {

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private Idx() {}

  /** Reads an images file and a labels file into one grayscale set (C = 1). */
  public static ImageSet read(Path images, Path labels, int classes) {
    try (InputStream im = open(images); InputStream lb = open(labels)) {
      return read(images, im, labels, lb, classes);
    } catch (IOException e) {
      throw new DatasetException(images, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads IDX images and labels from streams (raw or gzip, closed on return); {@code images} and {@code labels}
   * name them in errors (e.g. a class-path resource).
   */
  public static ImageSet read(Path images, InputStream imagesIn, Path labels, InputStream labelsIn,
      int classes) throws IOException {
    try (InputStream im = maybeGunzip(images, imagesIn); InputStream lb = maybeGunzip(labels, labelsIn)) {
      int[] dims = header(images, im, IMAGES_MAGIC, 3);
      int[] labelDims = header(labels, lb, LABELS_MAGIC, 1);
      if (dims[0] != labelDims[0]) {
        throw new DatasetException(labels, "count mismatch: " + labelDims[0] + " labels but " + images.getFileName()
            + " has " + dims[0] + " images");
      }
      byte[] pixels = body(images, im, (long) dims[0] * dims[1] * dims[2]);
      byte[] raw = body(labels, lb, dims[0]);
      int[] y = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        y[i] = raw[i] & 0xFF;
        if (y[i] >= classes) {
          throw new DatasetException(labels, "label " + y[i] + " of item " + i + " is out of range [0, " + classes + ")");
        }
      }
      return new ImageSet(dims[0], dims[1], dims[2], 1, pixels, y, classes);
    }
  }

  /**
   * Checks an images file and a labels file without reading their data: the magic numbers, equal counts, and that
   * each holds exactly the bytes its header announces (for a gzip file, the uncompressed size its trailer records).
   *
   * @return the number of images
   * @throws DatasetException naming the first bad file
   */
  public static int check(Path images, Path labels) {
    int[] dims = checkFile(images, IMAGES_MAGIC, 3);
    int[] labelDims = checkFile(labels, LABELS_MAGIC, 1);
    if (dims[0] != labelDims[0]) {
      throw new DatasetException(labels, "count mismatch: " + labelDims[0] + " labels but " + images.getFileName()
          + " has " + dims[0] + " images");
    }
    return dims[0];
  }

  private static int[] checkFile(Path file, int magic, int ndims) {
    try (InputStream raw = open(file); InputStream in = maybeGunzip(file, raw)) {
      int[] dims = header(file, in, magic, ndims);
      long announced = 4 + 4L * ndims;
      long data = 1;
      for (int d : dims) {
        data *= d;
      }
      announced += data;
      boolean gzip = isGzip(file);
      long size = gzip ? gzipTrailerSize(file) : Files.size(file);
      // the gzip trailer holds the uncompressed size modulo 2^32
      if (gzip ? size != (announced & 0xFFFFFFFFL) : size != announced) {
        throw new DatasetException(file, (size < announced ? "truncated" : "wrong size") + ": holds " + size
            + (gzip ? " uncompressed bytes (gzip trailer)" : " bytes") + " but its header announces " + announced);
      }
      return dims;
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** ISIZE, the last 4 bytes of a gzip file: the uncompressed size modulo 2^32, little-endian. */
  private static long gzipTrailerSize(Path file) throws IOException {
    try (var ch = Files.newByteChannel(file)) {
      if (ch.size() < 18) {
        throw new DatasetException(file, "truncated: " + ch.size() + " bytes is shorter than a gzip file");
      }
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(ch.size() - 4);
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) {
          throw new DatasetException(file, "truncated gzip trailer");
        }
      }
      return b.getInt(0) & 0xFFFFFFFFL;
    }
  }

  /** Writes the images of a grayscale set as a gzip IDX file (atomically). */
  public static void writeImages(Path file, ImageSet set) {
    if (set.channels() != 1) {
      throw new IllegalArgumentException("IDX images are grayscale; the set has " + set.channels() + " channels");
    }
    writeGzip(file, IMAGES_MAGIC, new int[] {set.count(), set.height(), set.width()}, set.pixels());
  }

  /** Writes the labels of a set as a gzip IDX file (atomically). */
  public static void writeLabels(Path file, ImageSet set) {
    byte[] raw = new byte[set.count()];
    for (int i = 0; i < raw.length; i++) {
      if (set.labels()[i] > 255) {
        throw new IllegalArgumentException("IDX labels are bytes; label " + set.labels()[i] + " does not fit");
      }
      raw[i] = (byte) set.labels()[i];
    }
    writeGzip(file, LABELS_MAGIC, new int[] {set.count()}, raw);
  }

  private static void writeGzip(Path file, int magic, int[] dims, byte[] data) {
    AtomicFiles.write(file, out -> {
      GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
      DataOutputStream d = new DataOutputStream(gz);
      d.writeInt(magic);
      for (int n : dims) {
        d.writeInt(n);
      }
      d.write(data);
      d.flush();
      gz.finish();
    });
  }

  /** Opens a file, transparently un-gzipping it when it starts with the gzip magic {@code 1f 8b}. */
  static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, "file not found");
    }
  }

  private static InputStream maybeGunzip(Path file, InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      } catch (EOFException | ZipException e) {
        in.close();
        throw new DatasetException(file, "truncated or corrupt gzip header");
      }
    }
    return in;
  }

  private static int[] header(Path file, InputStream in, int magic, int ndims) {
    byte[] m = body(file, in, 4, "the IDX magic number");
    int found = ByteBuffer.wrap(m).getInt();
    if (found != magic) {
      throw new DatasetException(file, String.format("wrong magic number 0x%08x, expected 0x%08x (%s)", found, magic,
          magic == IMAGES_MAGIC ? "IDX unsigned-byte images" : "IDX unsigned-byte labels"));
    }
    ByteBuffer d = ByteBuffer.wrap(body(file, in, 4L * ndims, "the IDX dimensions"));
    int[] dims = new int[ndims];
    for (int i = 0; i < ndims; i++) {
      dims[i] = d.getInt();
      if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
        throw new DatasetException(file, "invalid IDX dimension " + dims[i]);
      }
    }
    return dims;
  }

  private static byte[] body(Path file, InputStream in, long length) {
    byte[] data = body(file, in, length, "the data");
    try {
      if (in.read() != -1) {
        throw new DatasetException(file, "trailing bytes after the " + length + " announced data bytes");
      }
    } catch (IOException e) {
      throw new DatasetException(file, "corrupt after the data: " + e.getMessage(), e);
    }
    return data;
  }

  private static byte[] body(Path file, InputStream in, long length, String what) {
    if (length > Integer.MAX_VALUE - 8) {
      throw new DatasetException(file, "announces " + length + " bytes, too many for one Java array");
    }
    try {
      byte[] data = in.readNBytes((int) length);
      if (data.length < length) {
        throw new DatasetException(file, "truncated: ends after " + data.length + " of " + length + " bytes of " + what);
      }
      return data;
    } catch (EOFException e) {
      throw new DatasetException(file, "truncated: compressed stream ends inside " + what);
    } catch (IOException e) {
      throw new DatasetException(file, "corrupt while reading " + what + ": " + e.getMessage(), e);
    }
  }
}
