package io.github.layeract.models.resnet;

import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.layers.Layers;
import io.github.layeract.models.layers.Layers.ConvInit;
import io.github.layeract.models.layers.NamePath;
import io.github.layeract.models.layers.Pooling;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * torchvision's ImageNet ResNet (V1.5: a bottleneck's stride is on its 3x3 convolution):
 *
 * <pre>
 * stem     conv7x7/2(64) - BN - act - maxpool3x3/2 (padded with -inf)   stem/conv, stem/bn, stem/act
 * stages   widths 64/128/256/512, stride 2 in stages 2-4                 stage{i}/block{j}/...
 *   basic       conv3x3(s) - BN - act - conv3x3 - BN (+ shortcut) - act
 *   bottleneck  conv1x1 - BN - act - conv3x3(s) - BN - act - conv1x1(4w) - BN (+ shortcut) - act
 *   shortcut    identity, or conv1x1(s) - BN when the shape changes     .../shortcut/conv, .../shortcut/bn
 * head     global average pool - dense(classes)                          head/fc
 * </pre>
 *
 * <p>Convolutions are bias-free with He-normal (fan-out) weights, as torchvision.
 */
public final class ImageNetResNet extends Model {

  /** Blocks per stage, by depth; 18 and 34 use basic blocks, the rest bottlenecks. */
  public static final Map<Integer, int[]> BLOCKS = Map.of(
      18, new int[] {2, 2, 2, 2},
      34, new int[] {3, 4, 6, 3},
      50, new int[] {3, 4, 6, 3},
      101, new int[] {3, 4, 23, 3},
      152, new int[] {3, 8, 36, 3});
  /** The supported depths in registry order. */
  public static final List<Integer> DEPTHS = List.of(18, 34, 50, 101, 152);
  private static final int[] WIDTHS = {64, 128, 256, 512};
  private static final int EXPANSION = 4;

  private final List<Stage> stages;
  private final boolean bottleneck;

  public ImageNetResNet(int depth, ModelConfig config) {
    super("resnet" + depth, config);
    int[] blocks = BLOCKS.get(depth);
    if (blocks == null) {
      throw new IllegalArgumentException("ImageNet ResNet depth must be one of " + DEPTHS + ", got " + depth);
    }
    this.stages = List.of(new Stage(WIDTHS[0], blocks[0], 1), new Stage(WIDTHS[1], blocks[1], 2),
        new Stage(WIDTHS[2], blocks[2], 2), new Stage(WIDTHS[3], blocks[3], 2));
    this.bottleneck = depth >= 50;
  }

  /** The stage table. */
  public List<Stage> stages() {
    return stages;
  }

  @Override
  protected Operand<TFloat32> build(Layers l, NamePath root, Operand<TFloat32> images) {
    NamePath stem = root.child("stem");
    Operand<TFloat32> x = l.conv2d(stem.child("conv"), images, 7, 64, 2, 3, false, ConvInit.HE_FAN_OUT);
    x = l.activation(stem.child("act"), l.batchNorm(stem.child("bn"), x));
    x = Pooling.maxPool(stem.child("pool").ops(), x, 3, 2, 1);
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      NamePath stage = root.child("stage" + (i + 1));
      for (int j = 0; j < s.blocks(); j++) {
        NamePath b = stage.child("block" + (j + 1));
        int stride = j == 0 ? s.stride() : 1;
        x = bottleneck ? bottleneck(l, b, x, s.width(), stride) : basic(l, b, x, s.width(), stride);
      }
    }
    NamePath head = root.child("head");
    return l.dense(head.child("fc"), Pooling.globalAveragePool(head.ops(), x), config().classes());
  }

  private static Operand<TFloat32> basic(Layers l, NamePath b, Operand<TFloat32> x, int width, int stride) {
    Operand<TFloat32> y = l.conv2d(b.child("conv1"), x, 3, width, stride, 1, false, ConvInit.HE_FAN_OUT);
    y = l.activation(b.child("act1"), l.batchNorm(b.child("bn1"), y));
    y = l.batchNorm(b.child("bn2"), l.conv2d(b.child("conv2"), y, 3, width, 1, 1, false, ConvInit.HE_FAN_OUT));
    return l.activation(b.child("act2"), b.ops().math.add(y, shortcut(l, b, x, width, stride)));
  }

  private static Operand<TFloat32> bottleneck(Layers l, NamePath b, Operand<TFloat32> x, int width, int stride) {
    Operand<TFloat32> y = l.conv2d(b.child("conv1"), x, 1, width, 1, 0, false, ConvInit.HE_FAN_OUT);
    y = l.activation(b.child("act1"), l.batchNorm(b.child("bn1"), y));
    y = l.conv2d(b.child("conv2"), y, 3, width, stride, 1, false, ConvInit.HE_FAN_OUT);
    y = l.activation(b.child("act2"), l.batchNorm(b.child("bn2"), y));
    int out = width * EXPANSION;
    y = l.batchNorm(b.child("bn3"), l.conv2d(b.child("conv3"), y, 1, out, 1, 0, false, ConvInit.HE_FAN_OUT));
    return l.activation(b.child("act3"), b.ops().math.add(y, shortcut(l, b, x, out, stride)));
  }

  /** Identity, or a strided 1x1 projection with BN when the stride or channel count changes. */
  private static Operand<TFloat32> shortcut(Layers l, NamePath b, Operand<TFloat32> x, int out, int stride) {
    if (stride == 1 && x.shape().size(3) == out) {
      return x;
    }
    NamePath s = b.child("shortcut");
    return l.batchNorm(s.child("bn"), l.conv2d(s.child("conv"), x, 1, out, stride, 0, false, ConvInit.HE_FAN_OUT));
  }
}
