package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.random.RandomGenerator;

/**
 * Validation and the grayscale rule shared by all 19 corruptions.
 *
 * <p>Grayscale: corruptions that act per channel (noise, blurs, contrast, pixelate, elastic, fog, ...) run on the
 * single channel unchanged, so e.g. Gaussian noise keeps the table's sigma. Brightness (V = the grey value,
 * S = 0) and snow (grey = the value) are exactly what they would be on the grey image replicated to RGB.
 * JPEG encodes a one-component (luma only) JPEG. The corruptions that depend on colour ({@link #viaRgb()}:
 * saturate, spatter, frost) run on the grey image replicated to RGB and return the luma
 * {@code round(0.299 R + 0.587 G + 0.114 B)} (OpenCV's {@code RGB2GRAY} weights), i.e. what a grayscale camera
 * would record of the corrupted colour scene.
 */
abstract class BaseCorruption implements Corruption {

  private final String name;
  private final Category category;
  private final SeverityTable table;

  BaseCorruption(String name, Category category, SeverityTable table) {
    this.name = name;
    this.category = category;
    this.table = table;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Category category() {
    return category;
  }

  @Override
  public final Image apply(Image image, int severity, Preset preset, RandomGenerator rng) {
    if (severity < 1 || severity > 5) {
      throw new IllegalArgumentException(name + ": severity must be 1..5, got " + severity);
    }
    if (image.channels() != 1 && image.channels() != 3) {
      throw new IllegalArgumentException(name + ": needs a grayscale (1-channel) or RGB (3-channel) image, got "
          + image.channels() + " channels");
    }
    if (image.channels() == 1 && viaRgb()) {
      return toLuma(corrupt(toRgb(image), severity - 1, preset, rng));
    }
    return corrupt(image, severity - 1, preset, rng);
  }

  /**
   * The corruption proper on a 1- or 3-channel image (3 when {@link #viaRgb()}).
   *
   * @param level severity - 1, the row of the parameter table
   */
  abstract Image corrupt(Image image, int level, Preset preset, RandomGenerator rng);

  /** The corruption's parameters by preset and severity (declared in its class). */
  final SeverityTable table() {
    return table;
  }

  /** True for corruptions whose effect depends on colour: grayscale input goes through RGB and back. */
  boolean viaRgb() {
    return false;
  }

  @Override
  public String toString() {
    return name;
  }

  static Image toRgb(Image gray) {
    byte[] g = gray.pixels();
    byte[] out = new byte[g.length * 3];
    for (int i = 0; i < g.length; i++) {
      out[3 * i] = g[i];
      out[3 * i + 1] = g[i];
      out[3 * i + 2] = g[i];
    }
    return new Image(gray.height(), gray.width(), 3, out);
  }

  static Image toLuma(Image rgb) {
    byte[] p = rgb.pixels();
    byte[] out = new byte[p.length / 3];
    for (int i = 0; i < out.length; i++) {
      double y = 0.299 * (p[3 * i] & 0xFF) + 0.587 * (p[3 * i + 1] & 0xFF) + 0.114 * (p[3 * i + 2] & 0xFF);
      out[i] = (byte) (int) Math.min(255, Math.floor(y + 0.5));
    }
    return new Image(rgb.height(), rgb.width(), 1, out);
  }
}
