package io.github.layeract.datasets;

import java.util.Arrays;

/**
 * One uint8 image in HWC order (row-major, channels last): 1 channel for grayscale, 3 for RGB.
 *
 * @param height rows
 * @param width columns
 * @param channels 1 or 3 (other counts are allowed where an operation does not need colour)
 * @param pixels {@code height * width * channels} bytes, read as unsigned 0..255
 */
public record Image(int height, int width, int channels, byte[] pixels) {

  public Image {
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException("image dimensions must be positive, got " + height + "x" + width + "x" + channels);
    }
    if (pixels.length != (long) height * width * channels) {
      throw new IllegalArgumentException("image " + height + "x" + width + "x" + channels + " needs "
          + (long) height * width * channels + " bytes, got " + pixels.length);
    }
  }

  /** A black image of the given shape. */
  public static Image zeros(int height, int width, int channels) {
    return new Image(height, width, channels, new byte[height * width * channels]);
  }

  /** The unsigned value at row {@code y}, column {@code x}, channel {@code c}. */
  public int get(int y, int x, int c) {
    return pixels[(y * width + x) * channels + c] & 0xFF;
  }

  /** Sets the value at row {@code y}, column {@code x}, channel {@code c} (0..255). */
  public void set(int y, int x, int c, int value) {
    pixels[(y * width + x) * channels + c] = (byte) value;
  }

  /** A deep copy. */
  public Image copy() {
    return new Image(height, width, channels, pixels.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Image other && height == other.height && width == other.width && channels == other.channels
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Image[" + height + "x" + width + "x" + channels + "]";
  }
}
