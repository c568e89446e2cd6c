package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The five texture images the frost corruption blends in: either the published ones (hendrycks/robustness,
 * {@code ImageNet-C/imagenet_c/imagenet_c/frost/}: frost1.png, frost2.png, frost3.png, frost4.jpg, frost5.jpg;
 * frost6.jpg is never used by the reference) read from a directory, or procedural stand-ins made here.
 *
 * <p>The procedural textures are a project choice, not Hendrycks': ice-crystal needles with 60-degree side
 * branches (hexagonal ice), accumulated with a soft saturation {@code 1 - exp(-a)}, lightly blurred, over a
 * low-frequency {@link Plasma} haze and fine grain, tinted bluish white (mean level about 115-130 of 255, an
 * assumption: the published images are not available to this project), at the published images' sizes
 * (900x600, 560x315, 560x315, 527x350, 660x495). They are generated once, from a fixed seed, so they are the
 * same on every run. Results computed with them are "Hendrycks-style", not comparable number for number with
 * CIFAR-10-C or ImageNet-C frost.
 */
public final class FrostTextures {

  /** The file names read from a frost directory, in the reference's index order. */
  public static final List<String> FILE_NAMES = List.of("frost1.png", "frost2.png", "frost3.png", "frost4.jpg",
      "frost5.jpg");

  private static final int[][] PUBLISHED_SIZES = {{600, 900}, {315, 560}, {315, 560}, {350, 527}, {495, 660}};
  private static final long PROCEDURAL_SEED = 0x5EED_F405L;

  private static final class ProceduralHolder {
    static final FrostTextures INSTANCE = new FrostTextures(proceduralImages(), true);
  }

  private final List<Image> full;
  private final List<Image> cifarScale;
  private final boolean procedural;

  private FrostTextures(List<Image> full, boolean procedural) {
    this.full = List.copyOf(full);
    List<Image> small = new ArrayList<>();
    for (Image f : full) {
      small.add(Resize.bilinear(f, (int) Math.rint(f.height() * 0.2), (int) Math.rint(f.width() * 0.2), 1 / 0.2));
    }
    this.cifarScale = List.copyOf(small);
    this.procedural = procedural;
  }

  /** The procedural textures (generated on first use, about a second; then shared). */
  public static FrostTextures procedural() {
    return ProceduralHolder.INSTANCE;
  }

  /**
   * The published textures from {@code dir}.
   *
   * @throws DatasetException naming the missing or unreadable file
   */
  public static FrostTextures fromDirectory(Path dir) {
    List<Image> images = new ArrayList<>();
    for (String name : FILE_NAMES) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        throw new DatasetException(file, "missing frost image (get frost1.png..frost5.jpg from hendrycks/robustness,"
            + " ImageNet-C/imagenet_c/imagenet_c/frost/)");
      }
      try {
        BufferedImage bi = ImageIO.read(file.toFile());
        if (bi == null) {
          throw new DatasetException(file, "not a readable PNG or JPEG image");
        }
        images.add(rgb(bi));
      } catch (IOException e) {
        throw new DatasetException(file, "cannot read frost image: " + e.getMessage(), e);
      }
    }
    return new FrostTextures(images, false);
  }

  /** True for the procedural stand-ins. */
  public boolean isProcedural() {
    return procedural;
  }

  /**
   * Texture {@code index} (0..4) as the reference uses it: for {@link Preset#CIFAR} resized by 0.2 (OpenCV
   * bilinear, half-pixel centres), for {@link Preset#IMAGENET} at full size.
   */
  Image texture(int index, Preset preset) {
    return preset == Preset.CIFAR ? cifarScale.get(index) : full.get(index);
  }

  private static Image rgb(BufferedImage bi) {
    int w = bi.getWidth();
    int h = bi.getHeight();
    byte[] out = new byte[h * w * 3];
    int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      out[3 * i] = (byte) (argb[i] >> 16);
      out[3 * i + 1] = (byte) (argb[i] >> 8);
      out[3 * i + 2] = (byte) argb[i];
    }
    return new Image(h, w, 3, out);
  }

  private static List<Image> proceduralImages() {
    SplittableRandom root = new SplittableRandom(PROCEDURAL_SEED);
    List<Image> images = new ArrayList<>();
    for (int[] size : PUBLISHED_SIZES) {
      images.add(proceduralTexture(size[0], size[1], root.split()));
    }
    return images;
  }

  /** One bluish-white ice texture of {@code h x w}. */
  static Image proceduralTexture(int h, int w, SplittableRandom rng) {
    double[] ice = new double[h * w];
    int seeds = h * w / 900;
    for (int s = 0; s < seeds; s++) {
      double angle = rng.nextInt(6) * Math.PI / 3 + rng.nextDouble(-0.25, 0.25);
      double length = 12 + rng.nextDouble() * 60;
      needle(ice, h, w, rng.nextDouble(w), rng.nextDouble(h), angle, length, 0.35 + 0.4 * rng.nextDouble(), 2, rng);
    }
    for (int i = 0; i < ice.length; i++) {
      ice[i] = 1 - Math.exp(-ice[i]);
    }
    ice = Filters.gaussian(ice, h, w, 1, 0.8, Border.REFLECT, 4);
    int size = Plasma.mapSize(Math.max(h, w));
    double[] haze = Plasma.fractal(size, 1.6, rng);
    byte[] out = new byte[h * w * 3];
    double[] tint = {0.82, 0.9, 1.0};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double v = 0.5 + 0.3 * (haze[y * size + x] - 0.5) + 0.5 * ice[i] + 0.04 * rng.nextGaussian();
        for (int k = 0; k < 3; k++) {
          out[3 * i + k] = (byte) (int) (255 * Unit.clip01(v * tint[k]));
        }
      }
    }
    return new Image(h, w, 3, out);
  }

  /** Adds a straight needle with two generations of side branches at +-60 degrees to {@code ice}. */
  private static void needle(double[] ice, int h, int w, double x0, double y0, double angle, double length,
      double strength, int depth, SplittableRandom rng) {
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    for (double t = 0; t < length; t += 0.5) {
      int x = (int) (x0 + t * dx);
      int y = (int) (y0 + t * dy);
      if (x < 0 || y < 0 || x >= w || y >= h) {
        break;
      }
      ice[y * w + x] += strength * (1 - 0.6 * t / length);
      if (depth > 0 && rng.nextDouble() < 0.08) {
        double side = rng.nextBoolean() ? Math.PI / 3 : -Math.PI / 3;
        needle(ice, h, w, x0 + t * dx, y0 + t * dy, angle + side, length * 0.35, strength * 0.7, depth - 1, rng);
      }
    }
  }
}
