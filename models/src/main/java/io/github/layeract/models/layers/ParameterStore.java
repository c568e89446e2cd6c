package io.github.layeract.models.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of a model, keyed by hierarchical name: trainable parameters (weights, biases, BN gamma and beta,
 * PReLU slopes) apart from non-trainable state (BN moving mean and variance), plus the BN moving-average update ops of
 * training-mode forwards.
 *
 * <p>A second forward built on the same store (e.g. the inference path beside the training path, for validation)
 * reuses the variables and activation instances instead of creating new ones. Each variable is read once through
 * {@code identity}, and only that read is used in ops (gradients, weight decay); {@link #read} returns that read.
 */
public final class ParameterStore {

  private final Map<String, Variable<TFloat32>> trainable = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
  private final Map<String, Activation> activations = new LinkedHashMap<>();
  private final Map<Variable<?>, Operand<TFloat32>> reads = new LinkedHashMap<>();
  private final List<Op> updates = new ArrayList<>();

  /**
   * The variable {@code leaf} of scope {@code path}, created with {@code init} (built in the init scope) unless it
   * exists. Fails when the graph already used the scope name, since then the op name would not be the logical name.
   */
  public Variable<TFloat32> variable(NamePath path, String leaf, boolean isTrainable,
      Function<Ops, Operand<TFloat32>> init) {
    String name = path.nameOf(leaf);
    Variable<TFloat32> v = trainable.containsKey(name) ? trainable.get(name) : state.get(name);
    if (v != null) {
      return v;
    }
    Ops ops = path.ops();
    v = ops.withName(leaf).variable(init.apply(ops.withInitScope()));
    requireName(v, name);
    (isTrainable ? trainable : state).put(name, v);
    return v;
  }

  /** Registers a variable an activation created (e.g. PReLU's slope) as trainable. */
  @SuppressWarnings("unchecked")
  public void addTrainable(Variable<?> v) {
    if (v.type() != TFloat32.class) {
      throw new IllegalArgumentException("variable " + v.op().name() + " is " + v.type().getSimpleName() + ", not float32");
    }
    trainable.putIfAbsent(v.op().name(), (Variable<TFloat32>) v);
  }

  /** The activation instance of every site, by site name. */
  public Map<String, Activation> activations() {
    return Collections.unmodifiableMap(activations);
  }

  /** The activation instance of site {@code name}, created by {@code factory} on first use (one per site). */
  public Activation activation(String name, Supplier<Activation> factory) {
    return activations.computeIfAbsent(name, n -> factory.get());
  }

  /** The single {@code identity} read of {@code v}, created in {@code tf} on first use. */
  public Operand<TFloat32> read(Ops tf, Variable<TFloat32> v) {
    return reads.computeIfAbsent(v, x -> tf.withName(readName(v)).identity(v));
  }

  private static String readName(Variable<?> v) {
    String name = v.op().name();
    return name.substring(name.lastIndexOf('/') + 1) + "_read";
  }

  /** Adds a state update op (BN moving averages) to be run with every training step. */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /** Trainable variables in creation order. */
  public List<Variable<TFloat32>> trainable() {
    return List.copyOf(trainable.values());
  }

  /** Non-trainable state variables (BN moving statistics) in creation order. */
  public List<Variable<TFloat32>> state() {
    return List.copyOf(state.values());
  }

  /** Trainable variables by op name. */
  public Map<String, Variable<TFloat32>> trainableByName() {
    return Collections.unmodifiableMap(trainable);
  }

  /** The BN moving-average update ops of the training-mode forwards built so far. */
  public List<Op> updates() {
    return List.copyOf(updates);
  }

  /** Number of trainable scalars. */
  public long trainableCount() {
    return count(trainable.values());
  }

  /** Number of non-trainable scalars. */
  public long stateCount() {
    return count(state.values());
  }

  private static long count(Iterable<Variable<TFloat32>> vars) {
    long n = 0;
    for (Variable<TFloat32> v : vars) {
      Shape s = v.shape();
      n += s.size();
    }
    return n;
  }

  private static void requireName(Variable<?> v, String expected) {
    if (!v.op().name().equals(expected)) {
      throw new IllegalStateException("variable was named '" + v.op().name() + "' instead of '" + expected
          + "': the graph already had ops in that scope; build each model in a fresh graph scope so names stay stable");
    }
  }
}
