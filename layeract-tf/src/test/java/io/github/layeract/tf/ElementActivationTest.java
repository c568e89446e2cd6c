package io.github.layeract.tf;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Every element-level baseline against its plain-Java double formula, in float64 and float32. */
class ElementActivationTest {

  static List<String> specs() {
    return List.of("relu", "leaky_relu", "leaky_relu(slope=0.2)", "prelu", "elu", "elu(alpha=0.5)", "selu", "silu",
        "hard_silu", "mish", "gelu", "relu6", "tanh", "sigmoid");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void matchesFormula(String spec) {
    Shape shape = Shape.of(4, 50);
    double[] x = new double[TfRunner.size(shape)];
    Random random = new Random(spec.hashCode());
    for (int i = 0; i < x.length; i++) {
      x[i] = i < 20 ? -4.5 + i * 0.5 : -8 + 16 * random.nextDouble();   // a grid through every kink, then uniform
    }
    DoubleUnaryOperator f = Reference.element(spec);
    // float64 exactly (TF's LeakyRelu takes its slope as a float32 attribute: 0.01 is off by 2e-10 relative)
    check(spec, TFloat64.class, shape, x, f, spec.startsWith("leaky_relu") ? 1e-8 : 1e-12);
    check(spec, TFloat32.class, shape, x, f, 2e-6);
  }

  private static void check(String spec, Class<? extends org.tensorflow.types.family.TNumber> type, Shape shape,
      double[] x, DoubleUnaryOperator f, double tol) {
    TfRunner.Io io = TfRunner.run(Activations.create(spec), type, shape, x);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = f.applyAsDouble(io.input()[i]);
    }
    Close.assertClose(spec + " " + type.getSimpleName(), expected, io.output(), io.input(), tol);
  }
}
