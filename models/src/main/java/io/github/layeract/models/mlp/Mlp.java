package io.github.layeract.models.mlp;

import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.layers.Layers;
import io.github.layeract.models.layers.NamePath;
import io.github.layeract.models.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The paper's MNIST analysis network (appendix F, Figs. 3-4; the reference code's utils/train_validate.py): flatten,
 * {@code linear1}, activation, {@code linear2}.
 * Names: {@code linear1/kernel}, {@code act1}, {@code linear2/kernel}. The hidden width is
 * {@link ModelConfig#hiddenWidth()} (the paper's is unpublished; default {@value ModelConfig#DEFAULT_HIDDEN_WIDTH}).
 * Parameters: {@code (H*W*C + 1) * width + (width + 1) * classes}.
 */
public final class Mlp extends Model {

  public static final String NAME = "mlp";

  public Mlp(ModelConfig config) {
    super(NAME, config);
  }

  @Override
  protected Operand<TFloat32> build(Layers l, NamePath root, Operand<TFloat32> images) {
    Operand<TFloat32> h = l.dense(root.child("linear1"), Pooling.flatten(root.ops(), images), config().hiddenWidth());
    return l.dense(root.child("linear2"), l.activation(root.child("act1"), h), config().classes());
  }
}
