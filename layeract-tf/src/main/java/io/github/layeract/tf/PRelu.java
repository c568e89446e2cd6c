package io.github.layeract.tf;

import java.util.List;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TNumber;

/**
 * PReLU as PyTorch's {@code nn.PReLU()}: {@code max(x, 0) + a * min(x, 0)} with one trainable slope {@code a} shared
 * by the whole site, initialised to 0.25.
 *
 * <p>One instance is one site (see {@link TrainableActivation}): its first call creates the variable {@code alpha}
 * in the caller's name scope, e.g. {@code stage1/block1/act1/alpha}.
 */
public final class PRelu implements TrainableActivation, Specified {

  public static final String NAME = "prelu";
  public static final double DEFAULT_INIT = 0.25;
  /** Op name of the slope variable inside the site's scope. */
  public static final String VARIABLE_NAME = "alpha";

  private final double init;
  private Variable<?> slope;
  private ExecutionEnvironment env;

  public PRelu() {
    this(DEFAULT_INIT);
  }

  public PRelu(double init) {
    if (!Double.isFinite(init)) {
      throw new IllegalArgumentException("prelu init must be finite, got " + init);
    }
    this.init = init;
  }

  /** Static functional form with an explicit slope operand (read through {@code identity}). */
  public static <T extends TNumber> Operand<T> prelu(Ops tf, Operand<T> x, Operand<T> slope) {
    Operand<T> zero = tf.zerosLike(x);
    return tf.math.add(tf.math.maximum(x, zero), tf.math.mul(slope, tf.math.minimum(x, zero)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T extends TNumber> Operand<T> call(Ops tf, Operand<T> input) {
    if (slope == null) {
      slope = tf.withName(VARIABLE_NAME).variable(tf.withInitScope().constantOfSameType(input, init));
      env = tf.scope().env();
    } else if (env != tf.scope().env()) {
      throw new IllegalStateException("this PReLU site already belongs to another graph; create one per site");
    } else if (slope.type() != input.type()) {
      throw new IllegalArgumentException(
          "PReLU slope is " + slope.type().getSimpleName() + " but the input is " + input.type().getSimpleName());
    }
    // read the variable once through identity: ops on a raw VariableV2 can crash gradient building (TF Java 1.1.0)
    return prelu(tf, input, tf.identity((Variable<T>) slope));
  }

  @Override
  public synchronized List<Variable<?>> trainableVariables() {
    return slope == null ? List.of() : List.of(slope);
  }

  public double init() {
    return init;
  }

  @Override
  public String spec() {
    return init == DEFAULT_INIT ? NAME : NAME + "(init=" + init + ")";
  }

  @Override
  public String toString() {
    return spec();
  }
}
