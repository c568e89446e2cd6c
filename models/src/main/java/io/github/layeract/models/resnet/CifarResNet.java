package io.github.layeract.models.resnet;

import io.github.layeract.models.Init;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.layers.Layers;
import io.github.layeract.models.layers.Layers.ConvInit;
import io.github.layeract.models.layers.NamePath;
import io.github.layeract.models.layers.Pooling;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The CIFAR ResNet of depth {@code 6n + 2} (He et al. 2016, §4.2; the authors' {@code ResNet_small.py}):
 *
 * <pre>
 * stem     conv3x3(16) - BN - act                                   stem/conv, stem/bn, stem/act
 * stage i  n basic blocks, widths 16/32/64, stride 2 in the first   stage{i}/block{j}/conv1, bn1, act1, conv2, bn2, act2
 *          block of stages 2 and 3; act after the residual add
 * shortcut option A: x[:, ::2, ::2, :] with zero channels appended  (parameter-free)
 * head     global average pool - dense(classes)                      head/fc
 * </pre>
 *
 * <p>{@code 6n + 1} activation sites (resnet20: 19). Any input size works (28x28x1 gives 28, 14, 7).
 */
public final class CifarResNet extends Model {

  /** The supported depths and their registry names. */
  public static final List<Integer> DEPTHS = List.of(20, 32, 44, 56, 110);

  private final List<Stage> stages;

  public CifarResNet(int depth, ModelConfig config) {
    super("resnet" + depth, config);
    if ((depth - 2) % 6 != 0 || depth < 8) {
      throw new IllegalArgumentException("CIFAR ResNet depth must be 6n + 2 with n >= 1, got " + depth);
    }
    this.stages = stages((depth - 2) / 6);
  }

  /** The stage table for {@code n} blocks per stage. */
  public static List<Stage> stages(int n) {
    return List.of(new Stage(16, n, 1), new Stage(32, n, 2), new Stage(64, n, 2));
  }

  @Override
  protected Operand<TFloat32> build(Layers l, NamePath root, Operand<TFloat32> images) {
    boolean bias = config().init() == Init.PYTORCH;
    ConvInit init = bias ? ConvInit.PYTORCH_UNIFORM : ConvInit.HE_FAN_OUT;
    NamePath stem = root.child("stem");
    Operand<TFloat32> x = l.conv2d(stem.child("conv"), images, 3, stages.get(0).width(), 1, 1, bias, init);
    x = l.activation(stem.child("act"), l.batchNorm(stem.child("bn"), x));
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      NamePath stage = root.child("stage" + (i + 1));
      for (int j = 0; j < s.blocks(); j++) {
        x = block(l, stage.child("block" + (j + 1)), x, s.width(), j == 0 ? s.stride() : 1, bias, init);
      }
    }
    NamePath head = root.child("head");
    return l.dense(head.child("fc"), Pooling.globalAveragePool(head.ops(), x), config().classes());
  }

  private static Operand<TFloat32> block(Layers l, NamePath b, Operand<TFloat32> x, int width, int stride,
      boolean bias, ConvInit init) {
    Operand<TFloat32> y = l.conv2d(b.child("conv1"), x, 3, width, stride, 1, bias, init);
    y = l.activation(b.child("act1"), l.batchNorm(b.child("bn1"), y));
    y = l.batchNorm(b.child("bn2"), l.conv2d(b.child("conv2"), y, 3, width, 1, 1, bias, init));
    Ops tf = b.ops();
    return l.activation(b.child("act2"), tf.math.add(y, Pooling.shortcutA(tf, x, stride, width)));
  }
}
