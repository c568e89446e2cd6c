package io.github.layeract.models;

import io.github.layeract.models.layers.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One forward graph of a model.
 *
 * @param logits {@code [batch, classes]}
 * @param sites the output of every activation site in graph order, by hierarchical name (e.g.
 *     {@code stage2/block1/act1}); the input of the activation analysis
 * @param siteInputs the input of every activation site, keyed and ordered as {@code sites} (the analysis's input
 *     statistics and scale saturation)
 * @param params the variables (shared by every forward built on the same store) and the BN update ops
 */
public record Forward(Operand<TFloat32> logits, Map<String, Operand<TFloat32>> sites,
    Map<String, Operand<TFloat32>> siteInputs, ParameterStore params) {

  public Forward {
    sites = Collections.unmodifiableMap(new LinkedHashMap<>(sites));
    siteInputs = Collections.unmodifiableMap(new LinkedHashMap<>(siteInputs));
  }
}
