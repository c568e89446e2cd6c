package io.github.layeract.models.resnet;

import io.github.layeract.models.Init;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Norm;
import io.github.layeract.models.layers.Layers;
import io.github.layeract.models.layers.Layers.ConvInit;
import io.github.layeract.models.layers.NamePath;
import io.github.layeract.models.layers.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One ResNet skeleton for the CIFAR (He et al. 2016, §4.2; the authors' {@code ResNet_small.py}) and the ImageNet
 * depths (torchvision V1.5: a bottleneck's stride is on its 3x3 convolution): a stem, a block function, an
 * immutable stage table and a head.
 *
 * <pre>
 * stem   CIFAR:    conv3x3(w1) - norm - act                                   stem/conv, stem/bn, stem/act
 *        ImageNet: conv7x7/2(64) - norm - act - maxpool3x3/2 (-inf padding)   ... stem/pool
 * stage i  blocks of {@link Block}, the first with the stage's stride        stage{i}/block{j}/...
 *   basic_a     conv3x3(s) - norm - act - conv3x3 - norm (+ option-A shortcut) - act      (CIFAR)
 *   basic       conv3x3(s) - norm - act - conv3x3 - norm (+ shortcut) - act               (resnet18, 34)
 *   bottleneck  conv1x1 - norm - act - conv3x3(s) - norm - act - conv1x1(4w) - norm (+ shortcut) - act
 *   shortcut    option A: x[:, ::s, ::s, :] with zero channels appended (parameter-free);
 *               otherwise identity, or conv1x1(s) - norm when the shape changes   .../shortcut/conv, .../shortcut/bn
 * head   global average pool - dense(classes)                                 head/fc
 * </pre>
 *
 * <p>The norm scopes are named {@code bn*} for {@link Norm#BATCH} (so checkpoints of earlier versions restore),
 * {@code ln*} for {@link Norm#LAYER}, and are absent for {@link Norm#NONE}, whose convolutions then have a bias.
 * Convolutions are otherwise bias-free with He-normal (fan-out) weights, except the CIFAR networks with
 * {@link Init#PYTORCH} (biased, PyTorch's uniform default, as the authors' code). Activation sites: CIFAR
 * {@code 6n + 1} (resnet20: 19), ImageNet {@code 1 + 2 or 3 per block}. Any input size works (28x28x1 gives 28, 14, 7
 * in the CIFAR stages).
 */
public final class ResNet extends Model {

  /** The CIFAR depths listed by the registry (any 6n + 2 is accepted). */
  public static final List<Integer> CIFAR_DEPTHS = List.of(20, 32, 44, 56, 110);
  /** The ImageNet depths, in registry order. */
  public static final List<Integer> IMAGENET_DEPTHS = List.of(18, 34, 50, 101, 152);
  private static final Map<Integer, List<Integer>> IMAGENET_BLOCKS = Map.of(
      18, List.of(2, 2, 2, 2), 34, List.of(3, 4, 6, 3), 50, List.of(3, 4, 6, 3), 101, List.of(3, 4, 23, 3),
      152, List.of(3, 8, 36, 3));
  private static final List<Integer> IMAGENET_WIDTHS = List.of(64, 128, 256, 512);
  private static final int EXPANSION = 4;

  /** The first layers, before the stages. */
  public enum Stem {
    /** conv3x3 stride 1 to the first stage's width, norm, activation. */
    CIFAR,
    /** conv7x7 stride 2 to 64 channels, norm, activation, 3x3 max pool stride 2. */
    IMAGENET
  }

  /** The residual block function of every stage. */
  public enum Block {
    /** Two 3x3 convolutions, parameter-free option-A shortcut (the CIFAR ResNets). */
    BASIC_A(1),
    /** Two 3x3 convolutions, projection shortcut where the shape changes (resnet18, resnet34). */
    BASIC(1),
    /** 1x1, 3x3 (strided), 1x1 to 4x the width, projection shortcut where the shape changes (resnet50 and up). */
    BOTTLENECK(EXPANSION);

    private final int expansion;

    Block(int expansion) {
      this.expansion = expansion;
    }

    /** Output channels of a block of {@code width}. */
    public int outputChannels(int width) {
      return width * expansion;
    }
  }

  /**
   * The whole architecture: a stem, a block function and the stage table (copied, immutable).
   *
   * @param stages one row per stage, in order
   */
  public record Architecture(Stem stem, Block block, List<Stage> stages) {
    public Architecture {
      stages = List.copyOf(stages);
      if (stages.isEmpty()) {
        throw new IllegalArgumentException("a ResNet needs at least one stage");
      }
    }
  }

  private final Architecture arch;

  /** A ResNet of {@code arch} called {@code name}. */
  public ResNet(String name, Architecture arch, ModelConfig config) {
    super(name, config);
    this.arch = arch;
  }

  /** The CIFAR ResNet of depth {@code 6n + 2}: n basic blocks per stage, widths 16/32/64, strides 1/2/2. */
  public static Architecture cifar(int depth) {
    if ((depth - 2) % 6 != 0 || depth < 8) {
      throw new IllegalArgumentException("CIFAR ResNet depth must be 6n + 2 with n >= 1, got " + depth);
    }
    int n = (depth - 2) / 6;
    return new Architecture(Stem.CIFAR, Block.BASIC_A,
        List.of(new Stage(16, n, 1), new Stage(32, n, 2), new Stage(64, n, 2)));
  }

  /** torchvision's ImageNet ResNet of {@code depth} (18, 34, 50, 101 or 152): widths 64..512, strides 1/2/2/2. */
  public static Architecture imageNet(int depth) {
    List<Integer> blocks = IMAGENET_BLOCKS.get(depth);
    if (blocks == null) {
      throw new IllegalArgumentException("ImageNet ResNet depth must be one of " + IMAGENET_DEPTHS + ", got " + depth);
    }
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      stages.add(new Stage(IMAGENET_WIDTHS.get(i), blocks.get(i), i == 0 ? 1 : 2));
    }
    return new Architecture(Stem.IMAGENET, depth >= 50 ? Block.BOTTLENECK : Block.BASIC, stages);
  }

  /** The architecture: stem, block function, stage table. */
  public Architecture architecture() {
    return arch;
  }

  @Override
  protected Operand<TFloat32> build(Layers l, NamePath root, Operand<TFloat32> images) {
    // torchvision's ImageNet ResNets are bias-free He-normal in both init variants
    Units u = new Units(l, config().norm(), arch.stem() == Stem.CIFAR && config().init() == Init.PYTORCH);
    NamePath stem = root.child("stem");
    Operand<TFloat32> x;
    if (arch.stem() == Stem.CIFAR) {
      x = u.convNormAct(stem, "", images, 3, arch.stages().get(0).width(), 1, 1);
    } else {
      x = u.convNormAct(stem, "", images, 7, 64, 2, 3);
      x = Pooling.maxPool(stem.child("pool").ops(), x, 3, 2, 1);
    }
    for (int i = 0; i < arch.stages().size(); i++) {
      Stage s = arch.stages().get(i);
      NamePath stage = root.child("stage" + (i + 1));
      for (int j = 0; j < s.blocks(); j++) {
        x = block(u, stage.child("block" + (j + 1)), x, s.width(), j == 0 ? s.stride() : 1);
      }
    }
    NamePath head = root.child("head");
    return l.dense(head.child("fc"), Pooling.globalAveragePool(head.ops(), x), config().classes());
  }

  private Operand<TFloat32> block(Units u, NamePath b, Operand<TFloat32> x, int width, int stride) {
    int out = arch.block().outputChannels(width);
    Operand<TFloat32> y;
    if (arch.block() == Block.BOTTLENECK) {
      y = u.convNormAct(b, "1", x, 1, width, 1, 0);
      y = u.convNormAct(b, "2", y, 3, width, stride, 1);
      y = u.convNorm(b, "3", y, 1, out, 1, 0);
    } else {
      y = u.convNormAct(b, "1", x, 3, width, stride, 1);
      y = u.convNorm(b, "2", y, 3, width, 1, 1);
    }
    Operand<TFloat32> shortcut = arch.block() == Block.BASIC_A ? Pooling.shortcutA(b.ops(), x, stride, out)
        : projection(u, b, x, out, stride);
    return u.layers.activation(b.child("act" + (arch.block() == Block.BOTTLENECK ? 3 : 2)),
        b.ops().math.add(y, shortcut));
  }

  /** Identity, or a strided 1x1 projection with norm when the stride or channel count changes. */
  private static Operand<TFloat32> projection(Units u, NamePath b, Operand<TFloat32> x, int out, int stride) {
    if (stride == 1 && x.shape().size(3) == out) {
      return x;
    }
    return u.convNorm(b.child("shortcut"), "", x, 1, out, stride, 0);
  }

  /** Convolution, norm and activation with the config's norm and convolution variant. */
  private static final class Units {
    final Layers layers;
    final Norm norm;
    final boolean bias;
    final ConvInit init;

    /** {@code pytorchInit}: PyTorch's default init with biased convolutions (else bias-free He-normal). */
    Units(Layers layers, Norm norm, boolean pytorchInit) {
      this.layers = layers;
      this.norm = norm;
      this.init = pytorchInit ? ConvInit.PYTORCH_UNIFORM : ConvInit.HE_FAN_OUT;
      this.bias = pytorchInit || norm == Norm.NONE;
    }

    /** {@code conv{index}} then {@code bn{index}} / {@code ln{index}} under {@code p}. */
    Operand<TFloat32> convNorm(NamePath p, String index, Operand<TFloat32> x, int k, int filters, int stride,
        int padding) {
      Operand<TFloat32> y = layers.conv2d(p.child("conv" + index), x, k, filters, stride, padding, bias, init);
      return switch (norm) {
        case BATCH -> layers.batchNorm(p.child("bn" + index), y);
        case LAYER -> layers.layerNorm(p.child("ln" + index), y);
        case NONE -> y;
      };
    }

    /** {@link #convNorm} then {@code act{index}}. */
    Operand<TFloat32> convNormAct(NamePath p, String index, Operand<TFloat32> x, int k, int filters, int stride,
        int padding) {
      return layers.activation(p.child("act" + index), convNorm(p, index, x, k, filters, stride, padding));
    }
  }
}
