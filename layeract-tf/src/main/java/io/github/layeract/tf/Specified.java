package io.github.layeract.tf;

/**
 * An activation that can name itself as a registry spec, e.g. {@code la_silu(alpha=0.1)}, such that
 * {@code Activations.create(spec())} builds the same function.
 */
public interface Specified {

  /** The canonical spec: the registry name, then the options that differ from their defaults. */
  String spec();
}
