package io.github.layeract.datasets.corruptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 19 corruptions by name, in the paper's order (also CIFAR-10-C's file list):
 *
 * <pre>
 *  #  name               category  #  name               category
 *  1  gaussian_noise     Noise    11  brightness         Weather
 *  2  shot_noise         Noise    12  contrast           Digital
 *  3  impulse_noise      Noise    13  elastic_transform  Digital
 *  4  defocus_blur       Blur     14  pixelate           Digital
 *  5  glass_blur         Blur     15  jpeg_compression   Digital
 *  6  motion_blur        Blur     16  speckle_noise      Extra
 *  7  zoom_blur          Blur     17  gaussian_blur      Extra
 *  8  snow               Weather  18  spatter            Extra
 *  9  frost              Weather  19  saturate           Extra
 * 10  fog                Weather
 * </pre>
 *
 * Frost needs texture images: {@link #all(Path)} and {@link #of(String, Path)} take the directory holding the
 * published ones; without it ({@code null}, or the no-directory overloads) frost uses procedural textures and
 * reports {@link Corruption#usesProceduralTexture()}.
 */
public final class Corruptions {

  /** The 19 names in the paper's order. */
  public static final List<String> NAMES = List.of("gaussian_noise", "shot_noise", "impulse_noise", "defocus_blur",
      "glass_blur", "motion_blur", "zoom_blur", "snow", "frost", "fog", "brightness", "contrast",
      "elastic_transform", "pixelate", "jpeg_compression", "speckle_noise", "gaussian_blur", "spatter", "saturate");

  private static final class Defaults {
    static final List<Corruption> ALL = build(null);
  }

  private Corruptions() {}

  /** All 19 with procedural frost textures. */
  public static List<Corruption> all() {
    return Defaults.ALL;
  }

  /**
   * All 19; frost reads the published textures from {@code frostDir} ({@code null}: procedural).
   *
   * @throws io.github.layeract.datasets.DatasetException if a frost image is missing from {@code frostDir}
   */
  public static List<Corruption> all(Path frostDir) {
    return frostDir == null ? all() : build(FrostTextures.fromDirectory(frostDir));
  }

  /** The corruption called {@code name} (case-insensitive, {@code -} or space for {@code _}), procedural frost. */
  public static Corruption of(String name) {
    return all().get(indexOf(name));
  }

  /** The corruption called {@code name}; frost reads {@code frostDir} ({@code null}: procedural). */
  public static Corruption of(String name, Path frostDir) {
    int i = indexOf(name);
    return frostDir != null && NAMES.get(i).equals("frost") ? new Frost(FrostTextures.fromDirectory(frostDir))
        : all().get(i);
  }

  /** Frost on the given textures. */
  public static Corruption frost(FrostTextures textures) {
    return new Frost(textures);
  }

  /**
   * The corruptions named in a comma-separated list, or all 19 for {@code "all"}; also accepts category titles
   * ({@code noise}, {@code blur}, {@code digital}, {@code weather}, {@code extra}) for their members.
   */
  public static List<Corruption> parseList(String list, Path frostDir) {
    List<Corruption> every = all(frostDir);
    if (list.trim().equalsIgnoreCase("all")) {
      return every;
    }
    List<Corruption> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String p = part.trim();
      Category category = null;
      for (Category c : Category.values()) {
        if (c.title().equalsIgnoreCase(p)) {
          category = c;
        }
      }
      if (category != null) {
        for (Corruption c : every) {
          if (c.category() == category && !out.contains(c)) {
            out.add(c);
          }
        }
      } else {
        Corruption c = every.get(indexOf(p));
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The 0-based position of {@code name} in {@link #NAMES}. */
  public static int indexOf(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    int i = NAMES.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("unknown corruption '" + name + "'; known: " + String.join(", ", NAMES));
    }
    return i;
  }

  private static List<Corruption> build(FrostTextures frost) {
    List<Corruption> list = List.of(new GaussianNoise(), new ShotNoise(), new ImpulseNoise(), new DefocusBlur(),
        new GlassBlur(), new MotionBlur(), new ZoomBlur(), new Snow(),
        new Frost(frost), new Fog(), new Brightness(), new Contrast(),
        new ElasticTransform(), new Pixelate(), new JpegCompression(), new SpeckleNoise(), new GaussianBlur(),
        new Spatter(), new Saturate());
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).name().equals(NAMES.get(i))) {
        throw new IllegalStateException("corruption list out of order at " + i);
      }
    }
    return list;
  }
}
