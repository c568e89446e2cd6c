package io.github.layeract.datasets.corruptions;

import io.github.layeract.datasets.Image;

/**
 * Which of Hendrycks' two parameter tables a corruption uses: {@link #CIFAR} ({@code make_cifar_c.py}, tuned for
 * 32x32) or {@link #IMAGENET} ({@code make_imagenet_c.py}, tuned for 224x224). The tables differ a lot: ImageNet
 * severity 1 Gaussian noise has sigma 0.08, CIFAR 0.04.
 *
 * <p>Size-dependent constants (plasma map size, elastic {@code IMSIZE}, crop sizes) always follow the actual image,
 * so either table works on any size; {@link #forSize} picks one when the caller does not.
 */
public enum Preset {
  CIFAR,
  IMAGENET;

  /** Images whose shorter side is at least this many pixels get {@link #IMAGENET} by default. */
  public static final int IMAGENET_MIN_SIDE = 128;

  /**
   * The default table for an image of {@code height x width}: {@link #IMAGENET} when
   * {@code min(height, width) >= 128}, else {@link #CIFAR}. So CIFAR (32), MNIST-like (28) and Tiny-ImageNet (64)
   * images get the CIFAR table, and ImageNet crops (224) the ImageNet table.
   */
  public static Preset forSize(int height, int width) {
    return Math.min(height, width) >= IMAGENET_MIN_SIDE ? IMAGENET : CIFAR;
  }

  /** {@link #forSize} of the image's size. */
  public static Preset forImage(Image image) {
    return forSize(image.height(), image.width());
  }

  /** Parses {@code cifar} or {@code imagenet} (case-insensitive). */
  public static Preset parse(String name) {
    for (Preset p : values()) {
      if (p.name().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown corruption preset '" + name + "', expected cifar or imagenet");
  }
}
