package io.github.layeract.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;

/**
 * LayerAct's graph gradient (through the mean and the variance) against central finite differences in float64, for
 * the linear functional {@code sum(w * a(x))} with random {@code w}. Kept apart from the forward tests: gradient
 * building is where TF Java crashes natively, and a crash must name this class. Every implementation: the composed one
 * (TF autodiff), the fused one (closed-form gradient in an XLA function) and the native one (the C++ backward op).
 */
class LayerActGradientTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long[][] shapes = {{3, 9}, {2, 4, 5}, {2, 3, 4, 3}, {2, 2, 3, 2, 2}};
    for (long[] shape : shapes) {
      for (int axes : new int[] {0, 1, shape.length - 2}) {
        for (LayerAct.Scale scale : LayerAct.Scale.values()) {
          for (LayerAct.Variance variance : LayerAct.Variance.values()) {
            for (LayerAct.Implementation impl : LayerAct.Implementation.values()) {
              out.add(Arguments.of(Shape.of(shape), axes, scale, variance, impl));
            }
          }
        }
      }
    }
    return out.stream().distinct();
  }

  @ParameterizedTest(name = "{0} axes={1} {2} {3} {4}")
  @MethodSource("cases")
  void matchesFiniteDifferences(Shape shape, int axes, LayerAct.Scale scale, LayerAct.Variance variance,
      LayerAct.Implementation impl) {
    double alpha = 1e-3;
    LayerAct act = LayerAct.builder().scale(scale).axes(axes).variance(variance).alpha(alpha).implementation(impl)
        .build();
    Random random = new Random(31L * shape.hashCode() + axes);
    double[] x = awayFromKinks(random, shape, axes, variance, alpha);
    double[] w = TfRunner.normal(random, x.length, 0, 1);
    try (TfRunner.Functional f = new TfRunner.Functional(act, shape, w)) {
      Close.assertCloseToMax(act + " " + shape, f.finiteDifference(x, 1e-5), f.gradient(x), 1e-7);
    }
  }

  /** Random input whose normalised values stay 0.05 away from the hard sigmoid's kinks at -3 and 3. */
  private static double[] awayFromKinks(Random random, Shape shape, int axes, LayerAct.Variance variance,
      double alpha) {
    while (true) {
      double[] x = TfRunner.normal(random, TfRunner.size(shape), 0.3, 1.5);
      double[] n = Reference.normalised(x, shape.asArray(), axes, variance == LayerAct.Variance.UNBIASED, alpha);
      if (java.util.Arrays.stream(n).allMatch(v -> Math.abs(Math.abs(v) - 3) > 0.05)) {
        return x;
      }
    }
  }
}
