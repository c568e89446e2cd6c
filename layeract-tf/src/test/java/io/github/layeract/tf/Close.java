package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Element-wise closeness with a tolerance relative to the size of the values involved. */
final class Close {

  /** Relative tolerances of a forward pass per dtype: float64 round-off, float32, and the half types' rounding. */
  static final Map<Class<?>, Double> FORWARD_TOLERANCE = Map.of(
      TFloat64.class, 1e-12, TFloat32.class, 2e-5, TFloat16.class, 2e-3, TBfloat16.class, 1.6e-2);

  private Close() {}

  /**
   * Fails unless {@code |actual - expected| <= tol * (|expected| + |scale|)} element-wise; {@code scale} is the size the
   * error naturally scales with (e.g. the input of the activation).
   */
  static void assertClose(String what, double[] expected, double[] actual, double[] scale, double tol) {
    if (expected.length != actual.length) {
      fail(what + ": length " + actual.length + ", expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double bound = tol * (Math.abs(expected[i]) + Math.abs(scale[i]));
      if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
        fail(String.format("%s: element %d is %.12g, expected %.12g (scale %.4g, tolerance %.3g)", what, i, actual[i],
            expected[i], scale[i], bound));
      }
    }
  }

  /** Fails unless {@code |actual - expected| <= tol * max|expected|} element-wise (for gradients). */
  static void assertCloseToMax(String what, double[] expected, double[] actual, double tol) {
    double max = 0;
    for (double e : expected) {
      max = Math.max(max, Math.abs(e));
    }
    double[] scale = new double[expected.length];
    java.util.Arrays.fill(scale, Math.max(max, 1e-3));
    assertClose(what, expected, actual, scale, tol);
  }
}
