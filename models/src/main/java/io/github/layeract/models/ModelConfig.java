package io.github.layeract.models;

import io.github.layeract.tf.Activations;
import io.github.layeract.tf.LayerAct;
import io.github.layeract.tf.Specified;
import java.util.Objects;
import org.tensorflow.framework.activations.Activation;

/**
 * What a model is built with besides its name.
 *
 * @param classes number of output logits
 * @param input one image, HxWxC
 * @param activation the activation spec used at every site, e.g. {@code la_silu} or {@code la_silu(alpha=0.1)}
 *     (validated, and canonicalised when the activation can name itself)
 * @param hiddenWidth the hidden width of {@code mlp}; ignored by the ResNets
 * @param init convolution variant and initialisation
 * @param seed seed of the (stateless) initialisers: the same seed gives the same initial weights
 * @param norm the ResNets' normalisation layer; ignored by {@code mlp}
 */
public record ModelConfig(int classes, InputShape input, String activation, int hiddenWidth, Init init, long seed,
    Norm norm) {

  /**
   * Default hidden width of {@code mlp}. The paper does not publish it (appendix F, Figs. 3-4); 256 keeps LayerAct's
   * per-sample statistics over a reasonable number of features.
   */
  public static final int DEFAULT_HIDDEN_WIDTH = 256;

  public ModelConfig {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    Objects.requireNonNull(input, "input");
    activation = canonical(activation);
    if (hiddenWidth < 1) {
      throw new IllegalArgumentException("mlp hidden width must be positive, got " + hiddenWidth);
    }
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(norm, "norm");
  }

  /** The canonical spec, or the spec as given for a user-registered activation that does not implement Specified. */
  private static String canonical(String spec) {
    Activation a = Activations.create(spec);
    return a instanceof Specified s ? s.spec() : spec.trim();
  }

  /** CIFAR-10 defaults: 10 classes, 32x32x3, ReLU, He initialisation, seed 0, batch norm. */
  public static ModelConfig cifar10() {
    return new ModelConfig(10, new InputShape(32, 32, 3), "relu", DEFAULT_HIDDEN_WIDTH, Init.HE, 0, Norm.BATCH);
  }

  /** ImageNet defaults: 1000 classes, 224x224x3, ReLU, He initialisation, seed 0, batch norm. */
  public static ModelConfig imageNet() {
    return new ModelConfig(1000, new InputShape(224, 224, 3), "relu", DEFAULT_HIDDEN_WIDTH, Init.HE, 0, Norm.BATCH);
  }

  public ModelConfig withClasses(int n) {
    return new ModelConfig(n, input, activation, hiddenWidth, init, seed, norm);
  }

  public ModelConfig withInput(InputShape shape) {
    return new ModelConfig(classes, shape, activation, hiddenWidth, init, seed, norm);
  }

  public ModelConfig withActivation(String spec) {
    return new ModelConfig(classes, input, spec, hiddenWidth, init, seed, norm);
  }

  /**
   * The same model built from stock TF ops only, for graphs that leave this JVM: a SavedModel for TF Serving or Python
   * TF can run neither LayerAct's default {@link LayerAct.Implementation#NATIVE} ops (a custom op library that only
   * this JVM loaded) nor its {@link LayerAct.Implementation#FUSED} functions ({@code _XlaMustCompile}; TF Serving's CPU
   * XLA JIT is off by default). A LayerAct activation gets {@link LayerAct.Implementation#COMPOSED} with its other
   * options unchanged (the same function, e.g. {@code la_silu(alpha=0.1)} becomes
   * {@code la_silu(alpha=0.1, impl=composed)}); every other activation is kept. The variables are the same, so a
   * checkpoint of either graph restores into the other. Training and in-process inference should keep the default,
   * which is faster.
   */
  public ModelConfig portable() {
    if (!(Activations.create(activation) instanceof LayerAct la)
        || la.implementation() == LayerAct.Implementation.COMPOSED) {
      return this;
    }
    return withActivation(la.toBuilder().implementation(LayerAct.Implementation.COMPOSED).build().spec());
  }

  public ModelConfig withHiddenWidth(int width) {
    return new ModelConfig(classes, input, activation, width, init, seed, norm);
  }

  public ModelConfig withInit(Init variant) {
    return new ModelConfig(classes, input, activation, hiddenWidth, variant, seed, norm);
  }

  public ModelConfig withSeed(long s) {
    return new ModelConfig(classes, input, activation, hiddenWidth, init, s, norm);
  }

  public ModelConfig withNorm(Norm n) {
    return new ModelConfig(classes, input, activation, hiddenWidth, init, seed, n);
  }
}
