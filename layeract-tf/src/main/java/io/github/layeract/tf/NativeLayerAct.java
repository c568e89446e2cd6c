package io.github.layeract.tf;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TNumber;

/**
 * {@link LayerAct.Implementation#NATIVE}: LayerAct as the C++ ops of {@link NativeKernels}.
 *
 * <pre>
 *   forward  = LayerActForward(y) -> (a, mean, rstd)            output: a
 *   backward = LayerActBackward(y, g, mean, rstd) -> dL/dy       the closed form of LayerAct's javadoc
 * </pre>
 *
 * <p>The backward is the registered custom gradient of {@code LayerActForward} (one of TF Java 1.1.0's few
 * process-wide registrations; the fused implementation uses another, for {@code IdentityN}). The configuration travels
 * in the forward op's attributes ({@code hard}, {@code unbiased}, {@code alpha} as the exact decimal of the double,
 * {@code axes}, and {@code threads} and {@code isa}, which do not change the result) and the backward copies them, so
 * a graph that went through {@code toGraphDef}/{@code importGraphDef} still differentiates. Unknown dimensions are
 * fine: the kernels read the sizes at run time.
 */
final class NativeLayerAct {

  static final String FORWARD_OP = "LayerActForward";
  static final String BACKWARD_OP = "LayerActBackward";
  private static final List<String> COPIED_ATTRS = List.of("T", "U", "hard", "unbiased", "alpha", "axes", "threads",
      "isa");
  private static Boolean registered;

  private NativeLayerAct() {}

  /** True once the gradient of the forward op is ours (false if custom gradients are unavailable or taken). */
  static synchronized boolean gradientRegistered() {
    if (registered == null) {
      boolean ok;
      try {
        ok = TensorFlow.registerCustomGradient(FORWARD_OP, NativeLayerAct::gradient);
      } catch (UnsupportedOperationException e) {
        ok = false;
      }
      registered = ok;
    }
    return registered;
  }

  /** LayerAct of {@code y}; the caller checked rank and dtype, and that the kernels are loaded. */
  @SuppressWarnings("unchecked")
  static <T extends TNumber> Operand<T> apply(Ops tf, Operand<T> y, LayerAct act) {
    Graph graph = (Graph) tf.scope().env();
    DataType type = y.asOutput().dataType();
    OperationBuilder forward = graph.opBuilder(FORWARD_OP, tf.scope().makeOpName("layeract"), tf.scope())
        .addInput(y.asOutput())
        .setAttr("T", type)
        .setAttr("U", type == DataType.DT_DOUBLE ? DataType.DT_DOUBLE : DataType.DT_FLOAT)
        .setAttr("hard", act.scale() == LayerAct.Scale.HARD_SIGMOID)
        .setAttr("unbiased", act.variance() == LayerAct.Variance.UNBIASED)
        .setAttr("alpha", Double.toString(act.alpha()))
        .setAttr("axes", (long) act.axes());
    return (Output<T>) (Output<?>) NativeKernels.configure(forward).build().output(0);
  }

  /** Runs while TF holds the graph's lock: it reads attributes only (shape queries would deadlock). */
  private static List<Operand<?>> gradient(Ops tf, GraphOperation forward, List<Output<?>> dys) {
    Output<?> dy = dys.get(0);
    if (dy == null) {
      return List.of(tf.zerosLike(forward.input(0)));
    }
    OperationBuilder b = tf.scope().env().opBuilder(BACKWARD_OP, tf.scope().makeOpName("layeract_backward"),
            tf.scope())
        .addInput(forward.input(0)).addInput(dy).addInput(forward.output(1)).addInput(forward.output(2));
    for (String name : COPIED_ATTRS) {
      b.setAttr(name, forward.attributes().getAttrValueProto(name));
    }
    return List.of(b.build().output(0));
  }
}
