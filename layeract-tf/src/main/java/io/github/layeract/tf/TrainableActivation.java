package io.github.layeract.tf;

import java.util.List;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.op.core.Variable;

/**
 * An activation that owns trainable variables, such as PReLU's slope.
 *
 * <p>One instance is one activation site: the first {@link #call} creates the variables (in the caller's name
 * scope, so give every site its own sub-scope), later calls in the same graph reuse them. A model collects them after
 * building the graph:
 *
 * <pre>{@code
 * Activation act = Activations.create("prelu");         // a fresh instance per site
 * Operand<TFloat32> out = act.call(siteOps, x);
 * if (act instanceof TrainableActivation t) trainable.addAll(t.trainableVariables());
 * }</pre>
 */
public interface TrainableActivation extends Activation {

  /** The variables created so far by {@link #call}; empty before the first call. */
  List<Variable<?>> trainableVariables();
}
