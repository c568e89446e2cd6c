package io.github.layeract.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ModelsTest {

  /**
   * Reference counts: torchvision (ImageNet) and the bias-free CIFAR ResNets of He et al. (the reference code's
   * models/architectures/ResNet_small.py).
   */
  private static final Map<String, Long> REFERENCE = Map.of(
      "resnet20", 269_722L, "resnet32", 464_154L, "resnet44", 658_586L, "resnet56", 853_018L,
      "resnet110", 1_727_962L, "resnet18", 11_689_512L, "resnet34", 21_797_672L, "resnet50", 25_557_032L);

  /**
   * The two deepest ImageNet ResNets (slow tier): the same bottleneck blocks as resnet50 with longer stage tables,
   * and more than half of the time the count takes for all ten models.
   */
  private static final Map<String, Long> DEEPEST = Map.of("resnet101", 44_549_160L, "resnet152", 60_192_808L);

  @Test
  void parameterCountsEqualTheReferenceArchitectures() {
    assertCounts(REFERENCE);
  }

  @Test
  @EnabledIfSystemProperty(named = "layeract.slow", matches = "true")
  void parameterCountsOfTheDeepestImageNetResNets() {
    assertCounts(DEEPEST);
  }

  private static void assertCounts(Map<String, Long> reference) {
    for (var e : reference.entrySet()) {
      Model m = Models.create(e.getKey(), Models.defaultConfig(e.getKey()));
      assertEquals(e.getValue(), m.summary().parameters(), e.getKey());
    }
  }

  /**
   * Parameters of the bias-free CIFAR ResNet 6n+2 (10 classes, 3 channels), counted from its layers: stem conv + BN;
   * stage 1: n blocks of two 16->16 3x3 convs + 2 BN; stages 2 and 3: a first block widening 16->32 (32->64), then
   * n - 1 blocks at 32 (64); dense head. Option-A shortcuts have no parameters.
   */
  private static long cifarParameters(int n) {
    long stem = 3 * 3 * 3 * 16 + 2 * 16;
    long stage1 = n * (2L * 9 * 16 * 16 + 2 * 2 * 16);
    long stage2 = 9 * 16 * 32 + 9 * 32 * 32 + 2 * 2 * 32 + (n - 1) * (2L * 9 * 32 * 32 + 2 * 2 * 32);
    long stage3 = 9 * 32 * 64 + 9 * 64 * 64 + 2 * 2 * 64 + (n - 1) * (2L * 9 * 64 * 64 + 2 * 2 * 64);
    return stem + stage1 + stage2 + stage3 + 64 * 10 + 10;
  }

  @Test
  void anyCifarDepthSixNPlusTwoByName() {
    assertEquals(269_722L, cifarParameters(3), "the formula gives the published resnet20 count");
    assertEquals(1_727_962L, cifarParameters(18), "and resnet110's");
    for (int n : new int[] {1, 2, 4}) {
      String name = "resnet" + (6 * n + 2);
      assertTrue(Models.isKnown(name), name);
      ModelSummary s = Models.create(name.toUpperCase(), ModelConfig.cifar10()).summary();
      assertEquals(cifarParameters(n), s.parameters(), name);
      assertEquals(6 * n + 1, s.activationSites(), name);
    }
    assertFalse(Models.names().contains("resnet8"), "the listing keeps the canonical names");
    for (String bad : List.of("resnet9", "resnet2", "resnet-8", "resnet08", "resnet", "resnet8x", "lenet")) {
      assertFalse(Models.isKnown(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> Models.create(bad, ModelConfig.cifar10()), bad);
    }
    // 50 = 6 * 8 + 2 and 152 = 6 * 25 + 2, but those names are the ImageNet ResNets
    assertTrue(Models.isImageNet("resnet50") && Models.isKnown("resnet50"));
    assertEquals(25_557_032L, Models.create("resnet50", Models.defaultConfig("resnet50")).summary().parameters());
  }

  @Test
  void pytorchVariantAddsConvBiasesAsTheAuthorsCode() {
    // the authors' code (conv bias) has 270,410 (10 classes) and 276,260 (100 classes) for RN20
    assertEquals(270_410L, Models.create("resnet20", ModelConfig.cifar10().withInit(Init.PYTORCH)).summary().parameters());
    assertEquals(276_260L, Models.create("resnet20",
        ModelConfig.cifar10().withInit(Init.PYTORCH).withClasses(100)).summary().parameters());
  }

  @Test
  void portableConfigComposesLayerActAndKeepsEverythingElse() {
    ModelConfig fused = ModelConfig.cifar10().withActivation("LA_HARDSILU(alpha=0.1)").withSeed(4);
    ModelConfig portable = fused.portable();
    assertEquals("la_hard_silu(alpha=0.1, impl=composed)", portable.activation());
    assertEquals(fused.withActivation("la_hard_silu(alpha=0.1, impl=composed)"), portable);
    assertEquals(portable, portable.portable());
    assertEquals(ModelConfig.cifar10(), ModelConfig.cifar10().portable(), "relu has no fused form");
  }

  @Test
  void mlpCountAndSites() {
    ModelSummary s = Models.create("mlp", Models.defaultConfig("mlp").withHiddenWidth(100)).summary();
    assertEquals(784 * 100 + 100 + 100 * 10 + 10, s.parameters());
    assertEquals(1, s.activationSites());
  }

  @Test
  void activationSitesAndStateCounts() {
    ModelSummary s = Models.create("resnet20", ModelConfig.cifar10()).summary();
    assertEquals(19, s.activationSites());
    assertEquals(2L * (16 + 6 * 16 + 6 * 32 + 6 * 64), s.stateParameters());   // mean + variance per BN channel
    assertEquals(6 * 18 + 1, Models.create("resnet110", ModelConfig.cifar10()).summary().activationSites());
    assertEquals(1 + 3 * 16, Models.create("resnet50", ModelConfig.imageNet()).summary().activationSites());
  }

  @Test
  void layerActResNetHasNoReluAndOneSiteEach() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Forward f = Models.create("resnet20", ModelConfig.cifar10().withActivation("la_silu"))
          .forward(tf, input(tf, 32, 32, 3), Mode.TRAIN);
      assertEquals(19, f.sites().size());
      assertEquals("stem/act", f.sites().keySet().iterator().next());
      assertTrue(f.sites().containsKey("stage2/block1/act1"));
      List<String> types = new ArrayList<>();
      g.operations().forEachRemaining(op -> types.add(op.type()));
      assertFalse(types.contains("Relu"), "LayerAct graph contains a Relu op");
      assertEquals(19 * 2, f.params().updates().size());
    }
  }

  @Test
  void variableNamesAreHierarchicalAndStableAcrossGraphs() {
    List<String> first = variableNames();
    assertEquals(first, variableNames());
    assertTrue(first.contains("stage2/block1/conv1/kernel"), first.toString());
    assertTrue(first.contains("stage3/block3/bn2/moving_variance"));
    assertTrue(first.contains("head/fc/bias"));
  }

  private static List<String> variableNames() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Models.create("resnet20", ModelConfig.cifar10()).forward(tf, input(tf, 32, 32, 3), Mode.INFER);
      List<String> names = new ArrayList<>();
      g.operations().forEachRemaining(op -> {
        if (op.type().equals("VariableV2")) {
          names.add(op.name());
        }
      });
      return names;
    }
  }

  @Test
  void outputShapesForEveryInputTheArchitectureAllows() {
    assertLogits("resnet20", new InputShape(28, 28, 1), 10);
    assertLogits("resnet20", new InputShape(32, 32, 3), 100);
    assertLogits("mlp", new InputShape(28, 28, 1), 10);
    assertLogits("resnet18", new InputShape(32, 32, 3), 7);
  }

  private static void assertLogits(String name, InputShape in, int classes) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = input(tf, in.height(), in.width(), in.channels());
      Forward f = Models.create(name, ModelConfig.cifar10().withInput(in).withClasses(classes)
          .withActivation("la_silu")).forward(tf, x, Mode.INFER);
      try (TFloat32 images = TFloat32.tensorOf(Shape.of(3, in.height(), in.width(), in.channels()));
          Result r = s.runner().feed(x, images).fetch(f.logits()).run()) {
        Tensor logits = r.get(0);
        assertEquals(Shape.of(3, classes), logits.shape(), name + " " + in);
      }
    }
  }

  @Test
  void rejectsUnknownNamesAndMismatchedInputs() {
    var e = assertThrows(IllegalArgumentException.class, () -> Models.create("resnet21", ModelConfig.cifar10()));
    assertTrue(e.getMessage().contains("resnet20"), e.getMessage());
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> wrong = input(tf, 28, 28, 1);
      assertThrows(IllegalArgumentException.class,
          () -> Models.create("resnet20", ModelConfig.cifar10()).forward(tf, wrong, Mode.INFER));
    }
    assertEquals(11, Models.names().size());
  }

  static Placeholder<TFloat32> input(Ops tf, int h, int w, int c) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, w, c)));
  }

}
