package io.github.layeract.models.layers;

import io.github.layeract.models.Mode;
import io.github.layeract.tf.Activations;
import io.github.layeract.tf.TrainableActivation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Layer building blocks for one forward graph (NHWC, float32): convolution, batch and layer norm, dense, activation. Variables
 * go to the {@link ParameterStore}; activation outputs are recorded as sites by name.
 *
 * <pre>{@code
 * Layers l = new Layers(Mode.TRAIN, store, new Initializers(seed), "la_silu");
 * NamePath block = NamePath.root(tf).child("stage1").child("block1");
 * Operand<TFloat32> y = l.conv2d(block.child("conv1"), x, 3, 16, 1, 1, false, ConvInit.HE_FAN_OUT);
 * y = l.activation(block.child("act1"), l.batchNorm(block.child("bn1"), y));
 * }</pre>
 */
public final class Layers {

  /** PyTorch's BatchNorm2d: running <- (1 - 0.1) * running + 0.1 * batch statistic. */
  public static final float BN_MOMENTUM = 0.1f;
  /** PyTorch's BatchNorm2d epsilon. */
  public static final float BN_EPSILON = 1e-5f;
  /** Layer-norm epsilon, added to the per-sample variance (PyTorch's {@code GroupNorm} default). */
  public static final float LN_EPSILON = 1e-5f;

  /** How a convolution's weights (and bias, if any) are initialised. */
  public enum ConvInit {
    /** {@code N(0, 2 / (k*k*out))}, torchvision's {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}. */
    HE_FAN_OUT,
    /** {@code U(+-1/sqrt(k*k*in))} for weights and bias, PyTorch's {@code Conv2d} default. */
    PYTORCH_UNIFORM
  }

  private final Mode mode;
  private final ParameterStore store;
  private final Initializers init;
  private final String activation;
  private final Map<String, Operand<TFloat32>> sites = new LinkedHashMap<>();
  private final Map<String, Operand<TFloat32>> siteInputs = new LinkedHashMap<>();

  /** Layers of a forward graph in {@code mode}; every activation site uses a new instance of {@code activation}. */
  public Layers(Mode mode, ParameterStore store, Initializers init, String activation) {
    this.mode = mode;
    this.store = store;
    this.init = init;
    this.activation = activation;
  }

  /**
   * 2-D convolution with PyTorch's symmetric zero padding: {@code out = floor((in + 2*padding - k) / stride) + 1}.
   * TF's {@code SAME} pads bottom/right only for stride 2, which would misalign strided outputs with the option-A
   * shortcut (the reference code's models/architectures/ResNet_small.py), so strided or unusual paddings pad
   * explicitly and convolve {@code VALID}.
   * Variables: {@code kernel [k, k, in, filters]}, and {@code bias [filters]} when {@code bias}.
   */
  public Operand<TFloat32> conv2d(NamePath p, Operand<TFloat32> x, int k, int filters, int stride, int padding,
      boolean bias, ConvInit convInit) {
    Ops tf = p.ops();
    long in = x.shape().size(3);
    if (in < 1) {
      throw new IllegalArgumentException("conv2d " + p + " needs a known channel count, input shape " + x.shape());
    }
    Shape kShape = Shape.of(k, k, in, filters);
    double fanIn = (double) k * k * in;
    String kName = p.nameOf("kernel");
    Variable<TFloat32> kernel = store.variable(p, "kernel", true, i -> convInit == ConvInit.HE_FAN_OUT
        ? init.normal(i, kName, kShape, Math.sqrt(2.0 / ((double) k * k * filters)))
        : init.uniform(i, kName, kShape, 1 / Math.sqrt(fanIn)));
    Operand<TFloat32> input = x;
    String mode;
    if (padding == 0) {
      mode = "VALID";
    } else if (stride == 1 && 2 * padding == k - 1) {
      mode = "SAME";                      // identical to symmetric padding for odd k at stride 1
    } else {
      input = tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
          tf.constant(0f));
      mode = "VALID";
    }
    Operand<TFloat32> y = tf.nn.conv2d(input, store.read(tf, kernel), List.of(1L, (long) stride, (long) stride, 1L), mode);
    if (!bias) {
      return y;
    }
    String bName = p.nameOf("bias");
    Variable<TFloat32> b = store.variable(p, "bias", true,
        i -> init.uniform(i, bName, Shape.of(filters), 1 / Math.sqrt(fanIn)));
    return tf.nn.biasAdd(y, store.read(tf, b));
  }

  /**
   * Fused batch norm over the channel axis (FusedBatchNormV3, the version with a gradient). TRAIN: normalises with
   * the batch statistics and adds {@code moving = (1 - 0.1) * moving + 0.1 * batch} updates (the moving variance from
   * the unbiased batch variance, as PyTorch); INFER: normalises with the moving statistics. Variables: {@code gamma}
   * (1), {@code beta} (0), {@code moving_mean} (0), {@code moving_variance} (1).
   */
  public Operand<TFloat32> batchNorm(NamePath p, Operand<TFloat32> x) {
    Ops tf = p.ops();
    Shape c = Shape.of(x.shape().size(3));
    Operand<TFloat32> gamma = store.read(tf, store.variable(p, "gamma", true, i -> Initializers.fill(i, c, 1f)));
    Operand<TFloat32> beta = store.read(tf, store.variable(p, "beta", true, i -> Initializers.fill(i, c, 0f)));
    Variable<TFloat32> mean = store.variable(p, "moving_mean", false, i -> Initializers.fill(i, c, 0f));
    Variable<TFloat32> var = store.variable(p, "moving_variance", false, i -> Initializers.fill(i, c, 1f));
    if (mode == Mode.INFER) {
      return tf.nn.fusedBatchNorm(x, gamma, beta, store.read(tf, mean), store.read(tf, var),
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(BN_EPSILON)).y();
    }
    Operand<TFloat32> empty = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
        FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(BN_EPSILON));
    store.addUpdate(movingAverage(tf, mean, bn.batchMean()));
    store.addUpdate(movingAverage(tf, var, bn.batchVariance()));
    return bn.y();
  }

  /**
   * Layer normalisation of a conv output, per sample over H, W and C, with a learned per-channel scale and shift
   * (PyTorch's {@code GroupNorm(1, C)}):
   *
   * <pre>
   * mu_i = mean_{h,w,c} x_ihwc      var_i = mean_{h,w,c} (x_ihwc - mu_i)^2      (biased, as PyTorch)
   * y_ihwc = gamma_c * (x_ihwc - mu_i) / sqrt(var_i + 1e-5) + beta_c
   * </pre>
   *
   * Same in training and inference (no state). Variables: {@code gamma} (1) and {@code beta} (0), {@code [C]}.
   */
  public Operand<TFloat32> layerNorm(NamePath p, Operand<TFloat32> x) {
    Ops tf = p.ops();
    Shape c = Shape.of(x.shape().size(3));
    Operand<TFloat32> gamma = store.read(tf, store.variable(p, "gamma", true, i -> Initializers.fill(i, c, 1f)));
    Operand<TFloat32> beta = store.read(tf, store.variable(p, "beta", true, i -> Initializers.fill(i, c, 0f)));
    Operand<TInt32> axes = tf.constant(new int[] {1, 2, 3});
    Operand<TFloat32> mean = tf.math.mean(x, axes, Mean.keepDims(true));
    Operand<TFloat32> var = tf.math.mean(tf.math.squaredDifference(x, mean), axes,
        Mean.keepDims(true));
    Operand<TFloat32> normalised = tf.math.mul(tf.math.sub(x, mean),
        tf.math.rsqrt(tf.math.add(var, tf.constant(LN_EPSILON))));
    return tf.math.add(tf.math.mul(normalised, gamma), beta);
  }

  private Op movingAverage(Ops tf, Variable<TFloat32> moving, Operand<TFloat32> batch) {
    Operand<TFloat32> decayed = tf.math.mul(store.read(tf, moving), tf.constant(1 - BN_MOMENTUM));
    return tf.assign(moving, tf.math.add(decayed, tf.math.mul(batch, tf.constant(BN_MOMENTUM))));
  }

  /**
   * Fully connected layer {@code x . kernel + bias} on {@code [batch, in]}; PyTorch's {@code Linear} default init,
   * kernel and bias {@code U(+-1/sqrt(in))}. Variables: {@code kernel [in, units]}, {@code bias [units]}.
   */
  public Operand<TFloat32> dense(NamePath p, Operand<TFloat32> x, int units) {
    Ops tf = p.ops();
    long in = x.shape().size(1);
    if (x.shape().numDimensions() != 2 || in < 1) {
      throw new IllegalArgumentException("dense " + p + " needs [batch, features] with known features, got " + x.shape());
    }
    double bound = 1 / Math.sqrt(in);
    String kName = p.nameOf("kernel");
    String bName = p.nameOf("bias");
    Variable<TFloat32> kernel = store.variable(p, "kernel", true, i -> init.uniform(i, kName, Shape.of(in, units), bound));
    Variable<TFloat32> bias = store.variable(p, "bias", true, i -> init.uniform(i, bName, Shape.of(units), bound));
    return tf.nn.biasAdd(tf.linalg.matMul(x, store.read(tf, kernel)), store.read(tf, bias));
  }

  /** An activation site: a fresh instance of the configured activation (one PReLU slope per site), recorded by name. */
  public Operand<TFloat32> activation(NamePath p, Operand<TFloat32> x) {
    Activation a = store.activation(p.name(), () -> Activations.create(activation));
    Operand<TFloat32> y = a.call(p.ops(), x);
    if (a instanceof TrainableActivation t) {
      t.trainableVariables().forEach(store::addTrainable);
    }
    if (sites.put(p.name(), y) != null) {
      throw new IllegalStateException("activation site " + p + " used twice in one forward graph");
    }
    siteInputs.put(p.name(), x);
    return y;
  }

  /** The activation outputs recorded so far, in graph order. */
  public Map<String, Operand<TFloat32>> sites() {
    return sites;
  }

  /** The activation inputs recorded so far, keyed and ordered as {@link #sites()}. */
  public Map<String, Operand<TFloat32>> siteInputs() {
    return siteInputs;
  }

  public Mode mode() {
    return mode;
  }

  public ParameterStore store() {
    return store;
  }
}
