package io.github.layeract.models;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of one input image, NHWC without the batch: e.g. {@code 28x28x1} (Fashion-MNIST), {@code 32x32x3}
 * (CIFAR), {@code 224x224x3} (ImageNet).
 */
public record InputShape(int height, int width, int channels) {

  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*[xX]\\s*(\\d+)\\s*");

  public InputShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("input shape must be positive, got " + height + "x" + width + "x" + channels);
    }
  }

  /** Parses {@code HxWxC}, e.g. {@code 32x32x3}. */
  public static InputShape parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("malformed input shape '" + text + "': expected HxWxC, e.g. 32x32x3");
    }
    try {
      return new InputShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("input shape '" + text + "' has a dimension too large", e);
    }
  }

  /** Height * width * channels. */
  public long size() {
    return (long) height * width * channels;
  }

  @Override
  public String toString() {
    return height + "x" + width + "x" + channels;
  }
}
