package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One of the 19 Hendrycks corruptions (CIFAR-10-C / ImageNet-C), applied to a uint8 HWC image with 1 (grayscale)
 * or 3 (RGB) channels at severity 1..5.
 *
 * <pre>{@code
 * Image noisy = Corruption.of("gaussian_noise").apply(image, 3, new SplittableRandom(42));
 * Image frosty = Corruption.of("frost").apply(image, 5, Preset.IMAGENET, new SplittableRandom(7));
 * }</pre>
 *
 * <p>The output has the input's shape. Every random draw comes from {@code rng}, so the same generator state gives
 * the same bytes; deterministic corruptions (blurs, contrast, brightness, saturate, pixelate, JPEG) ignore it.
 * Implementations are stateless and thread-safe. The per-corruption algorithm, its parameter tables and every
 * known difference from the Python reference are in the javadoc of the implementing class (package-private, listed
 * in {@link Corruptions}).
 */
public interface Corruption {

  /** The reference name, e.g. {@code "gaussian_noise"} (also the CIFAR-10-C file name without {@code .npy}). */
  String name();

  /** The paper's column this corruption is averaged into. */
  Category category();

  /**
   * Corrupts {@code image} with the given parameter table.
   *
   * @param severity 1 (mildest) .. 5
   * @throws IllegalArgumentException for a severity outside 1..5 or a channel count other than 1 or 3
   */
  Image apply(Image image, int severity, Preset preset, RandomGenerator rng);

  /** {@link #apply(Image, int, Preset, RandomGenerator)} with the table chosen by {@link Preset#forImage}. */
  default Image apply(Image image, int severity, RandomGenerator rng) {
    return apply(image, severity, Preset.forImage(image), rng);
  }

  /**
   * True when this corruption stands in something of its own for published data it could not find: only frost
   * without the published frost images (it then blends a procedural texture). Reports must say so.
   */
  default boolean usesProceduralTexture() {
    return false;
  }

  /** The corruption called {@code name} (case-insensitive, {@code -} for {@code _}); see {@link Corruptions#of}. */
  static Corruption of(String name) {
    return Corruptions.of(name);
  }

  /** All 19, in the paper's order; see {@link Corruptions#all()}. */
  static List<Corruption> all() {
    return Corruptions.all();
  }
}
