package io.github.layeract.tf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.types.family.TNumber;

/**
 * {@link LayerAct.Implementation#FUSED}: LayerAct's forward and its closed-form gradient as two XLA-compiled functions.
 *
 * <pre>
 *   forward  = StatefulPartitionedCall[f = (y) -> (a, mean, rstd), _XlaMustCompile](StopGradient(y))
 *   output   = IdentityN(a, y, mean, rstd)[0]
 *   backward = StatefulPartitionedCall[f = (y, g, mean, rstd) -> dL/dy, _XlaMustCompile]   (LayerActFormulas#gradient)
 * </pre>
 *
 * <p>TF Java 1.1.0 allows only about ten custom gradient registrations, so there is one, for {@code IdentityN} (which has
 * no gradient of its own): LayerAct's IdentityN ops carry the backward function's name in the attribute
 * {@value #BACKWARD_ATTR} and get the fused backward, any other IdentityN gets the identity gradient. Being an attribute,
 * it survives {@code toGraphDef}/{@code importGraphDef} and SavedModel export. The gradient callback runs while TF holds
 * the graph's lock, so it must not query shapes or attach functions (both deadlock): the functions are attached when
 * the forward is built. They are defined once per graph, configuration, dtype and shape, so XLA compiles each once.
 */
final class FusedLayerAct {

  /** The IdentityN attribute naming the backward function of a LayerAct op. */
  static final String BACKWARD_ATTR = "_layeract_backward";

  /** The two functions for one configuration, dtype and static shape in one graph. */
  private record Functions(String forward, String backward) {}

  private record Key(LayerAct act, DataType type, Shape shape) {}

  private static final Map<Graph, Map<Key, Functions>> FUNCTIONS = new WeakHashMap<>();
  private static Boolean registered;

  private FusedLayerAct() {}

  /** True in graph mode once the IdentityN gradient is ours (false if another library registered one first). */
  static synchronized boolean available(Ops tf) {
    if (!(tf.scope().env() instanceof Graph)) {
      return false;
    }
    if (registered == null) {
      boolean ok;
      try {
        ok = TensorFlow.registerCustomGradient("IdentityN", FusedLayerAct::gradient);
      } catch (UnsupportedOperationException e) {
        ok = false;      // custom gradients are not supported on this platform (Windows)
      }
      registered = ok;
    }
    return registered;
  }

  /** LayerAct of {@code y}; the caller checked rank, dtype and that the reduced dimensions are static. */
  @SuppressWarnings("unchecked")
  static synchronized <T extends TNumber> Operand<T> apply(Ops tf, Operand<T> y, LayerAct act) {
    Graph graph = (Graph) tf.scope().env();
    DataType type = y.asOutput().dataType();
    DataType wide = type == DataType.DT_HALF || type == DataType.DT_BFLOAT16 ? DataType.DT_FLOAT : type;
    Functions functions = FUNCTIONS.computeIfAbsent(graph, g -> new HashMap<>())
        .computeIfAbsent(new Key(act, type, y.shape()), k -> define(graph, act, y));
    Operation forward = graph.opBuilder("StatefulPartitionedCall", tf.scope().makeOpName("layeract_forward"),
            tf.scope())
        .addInputList(new Output<?>[] {tf.stopGradient(y).asOutput()})
        .setAttr("Tin", new DataType[] {type})
        .setAttr("Tout", new DataType[] {type, wide, wide})
        .setAttr("f", function(functions.forward()))
        .setAttr("_XlaMustCompile", true)
        .build();
    GraphOperation identity = (GraphOperation) graph.opBuilder("IdentityN", tf.scope().makeOpName("layeract"),
            tf.scope())
        .addInputList(new Output<?>[] {forward.output(0), y.asOutput(), forward.output(1), forward.output(2)})
        .setAttr("T", new DataType[] {type, type, wide, wide})
        .setAttr(BACKWARD_ATTR, functions.backward())
        .build();
    return (Output<T>) (Output<?>) identity.output(0);
  }

  /** Defines and attaches the forward and backward functions for the static shape of {@code y}. */
  private static <T extends TNumber> Functions define(Graph graph, LayerAct act, Operand<T> y) {
    Class<T> type = y.type();
    Shape shape = y.shape();
    long[] statDims = shape.asArray();
    for (int axis : new LayerActFormulas(act).reducedAxes(shape.numDimensions())) {
      statDims[axis] = 1;
    }
    Shape statShape = Shape.of(statDims);
    // argument names sort in call order, whatever order the signature keeps them in
    try (ConcreteFunction forward = ConcreteFunction.create(f -> {
          Placeholder<T> in = f.placeholder(type, Placeholder.shape(shape));
          return forwardSignature(f, act, in);
        });
        ConcreteFunction backward = ConcreteFunction.create(f -> {
          Placeholder<T> in = f.placeholder(type, Placeholder.shape(shape));
          Placeholder<T> g = f.placeholder(type, Placeholder.shape(shape));
          return backwardSignature(f, act, in, g, statShape);
        })) {
      graph.attachFunction(forward);
      graph.attachFunction(backward);
      return new Functions(forward.getDefinedName(), backward.getDefinedName());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends TNumber> Signature forwardSignature(Ops f, LayerAct act, Placeholder<T> in) {
    LayerActFormulas formulas = new LayerActFormulas(act);
    Operand wide = LayerActFormulas.computeType(f, in);
    LayerActFormulas.Moments m = formulas.moments(f, wide, true);
    Operand a = f.math.mul(wide, formulas.scaleOf(f, f.math.mul(m.centered(), m.rstd())));
    return Signature.builder().input("a_y", in)
        .output("a_out", wide == in ? a : f.dtypes.cast(a, in.type()))
        .output("b_mean", m.mean()).output("c_rstd", m.rstd()).build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends TNumber> Signature backwardSignature(Ops f, LayerAct act, Placeholder<T> in,
      Placeholder<T> g, Shape statShape) {
    Operand wide = LayerActFormulas.computeType(f, in);
    Operand wideG = LayerActFormulas.computeType(f, g);
    Placeholder mean = f.placeholder(wide.type(), Placeholder.shape(statShape));
    Placeholder rstd = f.placeholder(wide.type(), Placeholder.shape(statShape));
    Operand dy = new LayerActFormulas(act).gradient(f, wide, wideG, mean, rstd);
    return Signature.builder().input("a_y", in).input("b_g", g).input("c_mean", mean).input("d_rstd", rstd)
        .output("dy", wide == in ? dy : f.dtypes.cast(dy, in.type())).build();
  }

  private static AttrValue function(String name) {
    return AttrValue.newBuilder().setFunc(NameAttrList.newBuilder().setName(name)).build();
  }

  /** The one IdentityN gradient: the fused backward for LayerAct's ops, the identity for any other IdentityN. */
  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> dys) {
    String backward = backwardFunction(op);
    Operand<?>[] grads = new Operand<?>[dys.size()];
    for (int i = 0; i < grads.length; i++) {
      grads[i] = backward == null && dys.get(i) != null ? dys.get(i) : tf.zerosLike(op.input(i));
    }
    if (backward != null && dys.get(0) != null) {
      List<DataType> types = op.attributes().getAttrValueProto("T").getList().getTypeList();
      Operation call = tf.scope().env()
          .opBuilder("StatefulPartitionedCall", tf.scope().makeOpName("layeract_backward"), tf.scope())
          .addInputList(new Output<?>[] {op.input(1), dys.get(0), op.input(2), op.input(3)})
          .setAttr("Tin", types.toArray(new DataType[0]))
          .setAttr("Tout", new DataType[] {types.get(1)})
          .setAttr("f", function(backward))
          .setAttr("_XlaMustCompile", true)
          .build();
      grads[1] = call.output(0);
    }
    return List.of(grads);
  }

  /** The backward function named by a LayerAct IdentityN, or null for any other IdentityN. */
  private static String backwardFunction(GraphOperation op) {
    if (op.numInputs() != 4) {
      return null;
    }
    try {
      return op.attributes().getAttrString(BACKWARD_ATTR);
    } catch (RuntimeException e) {
      return null;          // no such attribute: not ours
    }
  }
}
