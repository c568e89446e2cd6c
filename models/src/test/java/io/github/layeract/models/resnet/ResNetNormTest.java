package io.github.layeract.models.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.Mode;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.ModelSummary;
import io.github.layeract.models.Models;
import io.github.layeract.models.Norm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Parameter counts and graph contents of the three norm choices, from the layer formulas (not the code). */
class ResNetNormTest {

  /**
   * The CIFAR ResNet 6n+2 (10 classes, 3 input channels, He variant) counted layer by layer: every 3x3 conv has
   * {@code 9 * in * out} weights; with a norm each conv output channel has 2 norm parameters (scale, shift), without
   * one it has 1 bias. Convs: stem 3->16; stage 1: 2n convs 16->16; stage 2: 16->32 then 2n - 1 at 32->32; stage 3
   * likewise at 64; head 64*10 + 10.
   */
  private static long cifar(int n, boolean norm) {
    long perChannel = norm ? 2 : 1;
    long weights = 9L * 3 * 16 + 2L * n * 9 * 16 * 16 + 9L * 16 * 32 + (2L * n - 1) * 9 * 32 * 32
        + 9L * 32 * 64 + (2L * n - 1) * 9 * 64 * 64;
    long channels = 16 + 2L * n * 16 + 2L * n * 32 + 2L * n * 64;
    return weights + perChannel * channels + 64 * 10 + 10;
  }

  /**
   * Output channels of every conv of a torchvision ResNet (each is followed by one norm): stem 64; per block 2 (basic,
   * width w, w) or 3 (bottleneck: w, w, 4w) convs; a projection (4w or w channels) in the first block of each stage
   * whose input shape differs.
   */
  private static long imageNetNormChannels(int[] blocks, boolean bottleneck) {
    long sum = 64;
    int[] widths = {64, 128, 256, 512};
    for (int i = 0; i < 4; i++) {
      int w = widths[i];
      sum += (long) blocks[i] * (bottleneck ? 6 * w : 2 * w);
      boolean projection = bottleneck || i > 0;     // resnet50's stage 1 widens 64 -> 256; resnet18's does not
      sum += projection ? (bottleneck ? 4 * w : w) : 0;
    }
    return sum;
  }

  private static ModelSummary summary(String name, Norm norm) {
    return Models.create(name, Models.defaultConfig(name).withNorm(norm)).summary();
  }

  @Test
  void cifarCountsForEveryNorm() {
    assertEquals(269_722L, cifar(3, true), "the formula gives the published resnet20 count");
    assertEquals(1_727_962L, cifar(18, true), "and resnet110's");
    for (int n : new int[] {1, 3}) {
      String name = "resnet" + (6 * n + 2);
      ModelSummary batch = summary(name, Norm.BATCH);
      ModelSummary layer = summary(name, Norm.LAYER);
      ModelSummary none = summary(name, Norm.NONE);
      assertEquals(cifar(n, true), batch.parameters(), name);
      assertEquals(cifar(n, true), layer.parameters(), name + " layer: the same scale and shift per channel");
      assertEquals(cifar(n, false), none.parameters(), name + " none: one conv bias per channel instead");
      assertEquals(0, layer.stateParameters(), "layer norm keeps no moving statistics");
      assertEquals(0, none.stateParameters());
      assertEquals(6 * n + 1, layer.activationSites());
      assertEquals(6 * n + 1, none.activationSites());
    }
  }

  @Test
  void imageNetCountsForEveryNorm() {
    long rn50 = imageNetNormChannels(new int[] {3, 4, 6, 3}, true);
    long rn18 = imageNetNormChannels(new int[] {2, 2, 2, 2}, false);
    assertEquals(2 * rn50, summary("resnet50", Norm.BATCH).stateParameters(), "the channel sum matches the BN count");
    assertEquals(2 * rn18, summary("resnet18", Norm.BATCH).stateParameters());
    assertEquals(25_557_032L, summary("resnet50", Norm.LAYER).parameters());
    assertEquals(25_557_032L - 2 * rn50 + rn50, summary("resnet50", Norm.NONE).parameters());
    assertEquals(11_689_512L, summary("resnet18", Norm.LAYER).parameters());
    assertEquals(11_689_512L - 2 * rn18 + rn18, summary("resnet18", Norm.NONE).parameters());
  }

  /** Op types of an inference graph of resnet20 with ReLU (no normalising op of its own) and the given norm. */
  private static List<String> opTypes(Norm norm, List<String> names) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Models.create("resnet20", ModelConfig.cifar10().withNorm(norm)).forward(tf,
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3))), Mode.TRAIN);
      List<String> types = new ArrayList<>();
      g.operations().forEachRemaining(op -> {
        types.add(op.type());
        names.add(op.name());
      });
      return types;
    }
  }

  @Test
  void layerGraphHasNoBatchNormAndNoneGraphNoNormalisation() {
    List<String> batchNames = new ArrayList<>();
    assertEquals(19, opTypes(Norm.BATCH, batchNames).stream().filter(t -> t.startsWith("FusedBatchNorm")).count());
    assertTrue(batchNames.contains("stage2/block1/bn1/gamma"), "batch norm keeps the checkpoint names of before");

    List<String> layerNames = new ArrayList<>();
    List<String> layer = opTypes(Norm.LAYER, layerNames);
    assertFalse(layer.stream().anyMatch(t -> t.contains("BatchNorm")), layer.toString());
    assertEquals(19, layer.stream().filter(t -> t.equals("Rsqrt")).count(), "one layer norm per conv");
    assertTrue(layerNames.contains("stage2/block1/ln1/gamma"), layerNames.toString());
    assertFalse(layerNames.stream().anyMatch(n -> n.matches("(.*/)?bn[0-9]*/.*")));

    List<String> noneNames = new ArrayList<>();
    List<String> none = opTypes(Norm.NONE, noneNames);
    assertFalse(none.stream().anyMatch(t -> t.contains("BatchNorm") || t.equals("Rsqrt")), none.toString());
    assertFalse(noneNames.stream().anyMatch(n -> n.matches("(.*/)?(bn|ln)[0-9]*/.*")), noneNames.toString());
    assertEquals(1, none.stream().filter(t -> t.equals("Mean")).count(), "only the head's global average pool");
    assertTrue(noneNames.contains("stage1/block1/conv1/bias"), "without a norm the convs have a bias");
  }

  @Test
  void stageTablesAreImmutable() {
    ResNet.Architecture a = ResNet.cifar(20);
    assertThrows(UnsupportedOperationException.class, () -> a.stages().add(new Stage(8, 1, 1)));
    List<Stage> mine = new ArrayList<>(a.stages());
    ResNet.Architecture copy = new ResNet.Architecture(a.stem(), a.block(), mine);
    mine.clear();
    assertEquals(3, copy.stages().size(), "the architecture copied the table");
    assertEquals(List.of(new Stage(64, 3, 1), new Stage(128, 4, 2), new Stage(256, 23, 2), new Stage(512, 3, 2)),
        ResNet.imageNet(101).stages());
    assertEquals(ResNet.Block.BOTTLENECK, ResNet.imageNet(101).block());
    assertThrows(IllegalArgumentException.class, () -> ResNet.imageNet(42));
    assertThrows(IllegalArgumentException.class, () -> ResNet.cifar(21));
  }

  @Test
  void normParsesItsTextForm() {
    for (Norm n : Norm.values()) {
      assertEquals(n, Norm.parse(" " + n.text().toUpperCase() + " "));
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Norm.parse("group"));
    assertEquals("unknown norm 'group'; valid: batch, layer, none", e.getMessage());
  }
}
