package io.github.layeract.models;

/**
 * Convolution variant and initialisation (the paper's appendix F says He initialisation, the
 * authors' CIFAR code uses PyTorch's defaults with biased convolutions).
 */
public enum Init {
  /**
   * Bias-free convolutions (BN follows) with He-normal weights, {@code N(0, 2 / fan_out)} as torchvision's
   * {@code kaiming_normal_(mode="fan_out")}; dense layers with PyTorch's default {@code U(+-1/sqrt(fan_in))}. The
   * reference parameter counts (resnet20: 269,722) are for this variant.
   */
  HE,
  /**
   * The authors' CIFAR code: convolutions with bias, weights and biases {@code U(+-1/sqrt(fan_in))} (PyTorch's
   * default {@code kaiming_uniform_(a=sqrt(5))}). resnet20 then has 270,410 parameters. The ImageNet ResNets are
   * torchvision's in both variants (bias-free, He-normal).
   */
  PYTORCH
}
