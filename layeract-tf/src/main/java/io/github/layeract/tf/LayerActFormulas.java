package io.github.layeract.tf;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceProd;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * LayerAct's formulas as TF graph ops, for one configuration: the per-sample moments (plain or shifted), the composed
 * forward and the closed-form exact gradient. {@link LayerAct} (the composed implementation) and {@link FusedLayerAct}
 * (the XLA functions) build from these; the native kernels compute the same formulas in C++.
 */
final class LayerActFormulas {

  private final LayerAct act;

  LayerActFormulas(LayerAct act) {
    this.act = act;
  }

  /** The input itself, or cast to float32 for the half types (alpha = 1e-5 underflows float16). */
  static Operand<? extends TNumber> computeType(Ops tf, Operand<? extends TNumber> y) {
    return y.type() == TFloat16.class || y.type() == TBfloat16.class ? tf.dtypes.cast(y, TFloat32.class) : y;
  }

  /** The product of the reduced dimensions, or -1 if one of them is unknown. */
  long elementsPerSample(Shape shape) {
    long count = 1;
    for (int axis : reducedAxes(shape.numDimensions())) {
      if (shape.size(axis) < 0) {
        return -1;
      }
      count *= shape.size(axis);
    }
    return count;
  }

  /** The axes the statistics run over: 1 .. rank-1, or the last {@code axes}. */
  int[] reducedAxes(int rank) {
    int first = act.axes() == LayerAct.ALL_AXES ? 1 : rank - act.axes();
    int[] reduced = new int[rank - first];
    for (int i = 0; i < reduced.length; i++) {
      reduced[i] = first + i;
    }
    return reduced;
  }

  <T extends TNumber> Operand<T> composed(Ops tf, Operand<T> y) {
    Moments<T> m = moments(tf, y);
    return tf.math.mul(y, scaleOf(tf, tf.math.mul(m.centered(), m.rstd())));
  }

  /**
   * Per-sample statistics, kept as broadcastable dimensions: {@code mean}, {@code centered = y - mean} and
   * {@code rstd = 1 / sqrt(var + alpha)}.
   */
  record Moments<T extends TNumber>(Operand<T> mean, Operand<T> centered, Operand<T> rstd) {}

  <T extends TNumber> Moments<T> moments(Ops tf, Operand<T> y) {
    return moments(tf, y, false);
  }

  /**
   * As {@link #moments(Ops, Operand)}; with {@code shifted} the mean is {@code k + mean(y - k)} for a rough mean
   * {@code k} of at most 64 elements of the sample (the last reduced dimension must be static). For the XLA-compiled
   * forward: XLA's CPU reduction of {@code y} loses float32 digits far from a zero mean (at mean = 40 std its
   * LA-SiLU output was 17x less accurate than the composed ops', whose TF Mean kernel stays accurate), while the
   * shifted sum does not.
   */
  <T extends TNumber> Moments<T> moments(Ops tf, Operand<T> y, boolean shifted) {
    int[] reduced = reducedAxes(y.shape().numDimensions());
    Operand<TInt32> reduceAxes = tf.constant(reduced);
    Operand<T> mu;
    if (shifted) {
      Operand<T> shift = tf.math.mean(tf.slice(y, tf.constant(new long[y.shape().numDimensions()]),
          tf.constant(roughMeanSize(y.shape(), reduced))), reduceAxes, Mean.keepDims(true));
      mu = tf.math.add(shift, tf.math.mean(tf.math.sub(y, shift), reduceAxes, Mean.keepDims(true)));
    } else {
      mu = tf.math.mean(y, reduceAxes, Mean.keepDims(true));
    }
    Operand<T> centered = tf.math.sub(y, mu);
    Operand<T> sigma2 = tf.math.mean(tf.math.square(centered), reduceAxes, Mean.keepDims(true));
    if (act.variance() == LayerAct.Variance.UNBIASED) {
      sigma2 = tf.math.mul(sigma2, besselFactor(tf, y, reduceAxes));
    }
    return new Moments<>(mu, centered, tf.math.rsqrt(tf.math.add(sigma2, tf.constantOfSameType(y, act.alpha()))));
  }

  /**
   * The exact input gradient for the upstream gradient {@code g}, from the forward's {@code mean} and {@code rstd}
   * (r), with {@code n = (y - mean) r}, {@code d = g y s'(n)} and M = N - 1 (unbiased) or N (biased):
   * {@code dL/dy = g s(n) + r (d - mean(d) - n sum(d n) / M)}. For the hard sigmoid s' follows TF's Relu6 gradient
   * (1/6 strictly inside (-3, 3), else 0), so this equals TF autodiff of the composed forward.
   */
  <T extends TNumber> Operand<T> gradient(Ops tf, Operand<T> y, Operand<T> g, Operand<T> mean, Operand<T> rstd) {
    int[] reduced = reducedAxes(y.shape().numDimensions());
    long count = elementsPerSample(y.shape());
    Operand<TInt32> reduceAxes = tf.constant(reduced);
    Operand<T> n = tf.math.mul(tf.math.sub(y, mean), rstd);
    Operand<T> gy = tf.math.mul(g, y);
    Operand<T> s = scaleOf(tf, n);
    Operand<T> d;
    if (act.scale() == LayerAct.Scale.SIGMOID) {
      d = tf.math.mul(gy, tf.math.mul(s, tf.math.sub(tf.constantOfSameType(n, 1), s)));
    } else {
      Operand<T> shifted = tf.math.add(n, tf.constantOfSameType(n, 3));
      d = tf.math.mul(tf.nn.relu6Grad(gy, shifted), tf.constantOfSameType(n, 1.0 / 6));
    }
    Operand<T> meanD = tf.math.mean(d, reduceAxes, Mean.keepDims(true));
    Operand<T> dn = tf.math.mul(tf.sum(tf.math.mul(d, n), reduceAxes, Sum.keepDims(true)),
        tf.constantOfSameType(n, 1.0 / (act.variance() == LayerAct.Variance.UNBIASED ? count - 1 : count)));
    Operand<T> inner = tf.math.sub(tf.math.sub(d, meanD), tf.math.mul(n, dn));
    return tf.math.add(tf.math.mul(g, s), tf.math.mul(rstd, inner));
  }

  /** Slice sizes: all of the leading axes, the first element of the reduced ones, up to 64 of the last. */
  private static long[] roughMeanSize(Shape shape, int[] reduced) {
    long[] size = new long[shape.numDimensions()];
    Arrays.fill(size, 0, reduced[0], -1);
    Arrays.fill(size, reduced[0], size.length, 1);
    size[size.length - 1] = Math.min(64, shape.size(size.length - 1));
    return size;
  }

  /** N / (N - 1) as a constant when the reduced dimensions are static, else computed from the runtime shape. */
  private <T extends TNumber> Operand<T> besselFactor(Ops tf, Operand<T> y, Operand<TInt32> reduceAxes) {
    long count = elementsPerSample(y.shape());
    if (count < 0) {
      Operand<T> dynamic = tf.dtypes.cast(
          tf.reduceProd(tf.gather(tf.shape(y), reduceAxes, tf.constant(0)), tf.constant(0), ReduceProd.keepDims(false)),
          y.type());
      return tf.math.div(dynamic, tf.math.sub(dynamic, tf.constantOfSameType(y, 1)));
    }
    return tf.constantOfSameType(y, (double) count / (count - 1));
  }

  <T extends TNumber> Operand<T> scaleOf(Ops tf, Operand<T> n) {
    return act.scale() == LayerAct.Scale.SIGMOID ? tf.math.sigmoid(n) : ElementActivation.hardSigmoid(tf, n);
  }
}
