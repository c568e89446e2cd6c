package io.github.layeract.tf;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * An option-free element-level activation, named as in the registry. The functions are the paper's baselines with
 * PyTorch's definitions; each is also available in static functional form.
 */
public final class ElementActivation implements Activation, Specified {

  /** A function applied element-wise, generic in the floating type. */
  @FunctionalInterface
  public interface Function {
    <T extends TNumber> Operand<T> apply(Ops tf, Operand<T> x);
  }

  private final String name;
  private final Function function;

  ElementActivation(String name, Function function) {
    this.name = name;
    this.function = function;
  }

  @Override
  public <T extends TNumber> Operand<T> call(Ops tf, Operand<T> input) {
    return function.apply(tf, input);
  }

  @Override
  public String spec() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElementActivation other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }

  /** {@code max(x, 0)}. */
  public static <T extends TNumber> Operand<T> relu(Ops tf, Operand<T> x) {
    return tf.nn.relu(x);
  }

  /** {@code min(max(x, 0), 6)}. */
  public static <T extends TNumber> Operand<T> relu6(Ops tf, Operand<T> x) {
    return tf.nn.relu6(x);
  }

  /** SELU with the constants of Klambauer et al. (2017). */
  public static <T extends TNumber> Operand<T> selu(Ops tf, Operand<T> x) {
    return tf.nn.selu(x);
  }

  /** SiLU / Swish: {@code x * sigmoid(x)}. */
  public static <T extends TNumber> Operand<T> silu(Ops tf, Operand<T> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  /** Hard SiLU / hardswish (PyTorch {@code nn.Hardswish}): {@code x * relu6(x + 3) / 6}. */
  public static <T extends TNumber> Operand<T> hardSilu(Ops tf, Operand<T> x) {
    return tf.math.mul(x, hardSigmoid(tf, x));
  }

  /**
   * PyTorch's hard sigmoid {@code clip(x / 6 + 1/2, 0, 1)}, as {@code relu6(x + 3) / 6} so that it has TF's Relu6
   * gradient: the gate of hard SiLU and the scale of LA-HardSiLU.
   */
  public static <T extends TNumber> Operand<T> hardSigmoid(Ops tf, Operand<T> x) {
    return tf.math.mul(tf.nn.relu6(tf.math.add(x, tf.constantOfSameType(x, 3))), tf.constantOfSameType(x, 1.0 / 6));
  }

  /** Mish: {@code x * tanh(softplus(x))}. */
  public static <T extends TNumber> Operand<T> mish(Ops tf, Operand<T> x) {
    return tf.math.mul(x, tf.math.tanh(tf.math.softplus(x)));
  }

  /** Exact GELU (PyTorch's default): {@code x * (1 + erf(x / sqrt(2))) / 2}. */
  public static <T extends TNumber> Operand<T> gelu(Ops tf, Operand<T> x) {
    Operand<T> cdf = tf.math.add(tf.constantOfSameType(x, 1),
        tf.math.erf(tf.math.mul(x, tf.constantOfSameType(x, 1 / Math.sqrt(2)))));
    return tf.math.mul(tf.math.mul(x, cdf), tf.constantOfSameType(x, 0.5));
  }

  /** {@code tanh(x)}. */
  public static <T extends TNumber> Operand<T> tanh(Ops tf, Operand<T> x) {
    return tf.math.tanh(x);
  }

  /** {@code 1 / (1 + exp(-x))}. */
  public static <T extends TNumber> Operand<T> sigmoid(Ops tf, Operand<T> x) {
    return tf.math.sigmoid(x);
  }
}
