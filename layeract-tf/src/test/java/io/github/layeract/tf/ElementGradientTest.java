package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat64;

/**
 * The baselines' graph gradients against central finite differences in float64 (sample points kept away from the kinks
 * at 0, -3, 3 and 6), and PReLU's gradient with respect to its slope variable.
 */
class ElementGradientTest {

  static List<String> specs() {
    return ElementActivationTest.specs();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void matchesFiniteDifferences(String spec) {
    Shape shape = Shape.of(3, 40);
    Random random = new Random(spec.hashCode());
    double[] x = new double[TfRunner.size(shape)];
    for (int i = 0; i < x.length; i++) {
      do {
        x[i] = -7 + 14 * random.nextDouble();
      } while (nearKink(x[i]));
    }
    double[] w = TfRunner.normal(random, x.length, 0, 1);
    try (TfRunner.Functional f = new TfRunner.Functional(Activations.create(spec), shape, w)) {
      Close.assertCloseToMax(spec, f.finiteDifference(x, 1e-5), f.gradient(x), 1e-7);
    }
  }

  private static boolean nearKink(double x) {
    for (double kink : new double[] {0, -3, 3, 6}) {
      if (Math.abs(x - kink) < 0.05) {
        return true;
      }
    }
    return false;
  }

  @Test
  @SuppressWarnings("unchecked")
  void preluSlopeGradientMatchesFiniteDifferences() {
    Shape shape = Shape.of(4, 25);
    Random random = new Random(11);
    double[] x = TfRunner.normal(random, TfRunner.size(shape), 0, 2);
    double[] w = TfRunner.normal(random, x.length, 0, 1);
    PRelu prelu = new PRelu();
    try (TfRunner.Functional f = new TfRunner.Functional(prelu, shape, w)) {
      Ops tf = f.tf;
      Variable<TFloat64> slope = (Variable<TFloat64>) prelu.trainableVariables().get(0);
      Operand<TFloat64> dSlope = tf.gradients(f.loss(), List.of(slope)).dy(0);
      Placeholder<TFloat64> value = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat64> assign = tf.assign(slope, value);
      double a = 0.3;
      double h = 1e-5;
      double plus = lossAt(f, assign, value, a + h, x);
      double minus = lossAt(f, assign, value, a - h, x);
      lossAt(f, assign, value, a, x);
      try (TFloat64 in = TfRunner.tensor(shape, x);
          Result r = f.session().runner().feed(f.input(), in).fetch(dSlope).run()) {
        double autodiff = ((TFloat64) r.get(0)).getDouble();
        assertEquals((plus - minus) / (2 * h), autodiff, 1e-7 * (1 + Math.abs(autodiff)));
      }
      // and the input gradient at this slope
      Close.assertCloseToMax("prelu input gradient", f.finiteDifference(x, 1e-5), f.gradient(x), 1e-7);
    }
  }

  private static double lossAt(TfRunner.Functional f, Operand<TFloat64> assign, Placeholder<TFloat64> value,
      double slope, double[] x) {
    try (TFloat64 s = TFloat64.scalarOf(slope)) {
      f.session().runner().feed(value, s).addTarget(assign).run().close();
    }
    return f.value(x);
  }
}
