package io.github.layeract.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Parameter-free spatial layers (NHWC). */
public final class Pooling {

  private Pooling() {}

  /**
   * Max pooling with PyTorch's symmetric padding, padded with {@code -inf} (not 0: LayerAct outputs can be
   * negative).
   */
  public static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x, int k, int stride, int padding) {
    Operand<TFloat32> in = padding == 0 ? x : tf.pad(x,
        tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
        tf.constant(Float.NEGATIVE_INFINITY));
    return tf.nn.maxPool(in, tf.constant(new int[] {1, k, k, 1}), tf.constant(new int[] {1, stride, stride, 1}), "VALID");
  }

  /** Mean over height and width: {@code [N, H, W, C] -> [N, C]}. */
  public static Operand<TFloat32> globalAveragePool(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(x, tf.constant(new int[] {1, 2}));
  }

  /** {@code [N, H, W, C] -> [N, H*W*C]}; the non-batch dimensions must be known. */
  public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x) {
    long n = 1;
    for (int i = 1; i < x.shape().numDimensions(); i++) {
      long d = x.shape().size(i);
      if (d < 1) {
        throw new IllegalArgumentException("flatten needs known non-batch dimensions, got " + x.shape());
      }
      n *= d;
    }
    return tf.reshape(x, tf.constant(new long[] {-1, n}));
  }

  /**
   * Option-A shortcut of the CIFAR ResNets: keep rows and columns 0, stride, 2*stride, ... (PyTorch's
   * {@code MaxPool2d(1, stride)}), then append zero channels at the end up to {@code channels}.
   */
  public static Operand<TFloat32> shortcutA(Ops tf, Operand<TFloat32> x, int stride, long channels) {
    // a 1x1 max pool with stride s keeps rows and columns 0, s, 2s, ... exactly; its kernels (forward and gradient)
    // run several times faster on CPU than a strided StridedSlice and its gradient
    Operand<TFloat32> y = stride == 1 ? x : maxPool(tf, x, 1, stride, 0);
    int extra = Math.toIntExact(channels - x.shape().size(3));
    if (extra > 0) {
      // int32 paddings: the Pad gradient of TF 2.18 fails to build with int64 ones (Slice 'Index' mismatch)
      y = tf.pad(y, tf.constant(new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, extra}}), tf.constant(0f));
    }
    return y;
  }
}
