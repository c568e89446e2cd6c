package io.github.layeract.datasets.pipeline;

import io.github.layeract.datasets.ImageSet;
import java.util.Arrays;

/**
 * Per-channel normalisation {@code x' = (x / 255 - mean[c]) / std[c]} of uint8 pixels, the paper's
 * {@code ToTensor -> Normalize(mean, std)}.
 *
 * @param mean per-channel mean of the pixels in [0, 1]
 * @param std per-channel population standard deviation of the pixels in [0, 1]
 */
public record Normalization(float[] mean, float[] std) {

  /**
   * CIFAR-10 (the reference code's data/image_data_augmentation.py; equal to the values computed from its 50,000
   * training images).
   */
  public static final Normalization CIFAR10 = new Normalization(
      new float[] {0.49139968f, 0.48215841f, 0.44653091f}, new float[] {0.24703223f, 0.24348513f, 0.26158784f});
  /** CIFAR-100, as published with the CIFAR-100-C evaluation code (rounded to 4 decimals). */
  public static final Normalization CIFAR100 = new Normalization(
      new float[] {0.5071f, 0.4867f, 0.4408f}, new float[] {0.2675f, 0.2565f, 0.2761f});
  /** ImageNet (torchvision's). */
  public static final Normalization IMAGENET = new Normalization(
      new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
  /** The paper's MNIST input normalisation, {@code Normalize(0.5, 0.5)}: x' in [-1, 1] (one channel). */
  public static final Normalization HALF = new Normalization(new float[] {0.5f}, new float[] {0.5f});

  public Normalization {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("need one mean and one std per channel, got " + mean.length + " and "
          + std.length);
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std must be positive, got " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Identity on the [0, 1] scale: mean 0, std 1 for {@code channels} channels. */
  public static Normalization none(int channels) {
    float[] zero = new float[channels];
    float[] one = new float[channels];
    Arrays.fill(one, 1f);
    return new Normalization(zero, one);
  }

  /**
   * Per-channel mean and population standard deviation of all pixels of {@code set} on the [0, 1] scale,
   * accumulated in double precision: {@code mean_c = sum x / n}, {@code std_c = sqrt(sum x^2 / n - mean_c^2)}.
   */
  public static Normalization compute(ImageSet set) {
    int c = set.channels();
    long[] sum = new long[c];
    long[] sumSq = new long[c];
    byte[] px = set.pixels();
    for (int i = 0; i < px.length; i++) {
      int v = px[i] & 0xFF;
      sum[i % c] += v;
      sumSq[i % c] += v * v;
    }
    long n = px.length / c;
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int k = 0; k < c; k++) {
      double m = (double) sum[k] / n;
      double var = (double) sumSq[k] / n - m * m;
      mean[k] = (float) (m / 255.0);
      std[k] = (float) (Math.sqrt(Math.max(var, 0)) / 255.0);
    }
    return new Normalization(mean, std);
  }

  /** Number of channels. */
  public int channels() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
