package io.github.layeract.tf;

import java.util.function.DoubleUnaryOperator;

/** Independent double-precision references in plain Java loops (no TensorFlow). */
final class Reference {

  private Reference() {}

  /**
   * LayerAct on a row-major tensor: statistics over the last {@code k} dimensions ({@code k = 0}: all but the first),
   * which are contiguous blocks of the flat array.
   */
  static double[] layerAct(double[] y, long[] shape, int k, boolean hard, boolean unbiased, double alpha) {
    double[] n = normalised(y, shape, k, unbiased, alpha);
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] * (hard ? hardSigmoid(n[i]) : sigmoid(n[i]));
    }
    return out;
  }

  /** The normalised input {@code n = (y - mean) / sqrt(var + alpha)}, statistics per block as in {@link #layerAct}. */
  static double[] normalised(double[] y, long[] shape, int k, boolean unbiased, double alpha) {
    int reduced = k == 0 ? shape.length - 1 : k;
    int block = 1;
    for (int d = shape.length - reduced; d < shape.length; d++) {
      block *= (int) shape[d];
    }
    double[] out = new double[y.length];
    for (int start = 0; start < y.length; start += block) {
      double sum = 0;
      for (int i = start; i < start + block; i++) {
        sum += y[i];
      }
      double mu = sum / block;
      double ss = 0;
      for (int i = start; i < start + block; i++) {
        ss += (y[i] - mu) * (y[i] - mu);
      }
      double r = 1 / Math.sqrt(ss / (unbiased ? block - 1 : block) + alpha);
      for (int i = start; i < start + block; i++) {
        out[i] = (y[i] - mu) * r;
      }
    }
    return out;
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double hardSigmoid(double x) {
    return Math.min(1, Math.max(0, x / 6 + 0.5));
  }

  /** SELU constants of Klambauer et al. (2017), as in PyTorch. */
  static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  static final double SELU_SCALE = 1.0507009873554804934193349852946;

  /** The element-level baselines by registry spec. */
  static DoubleUnaryOperator element(String spec) {
    return switch (spec) {
      case "relu" -> x -> Math.max(x, 0);
      case "leaky_relu" -> x -> x > 0 ? x : 0.01 * x;
      case "leaky_relu(slope=0.2)" -> x -> x > 0 ? x : 0.2 * x;
      case "prelu" -> x -> x > 0 ? x : 0.25 * x;
      case "elu" -> x -> x > 0 ? x : Math.exp(x) - 1;
      case "elu(alpha=0.5)" -> x -> x > 0 ? x : 0.5 * (Math.exp(x) - 1);
      case "selu" -> x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1));
      case "silu" -> x -> x * sigmoid(x);
      case "hard_silu" -> x -> x * Math.min(6, Math.max(0, x + 3)) / 6;
      case "mish" -> x -> x * Math.tanh(Math.log1p(Math.exp(x)));
      case "gelu" -> x -> x * 0.5 * (1 + erf(x / Math.sqrt(2)));
      case "relu6" -> x -> Math.min(6, Math.max(0, x));
      case "tanh" -> Math::tanh;
      case "sigmoid" -> Reference::sigmoid;
      default -> throw new IllegalArgumentException("no reference for " + spec);
    };
  }

  /** erf: Maclaurin series for |x| < 2.5, else 1 - erfc by its continued fraction; about 1e-15 absolute. */
  static double erf(double x) {
    double a = Math.abs(x);
    if (a >= 2.5) {
      double k = a;
      for (int n = 80; n >= 1; n--) {
        k = a + (n / 2.0) / k;
      }
      return Math.signum(x) * (1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * k));
    }
    double term = x;
    double sum = x;
    for (int n = 1; n < 200; n++) {
      term *= -x * x / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
