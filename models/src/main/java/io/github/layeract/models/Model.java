package io.github.layeract.models;

import io.github.layeract.models.layers.Initializers;
import io.github.layeract.models.layers.Layers;
import io.github.layeract.models.layers.NamePath;
import io.github.layeract.models.layers.ParameterStore;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A classifier architecture with its configuration; builds forward graphs from float32 NHWC images.
 *
 * <pre>{@code
 * Model m = Models.create("resnet20", ModelConfig.cifar10().withActivation("la_silu"));
 * Forward f = m.forward(tf, images, Mode.TRAIN);     // f.logits(), f.sites(), f.params().updates()
 * }</pre>
 *
 * <p>Variable op names are hierarchical and deterministic ({@code stage2/block1/conv1/kernel}) when the model is
 * built from the root scope of a graph, so a second graph built the same way restores the first one's checkpoints.
 */
public abstract class Model {

  private final String name;
  private final ModelConfig config;

  protected Model(String name, ModelConfig config) {
    this.name = name;
    this.config = config;
  }

  public final String name() {
    return name;
  }

  public final ModelConfig config() {
    return config;
  }

  /** A forward graph with new variables. */
  public final Forward forward(Ops tf, Operand<TFloat32> images, Mode mode) {
    return forward(tf, images, mode, new ParameterStore());
  }

  /**
   * A forward graph whose variables come from {@code store} when they exist there (e.g. the inference path built
   * beside the training path for validation) and are created in it otherwise.
   *
   * @param images {@code [batch, H, W, C]} matching {@link ModelConfig#input()} (batch may be unknown)
   */
  public final Forward forward(Ops tf, Operand<TFloat32> images, Mode mode, ParameterStore store) {
    Shape s = images.shape();
    InputShape in = config.input();
    if (s.numDimensions() != 4 || s.size(1) != in.height() || s.size(2) != in.width() || s.size(3) != in.channels()) {
      throw new IllegalArgumentException(name + " was configured for [batch, " + in.height() + ", " + in.width() + ", "
          + in.channels() + "] images, got shape " + s);
    }
    Layers layers = new Layers(mode, store, new Initializers(config.seed()), config.activation());
    Operand<TFloat32> logits = build(layers, NamePath.root(tf), images);
    return new Forward(logits, layers.sites(), layers.siteInputs(), store);
  }

  /** Size of the model, from a graph built (not run) in inference mode. */
  public ModelSummary summary() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      InputShape in = config.input();
      Forward f = forward(tf, tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels()))), Mode.INFER);
      return new ModelSummary(name, f.params().trainableCount(), f.params().stateCount(), f.sites().size());
    }
  }

  /** Builds the layers from {@code images} to the logits under {@code root}. */
  protected abstract Operand<TFloat32> build(Layers layers, NamePath root, Operand<TFloat32> images);

  @Override
  public String toString() {
    return name + "(" + config + ")";
  }
}
