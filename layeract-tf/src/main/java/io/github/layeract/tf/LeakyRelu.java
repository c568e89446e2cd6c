package io.github.layeract.tf;

import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.Ops;

import org.tensorflow.types.family.TNumber;

/**
 * Leaky ReLU: {@code x} for {@code x > 0}, else {@code slope * x}; PyTorch's default slope 0.01.
 *
 * @param slope the negative slope
 */
public record LeakyRelu(double slope) implements Activation, Specified {

  public static final String NAME = "leaky_relu";
  public static final double DEFAULT_SLOPE = 0.01;

  public LeakyRelu {
    if (!Double.isFinite(slope)) {
      throw new IllegalArgumentException("leaky_relu slope must be finite, got " + slope);
    }
  }

  public LeakyRelu() {
    this(DEFAULT_SLOPE);
  }

  /** Static functional form (TF's fused op, whose slope attribute is a float32 even for float64 inputs). */
  public static <T extends TNumber> Operand<T> leakyRelu(Ops tf, Operand<T> x, double slope) {
    return tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha((float) slope));
  }

  @Override
  public <T extends TNumber> Operand<T> call(Ops tf, Operand<T> input) {
    return leakyRelu(tf, input, slope);
  }

  @Override
  public String spec() {
    return slope == DEFAULT_SLOPE ? NAME : NAME + "(slope=" + slope + ")";
  }
}
