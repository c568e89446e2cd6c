package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Image;
import io.github.layeract.datasets.ImageSet;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Folders of images, one sub-folder per class ({@code root/<class>/<image>.jpg|jpeg|png}): the ImageNet train and
 * val layouts ({@code <wnid>/*.JPEG}, val re-sorted into class folders) and each {@code <corruption>/<severity>}
 * folder of ImageNet-C. Classes are the sub-folder names in sorted order (so ImageNet's wnids get their standard
 * indices); files are sorted by name.
 */
public final class ImageFolder {

  private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  private ImageFolder() {}

  /**
   * The image files of a folder and their labels.
   *
   * @param root the folder
   * @param classes class names; label {@code k} is {@code classes.get(k)}
   * @param files image paths
   * @param labels label of each file
   */
  public record Listing(Path root, List<String> classes, List<Path> files, int[] labels) {
    /** Number of files. */
    public int size() {
      return files.size();
    }
  }

  /** Lists {@code root}, taking the classes from its sub-folders (sorted). */
  public static Listing list(Path root) {
    return list(root, null);
  }

  /**
   * Lists {@code root} with a given class order (e.g. the training set's, so a validation or corrupted folder
   * gets the same label indices); {@code null} takes the sub-folders in sorted order.
   *
   * @throws DatasetException if {@code root} is missing, has no class folders, a folder is not a known class, or
   *     there are no images
   */
  public static Listing list(Path root, List<String> classes) {
    if (!Files.isDirectory(root)) {
      throw new DatasetException(root, "not a directory (expected one sub-folder of images per class)");
    }
    List<String> folders;
    try (Stream<Path> s = Files.list(root)) {
      folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new DatasetException(root, "cannot list: " + e.getMessage(), e);
    }
    if (folders.isEmpty()) {
      throw new DatasetException(root, "has no class sub-folders");
    }
    List<String> names = classes == null ? folders : classes;
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (String folder : folders) {
      int label = names.indexOf(folder);
      if (label < 0) {
        throw new DatasetException(root.resolve(folder), "is not one of the " + names.size() + " known classes");
      }
      try (Stream<Path> s = Files.list(root.resolve(folder))) {
        s.filter(ImageFolder::isImage).sorted().forEach(p -> {
          files.add(p);
          labels.add(label);
        });
      } catch (IOException e) {
        throw new DatasetException(root.resolve(folder), "cannot list: " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new DatasetException(root, "has no .jpg, .jpeg or .png images in its class folders");
    }
    return new Listing(root, List.copyOf(names), List.copyOf(files),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /**
   * Decodes every listed image into one set of {@code height x width x channels} (1 = gray, 3 = RGB), in parallel.
   * An image of another size is resized (bilinear) so that it covers the target and center-cropped, keeping its
   * aspect ratio; an image of the right size is kept pixel for pixel. Meant for sets that fit in memory
   * (ImageNet-C severity folders, small custom sets); stream ImageNet itself with
   * {@code InputPipeline.fromFiles}.
   */
  public static ImageSet load(Listing listing, int height, int width, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    int size = height * width * channels;
    if ((long) size * listing.size() > Integer.MAX_VALUE - 8) {
      throw new DatasetException(listing.root(), listing.size() + " images of " + height + "x" + width + "x"
          + channels + " do not fit in memory as one set; stream them with InputPipeline.fromFiles");
    }
    byte[] pixels = new byte[size * listing.size()];
    IntStream.range(0, listing.size()).parallel().forEach(i -> {
      Image img = read(listing.files().get(i), channels);
      Image fitted = img.height() == height && img.width() == width ? img : resizeCrop(img, height, width);
      System.arraycopy(fitted.pixels(), 0, pixels, i * size, size);
    });
    return new ImageSet(listing.size(), height, width, channels, pixels, listing.labels().clone(),
        listing.classes().size());
  }

  /** Decodes one JPEG or PNG file into an HWC image of {@code channels} (1: luma 0.299 R + 0.587 G + 0.114 B). */
  public static Image read(Path file, int channels) {
    BufferedImage b;
    try {
      b = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new DatasetException(file, "cannot decode image: " + e.getMessage(), e);
    }
    if (b == null) {
      throw new DatasetException(file, "not a readable JPEG or PNG image");
    }
    int h = b.getHeight();
    int w = b.getWidth();
    byte[] px = new byte[h * w * channels];
    boolean gray = b.getType() == BufferedImage.TYPE_BYTE_GRAY;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r;
        int g;
        int bl;
        if (gray) {
          // the raster holds the stored values; getRGB would apply a linear-to-sRGB conversion
          r = g = bl = b.getRaster().getSample(x, y, 0);
        } else {
          int rgb = b.getRGB(x, y);
          r = (rgb >> 16) & 0xFF;
          g = (rgb >> 8) & 0xFF;
          bl = rgb & 0xFF;
        }
        int o = (y * w + x) * channels;
        if (channels == 3) {
          px[o] = (byte) r;
          px[o + 1] = (byte) g;
          px[o + 2] = (byte) bl;
        } else {
          px[o] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * bl);
        }
      }
    }
    return new Image(h, w, channels, px);
  }

  /** Scales {@code img} (bilinear) to cover {@code height x width}, then crops the centre. */
  static Image resizeCrop(Image img, int height, int width) {
    double scale = Math.max((double) height / img.height(), (double) width / img.width());
    int sh = Math.max(height, (int) Math.round(img.height() * scale));
    int sw = Math.max(width, (int) Math.round(img.width() * scale));
    BufferedImage src = toBuffered(img);
    BufferedImage dst = new BufferedImage(sw, sh, src.getType());
    Graphics2D g = dst.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, sw, sh, null);
    g.dispose();
    int top = (sh - height) / 2;
    int left = (sw - width) / 2;
    Image out = Image.zeros(height, width, img.channels());
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < img.channels(); c++) {
          out.set(y, x, c, dst.getRaster().getSample(left + x, top + y, c));
        }
      }
    }
    return out;
  }

  private static BufferedImage toBuffered(Image img) {
    BufferedImage b = new BufferedImage(img.width(), img.height(),
        img.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        for (int c = 0; c < img.channels(); c++) {
          b.getRaster().setSample(x, y, c, img.get(y, x, c));
        }
      }
    }
    return b;
  }
}
