package io.github.layeract.tf;

import java.util.Locale;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * LayerAct, the layer-level activation of Yoon and Lim (AAAI 2025): the scale of each element is computed from the
 * element normalised with the statistics of its own sample, so the activation sees the whole layer.
 *
 * <p>For the activation input {@code y} of one sample:
 *
 * <pre>
 *   mu     = mean(y)                      over every non-batch axis (or only the last k axes)
 *   sigma2 = var(y)                       unbiased, sum((y - mu)^2) / (N - 1), by default; biased (/ N) as an option
 *   n      = (y - mu) / sqrt(sigma2 + alpha)
 *   a      = y * s(n)                     s = sigmoid (LA-SiLU) or hard sigmoid clip(n / 6 + 1/2, 0, 1) (LA-HardSiLU)
 * </pre>
 *
 * <p>There are no learnable parameters and no running statistics: training and inference compute the same function,
 * and each sample's output is independent of the rest of the batch. Statistics run over every non-batch axis, so the
 * layout does not matter (NHWC, NCHW, dense {@code [batch, features]}, 3-D); ranks 2 to 5. For float16 and bfloat16
 * inputs the statistics are computed in float32, because {@code alpha = 1e-5} is below float16's smallest normal
 * number; the result is cast back to the input type. Float32 and float64 are computed in their own type.
 *
 * <p>The gradient is exact for the forward as defined (through the mean and the variance), the closed form
 * {@code dL/dy = g s(n) + r (d - mean(d) - n sum(d n) / M)} with {@code r = 1 / sqrt(sigma2 + alpha)},
 * {@code d = g y s'(n)}, {@code M = N - 1} (unbiased) or {@code N}. By default ({@link Implementation#NATIVE}) forward
 * and backward are C++ kernels on CPU graphs ({@link NativeKernels}), or one XLA-compiled function each
 * ({@link Implementation#FUSED}) where those are not loaded or the graph runs on a GPU; {@link Implementation#COMPOSED}
 * builds stock ops and lets TF autodiff them. All three are tested against finite differences.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Ops tf = Ops.create(graph);
 * Activation act = LayerAct.silu();                                   // LA-SiLU, alpha 1e-5, unbiased variance
 * Operand<TFloat32> a = act.call(tf, bnOutput);                       // NHWC [batch, h, w, c]: stats over h, w, c
 * Operand<TFloat32> b = LayerAct.builder().hardSigmoid().alpha(0.1).build().call(tf, x);   // ImageNet's alpha
 * Operand<TFloat32> c = LayerAct.builder().axes(1).variance(LayerAct.Variance.BIASED).build().call(tf, x);
 * Activation same = Activations.create("la_hard_silu(alpha=0.1)");   // by name, as the registry spells it
 * }</pre>
 *
 * <p>Reference: K. Yoon, C. Lim, "LayerAct: Advanced Activation Mechanism for Robust Inference of CNNs", AAAI 2025,
 * <a href="https://arxiv.org/abs/2306.04940">arXiv:2306.04940</a>.
 */
public final class LayerAct implements Activation, Specified {

  /** Registry name of LA-SiLU. */
  public static final String NAME_SILU = "la_silu";
  /** Registry name of LA-HardSiLU. */
  public static final String NAME_HARD_SILU = "la_hard_silu";
  /** The paper's alpha for CIFAR, MNIST and UNet; the ImageNet runs use 0.1. */
  public static final double DEFAULT_ALPHA = 1e-5;
  /** Statistics over all non-batch axes, as the reference code's {@code cal_dim_count = 0}. */
  public static final int ALL_AXES = 0;

  /** The scale function applied to the normalised input. */
  public enum Scale {
    /** {@code sigmoid(n)}: LA-SiLU. */
    SIGMOID,
    /** {@code clip(n / 6 + 1/2, 0, 1)}: LA-HardSiLU. */
    HARD_SIGMOID
  }

  /** How the per-sample variance is normalised. */
  public enum Variance {
    /** {@code sum((y - mu)^2) / (N - 1)}: the reference code's forward ({@code torch.var}). */
    UNBIASED,
    /** {@code sum((y - mu)^2) / N}. */
    BIASED
  }

  /** How the graph computes LayerAct; all give the same function and the same (exact) gradient. */
  public enum Implementation {
    /**
     * The default: LayerAct's own C++ CPU kernels ({@link NativeKernels}), a forward op and a backward op attached
     * through a custom gradient, threads over samples and the CPU's widest vector instructions. Used where the kernels
     * are loaded (linux-x86_64, built with a C++ compiler) and the graph runs on a CPU; otherwise {@link #FUSED} (GPU
     * builds of TF, or with one line on stderr saying why the kernels are not loaded). The kernels exist only in this
     * JVM: graphs that leave it (SavedModels) must use {@link #COMPOSED}.
     */
    NATIVE,
    /**
     * Forward and backward are each one function compiled by XLA ({@code _XlaMustCompile}, no flags needed), and the
     * backward is the closed-form exact gradient, attached through a custom gradient. About 1.5x faster than
     * {@link #COMPOSED} for forward+backward on CPU. Needs static non-batch dimensions and a TF runtime with XLA (the
     * Maven natives have it); otherwise {@link #COMPOSED} is used.
     */
    FUSED,
    /**
     * Stock TF ops (mean, sub, square, rsqrt, sigmoid or relu6, mul) differentiated by TF autodiff: no XLA, no custom
     * op and no custom gradient, so a graph exported for another runtime (TF Serving, Python TF) can use it.
     */
    COMPOSED
  }

  private final Scale scale;
  private final double alpha;
  private final int axes;
  private final Variance variance;
  private final Implementation implementation;

  private LayerAct(Builder b) {
    this.scale = b.scale;
    this.alpha = b.alpha;
    this.axes = b.axes;
    this.variance = b.variance;
    this.implementation = b.implementation;
  }

  /** LA-SiLU with the paper's defaults: {@code y * sigmoid(n)}, alpha 1e-5, all non-batch axes, unbiased variance. */
  public static LayerAct silu() {
    return builder().build();
  }

  /** LA-HardSiLU with the paper's defaults: {@code y * clip(n / 6 + 1/2, 0, 1)}. */
  public static LayerAct hardSilu() {
    return builder().hardSigmoid().build();
  }

  /** A builder starting from LA-SiLU's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every option of this instance, e.g. {@code act.toBuilder().implementation(COMPOSED).build()}. */
  public Builder toBuilder() {
    return new Builder().scale(scale).alpha(alpha).axes(axes).variance(variance).implementation(implementation);
  }

  /** Static functional form: {@code layerAct.call(tf, y)}. */
  public static <T extends TNumber> Operand<T> layerAct(Ops tf, Operand<T> y, LayerAct layerAct) {
    return layerAct.call(tf, y);
  }

  @Override
  public <T extends TNumber> Operand<T> call(Ops tf, Operand<T> y) {
    int rank = y.shape().numDimensions();
    if (rank < 2 || rank > 5) {
      throw new IllegalArgumentException(
          "LayerAct needs an input of rank 2 to 5 with a known rank (batch first), got shape " + y.shape());
    }
    if (axes >= rank) {
      throw new IllegalArgumentException(
          "LayerAct axes=" + axes + " must be below the input rank " + rank + " (axis 0 is the batch)");
    }
    Class<T> type = y.type();
    if (type != TFloat32.class && type != TFloat64.class && type != TFloat16.class && type != TBfloat16.class) {
      throw new IllegalArgumentException(
          "LayerAct needs a float16, bfloat16, float32 or float64 input, got " + type.getSimpleName());
    }
    LayerActFormulas formulas = new LayerActFormulas(this);
    long count = formulas.elementsPerSample(y.shape());
    if (variance == Variance.UNBIASED && count >= 0 && count < 2) {
      throw new IllegalArgumentException("LayerAct with unbiased variance needs at least 2 elements per sample, got "
          + count + " for shape " + y.shape());
    }
    if (implementation == Implementation.NATIVE && NativeKernels.usable(tf)) {
      return NativeLayerAct.apply(tf, y, this);
    }
    if (implementation != Implementation.COMPOSED && count > 0 && FusedLayerAct.available(tf)) {
      return FusedLayerAct.apply(tf, y, this);
    }
    Operand<? extends TNumber> wide = LayerActFormulas.computeType(tf, y);
    return wide == y ? formulas.composed(tf, y) : tf.dtypes.cast(formulas.composed(tf, wide), type);
  }

  /** The scale function: sigmoid (LA-SiLU) or hard sigmoid (LA-HardSiLU). */
  public Scale scale() {
    return scale;
  }

  /** The constant added to the variance inside the square root. */
  public double alpha() {
    return alpha;
  }

  /** The number of trailing axes the statistics run over, or {@link #ALL_AXES}. */
  public int axes() {
    return axes;
  }

  /** Unbiased (the reference code's forward, default) or biased variance. */
  public Variance variance() {
    return variance;
  }

  /** How the graph computes it (not part of the function: both give the same values and gradients). */
  public Implementation implementation() {
    return implementation;
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder(scale == Scale.SIGMOID ? NAME_SILU : NAME_HARD_SILU);
    StringBuilder opts = new StringBuilder();
    if (alpha != DEFAULT_ALPHA) {
      opts.append("alpha=").append(alpha);
    }
    if (axes != ALL_AXES) {
      opts.append(opts.length() > 0 ? ", " : "").append("axes=").append(axes);
    }
    if (variance != Variance.UNBIASED) {
      opts.append(opts.length() > 0 ? ", " : "").append("variance=").append(variance.name().toLowerCase(Locale.ROOT));
    }
    if (implementation != Implementation.NATIVE) {
      opts.append(opts.length() > 0 ? ", " : "").append("impl=")
          .append(implementation.name().toLowerCase(Locale.ROOT));
    }
    return opts.length() == 0 ? s.toString() : s.append('(').append(opts).append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerAct other
        && scale == other.scale && alpha == other.alpha && axes == other.axes && variance == other.variance
        && implementation == other.implementation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scale, alpha, axes, variance, implementation);
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Validated options of a {@link LayerAct}. */
  public static final class Builder {
    private Scale scale = Scale.SIGMOID;
    private double alpha = DEFAULT_ALPHA;
    private int axes = ALL_AXES;
    private Variance variance = Variance.UNBIASED;
    private Implementation implementation = Implementation.NATIVE;

    private Builder() {}

    /** The scale function; {@link Scale#SIGMOID} by default. */
    public Builder scale(Scale scale) {
      this.scale = Objects.requireNonNull(scale, "scale");
      return this;
    }

    /** Shorthand for {@code scale(Scale.HARD_SIGMOID)}: LA-HardSiLU. */
    public Builder hardSigmoid() {
      return scale(Scale.HARD_SIGMOID);
    }

    /** The constant added to the variance inside the square root; must be positive and finite. */
    public Builder alpha(double alpha) {
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("LayerAct alpha must be positive and finite, got " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /** Statistics over the last {@code k} axes only; {@link #ALL_AXES} (0) means every non-batch axis. */
    public Builder axes(int k) {
      if (k < 0 || k > 4) {
        throw new IllegalArgumentException("LayerAct axes must be 0 (all non-batch axes) or 1 to 4, got " + k);
      }
      this.axes = k;
      return this;
    }

    /** The variance normalisation; {@link Variance#UNBIASED} by default. */
    public Builder variance(Variance variance) {
      this.variance = Objects.requireNonNull(variance, "variance");
      return this;
    }

    /** How the graph computes it; {@link Implementation#NATIVE} by default. */
    public Builder implementation(Implementation implementation) {
      this.implementation = Objects.requireNonNull(implementation, "implementation");
      return this;
    }

    public LayerAct build() {
      return new LayerAct(this);
    }
  }
}
