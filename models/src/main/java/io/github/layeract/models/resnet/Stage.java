package io.github.layeract.models.resnet;

/**
 * One row of a ResNet stage table.
 *
 * @param width output channels of the stage's 3x3 convolutions (bottlenecks output {@code 4 * width})
 * @param blocks number of residual blocks
 * @param stride stride of the stage's first block
 */
public record Stage(int width, int blocks, int stride) {

  public Stage {
    if (width < 1 || blocks < 1 || stride < 1) {
      throw new IllegalArgumentException("invalid stage: width " + width + ", blocks " + blocks + ", stride " + stride);
    }
  }
}
