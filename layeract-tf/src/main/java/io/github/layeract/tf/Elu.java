package io.github.layeract.tf;

import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * ELU: {@code x} for {@code x > 0}, else {@code alpha * (exp(x) - 1)}; PyTorch's default alpha 1.0.
 *
 * @param alpha the saturation value for negative inputs
 */
public record Elu(double alpha) implements Activation, Specified {

  public static final String NAME = "elu";
  public static final double DEFAULT_ALPHA = 1.0;

  public Elu {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("elu alpha must be positive and finite, got " + alpha);
    }
  }

  public Elu() {
    this(DEFAULT_ALPHA);
  }

  /** Static functional form; the fused {@code Elu} op when {@code alpha == 1}. */
  public static <T extends TNumber> Operand<T> elu(Ops tf, Operand<T> x, double alpha) {
    if (alpha == 1.0) {
      return tf.nn.elu(x);
    }
    Operand<T> negative = tf.math.mul(tf.constantOfSameType(x, alpha), tf.math.expm1(tf.math.minimum(x, tf.zerosLike(x))));
    return tf.select(tf.math.greater(x, tf.zerosLike(x)), x, negative);
  }

  @Override
  public <T extends TNumber> Operand<T> call(Ops tf, Operand<T> input) {
    return elu(tf, input, alpha);
  }

  @Override
  public String spec() {
    return alpha == DEFAULT_ALPHA ? NAME : NAME + "(alpha=" + alpha + ")";
  }
}
