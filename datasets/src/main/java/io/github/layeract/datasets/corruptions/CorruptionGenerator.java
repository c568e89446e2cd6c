package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.io.AtomicFiles;
import io.github.layeract.datasets.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes corrupted copies of an {@link ImageSet} in the two published layouts.
 *
 * <ul>
 *   <li>{@link #writeCifarC}: CIFAR-10-C / CIFAR-100-C: {@code <dir>/<corruption>.npy}, uint8
 *       {@code (S*N, H, W, C)} with the severities in order (rows {@code N(s-1) .. Ns-1} hold severity s, the
 *       images in the set's order), and {@code <dir>/labels.npy}, uint8 {@code (S*N,)}: the labels repeated S times.
 *       S = 5 unless {@link #severities} says otherwise.</li>
 *   <li>{@link #writeImageNetC}: ImageNet-C: {@code <dir>/<corruption>/<severity>/<class>/<file>}, one image file
 *       each, PNG (lossless) or JPEG quality 85 (what ImageNet-C itself did, adding one q85 round trip).</li>
 * </ul>
 *
 * Work runs on {@link #threads} threads; every file is written to a temporary name and renamed, so an interrupted
 * run leaves only complete files, and with {@link #resume} a rerun skips them. Image i of corruption c at severity s
 * is seeded by {@link CorruptedSets#imageSeed}, so the output is the same for any thread count and equals
 * {@link CorruptedSets#corrupt} with the same seed.
 *
 * <pre>{@code
 * new CorruptionGenerator().seed(1).listener((done, total, what) -> bar.update(done, total))
 *     .writeCifarC(cifar10Test, Path.of("CIFAR-10-C-java"));
 * }</pre>
 */
public final class CorruptionGenerator {

  /** File format of the ImageNet-C layout. */
  public enum Format {
    /** Lossless {@code .png}. */
    PNG("png"),
    /** {@code .JPEG} at quality 85 (IJG tables, 4:2:0), as the published ImageNet-C. */
    JPEG("JPEG");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    /** The file extension without the dot. */
    public String extension() {
      return extension;
    }
  }

  private List<Corruption> corruptions = Corruptions.all();
  private int[] severities = {1, 2, 3, 4, 5};
  private long seed;
  private Preset preset;
  private int threads = Parallel.defaultThreads();
  private ProgressListener listener = ProgressListener.NONE;
  private boolean resume;

  /** The corruptions to write (default all 19, procedural frost). */
  public CorruptionGenerator corruptions(List<Corruption> list) {
    this.corruptions = List.copyOf(list);
    return this;
  }

  /** The severities to write, in this order (default 1..5). */
  public CorruptionGenerator severities(int... list) {
    for (int s : list) {
      if (s < 1 || s > 5) {
        throw new IllegalArgumentException("severity must be 1..5, got " + s);
      }
    }
    this.severities = list.clone();
    return this;
  }

  /** The seed from which every image's random stream is derived (default 0). */
  public CorruptionGenerator seed(long value) {
    this.seed = value;
    return this;
  }

  /** The parameter table; {@code null} (default) chooses by image size ({@link Preset#forSize}). */
  public CorruptionGenerator preset(Preset value) {
    this.preset = value;
    return this;
  }

  /** Worker threads (default: available processors). */
  public CorruptionGenerator threads(int value) {
    this.threads = Math.max(1, value);
    return this;
  }

  /** Receives progress on the calling thread. */
  public CorruptionGenerator listener(ProgressListener value) {
    this.listener = Objects.requireNonNull(value);
    return this;
  }

  /** Skip outputs that already exist (complete, thanks to the atomic writes) instead of rewriting them. */
  public CorruptionGenerator resume(boolean value) {
    this.resume = value;
    return this;
  }

  /**
   * Writes {@code <corruption>.npy} for every corruption and {@code labels.npy} into {@code dir}.
   *
   * @return the files written or kept
   * @throws DatasetException if a file cannot be written, or the set does not fit the layout (more than 256
   *     classes for uint8 labels, or more than 2^31 - 1 bytes per corruption file)
   */
  public List<Path> writeCifarC(ImageSet set, Path dir) {
    if (set.classes() > 256) {
      throw new DatasetException(dir.resolve("labels.npy"), "CIFAR-C labels are uint8, but the set has "
          + set.classes() + " classes; use the ImageNet-C folder layout");
    }
    long bytes = (long) severities.length * set.pixels().length;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new DatasetException(dir, "a corruption file would hold " + bytes
          + " bytes, more than one array can; use the ImageNet-C folder layout");
    }
    List<Path> files = new ArrayList<>();
    long total = (long) corruptions.size() * severities.length * set.count();
    long done = 0;
    for (Corruption c : corruptions) {
      Path file = dir.resolve(c.name() + ".npy");
      if (!(resume && Files.isRegularFile(file))) {
        byte[] data = new byte[(int) bytes];
        for (int k = 0; k < severities.length; k++) {
          CorruptedSets.corruptInto(set, c, severities[k], preset, seed, threads, data,
              (long) k * set.pixels().length, listener, done + (long) k * set.count(), total);
        }
        Npy.writeUint8(file, data, (long) severities.length * set.count(), set.height(), set.width(),
            set.channels());
      }
      done += (long) severities.length * set.count();
      listener.progress(done, total, c.name());
      files.add(file);
    }
    byte[] labels = new byte[severities.length * set.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) set.labels()[i % set.count()];
    }
    Path labelFile = dir.resolve("labels.npy");
    Npy.writeUint8(labelFile, labels, labels.length);
    files.add(labelFile);
    return files;
  }

  /**
   * Writes {@code <dir>/<corruption>/<severity>/<class>/<file>.<ext>} for every corruption, severity and image.
   *
   * @param classNames folder name of each label, or {@code null} for zero-padded label numbers ({@code 007})
   * @param fileNames base name (without extension) of each image, or {@code null} for zero-padded indices
   * @return the number of image files written or kept
   */
  public long writeImageNetC(ImageSet set, Path dir, Format format, List<String> classNames,
      List<String> fileNames) {
    if (classNames != null && classNames.size() < set.classes()) {
      throw new IllegalArgumentException("need " + set.classes() + " class names, got " + classNames.size());
    }
    if (fileNames != null && fileNames.size() != set.count()) {
      throw new IllegalArgumentException("need " + set.count() + " file names, got " + fileNames.size());
    }
    Preset table = preset != null ? preset : Preset.forSize(set.height(), set.width());
    long total = (long) corruptions.size() * severities.length * set.count();
    long done = 0;
    for (Corruption c : corruptions) {
      for (int severity : severities) {
        long before = done;
        Parallel.forEach(set.count(), threads, i -> {
          int label = set.labels()[i];
          String cls = classNames != null ? classNames.get(label) : pad(label, set.classes());
          String name = (fileNames != null ? fileNames.get(i) : pad(i, set.count())) + "." + format.extension();
          Path file = dir.resolve(c.name()).resolve(Integer.toString(severity)).resolve(cls).resolve(name);
          if (resume && Files.isRegularFile(file)) {
            return;
          }
          Image image = c.apply(set.image(i), severity, table,
              new SplittableRandom(CorruptedSets.imageSeed(seed, c.name(), severity, i)));
          byte[] encoded = format == Format.JPEG ? JpegCodec.encode(image, 85) : png(image);
          AtomicFiles.write(file, out -> out.write(encoded));
        }, finished -> listener.progress(before + finished, total, c.name() + " s" + severity));
        done += set.count();
      }
    }
    return total;
  }

  private static String pad(int value, int count) {
    int digits = Integer.toString(Math.max(0, count - 1)).length();
    return String.format("%0" + digits + "d", value);
  }

  static byte[] png(Image image) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      if (!ImageIO.write(JpegCodec.toBuffered(image), "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return bytes.toByteArray();
  }
}
