package io.github.layeract.datasets;

import java.util.Arrays;

/**
 * A labelled set of equally shaped uint8 images, stored contiguously as N x H x W x C (the layout of CIFAR-10-C's
 * {@code .npy} files and of the NHWC tensors the pipelines feed).
 *
 * @param count number of images N
 * @param height rows H
 * @param width columns W
 * @param channels channels C
 * @param pixels {@code N * H * W * C} bytes
 * @param labels N class indices in {@code [0, classes)}
 * @param classes number of classes
 */
public record ImageSet(int count, int height, int width, int channels, byte[] pixels, int[] labels, int classes) {

  public ImageSet {
    long expected = (long) count * height * width * channels;
    if (count < 0 || height <= 0 || width <= 0 || channels <= 0 || pixels.length != expected) {
      throw new IllegalArgumentException("image set " + count + "x" + height + "x" + width + "x" + channels
          + " needs " + expected + " bytes, got " + pixels.length);
    }
    if (labels.length != count) {
      throw new IllegalArgumentException("image set has " + count + " images but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, " + classes + ")");
      }
    }
  }

  /** Bytes per image, H * W * C. */
  public int imageSize() {
    return height * width * channels;
  }

  /** A copy of image {@code i}. */
  public Image image(int i) {
    int size = imageSize();
    return new Image(height, width, channels, Arrays.copyOfRange(pixels, i * size, (i + 1) * size));
  }

  /** The images at {@code indices}, in that order, with their labels. */
  public ImageSet subset(int[] indices) {
    int size = imageSize();
    byte[] out = new byte[indices.length * size];
    int[] outLabels = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * size, out, k * size, size);
      outLabels[k] = labels[indices[k]];
    }
    return new ImageSet(indices.length, height, width, channels, out, outLabels, classes);
  }
}
