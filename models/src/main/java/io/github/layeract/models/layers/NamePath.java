package io.github.layeract.models.layers;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.op.Ops;

/**
 * A node of the hierarchical name tree of one forward graph, e.g. {@code stage2/block1/conv1}.
 *
 * <p>TF Java's {@code withSubScope} makes a new unique scope on every call ({@code x}, {@code x_1}, ...), so each child
 * scope is created once here and reused. The logical {@link #name()} is what variables and activation sites are keyed
 * by; in a fresh graph it equals the op-name prefix, which makes the names of a second graph (inference, export)
 * identical to the training graph's.
 */
public final class NamePath {

  private final Ops ops;
  private final String name;
  private final Map<String, NamePath> children = new HashMap<>();

  private NamePath(Ops ops, String name) {
    this.ops = ops;
    this.name = name;
  }

  /** The root of a forward graph built with {@code tf} (usually the graph's root scope). */
  public static NamePath root(Ops tf) {
    return new NamePath(tf, "");
  }

  /** The child scope {@code segment} ({@code [A-Za-z0-9.][A-Za-z0-9_.-]*}), created on first use. */
  public NamePath child(String segment) {
    return children.computeIfAbsent(segment, s -> new NamePath(ops.withSubScope(s), name.isEmpty() ? s : name + "/" + s));
  }

  /** The ops of this scope. */
  public Ops ops() {
    return ops;
  }

  /** The logical hierarchical name, {@code ""} for the root. */
  public String name() {
    return name;
  }

  /** The logical name of {@code leaf} inside this scope. */
  public String nameOf(String leaf) {
    return name.isEmpty() ? leaf : name + "/" + leaf;
  }

  @Override
  public String toString() {
    return name;
  }
}
