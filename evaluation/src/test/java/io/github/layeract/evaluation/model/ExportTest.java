package io.github.layeract.evaluation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.cli.Main;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.tf.NativeKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class ExportTest {

  private static final ModelConfig TINY = ModelConfig.cifar10().withInput(new InputShape(8, 8, 1))
      .withActivation("la_silu").withSeed(3);

  /** The portable (exportable) graph of a tiny LA-SiLU ResNet with its seeded initial weights. */
  private static InferenceModel tinyModel() {
    return tinyModel(TINY.portable());
  }

  private static InferenceModel tinyModel(ModelConfig cfg) {
    return InferenceModel.build(Models.create("resnet20", cfg), new float[] {0.3f}, new float[] {0.25f});
  }

  private static byte[] images(int n, long seed) {
    byte[] b = new byte[n * 64];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void exportReloadsWithIdenticalOutputsAndPredictAgrees(@TempDir Path dir) throws Exception {
    byte[] x = images(5, 1);
    try (InferenceModel m = tinyModel()) {
      double diff = m.export(dir.resolve("export"), 1, x, 5, null);
      assertEquals(0.0, diff, 1e-6);
      Path v1 = dir.resolve("export/1");
      assertTrue(Files.isRegularFile(v1.resolve("saved_model.pb")));
      assertTrue(Files.isRegularFile(v1.resolve("variables/variables.index")));
      try (var list = Files.list(dir.resolve("export"))) {
        assertEquals(List.of(v1), list.toList(), "no temporary directory left behind");
      }
      try (SavedModelBundle b = SavedModelBundle.load(v1.toString(), "serve")) {
        var sig = b.metaGraphDef().getSignatureDefMap().get("serving_default");
        assertEquals("tensorflow/serving/predict", sig.getMethodName());
        assertEquals(List.of("images"), List.copyOf(sig.getInputsMap().keySet()));
        assertTrue(sig.getOutputsMap().keySet().containsAll(List.of("logits", "probabilities", "classes")));
      }
      float[] expected = m.logits(x, 5);
      try (SavedModelClassifier c = SavedModelClassifier.load(dir.resolve("export"))) {
        assertArrayEquals(expected, c.logits(x, 5), 1e-6f);
        assertArrayEquals(new int[] {1, 8, 8, 1}, new int[] {1, c.imageShape()[0], c.imageShape()[1],
            c.imageShape()[2]});
      }
      // the CLI's predict on the same images, as N x H x W (one channel)
      Npy.writeUint8(dir.resolve("in.npy"), x, 5, 8, 8);
      assertEquals(0, Main.execute("predict", "--saved-model", v1.toString(), "--input", dir.resolve("in.npy").toString(),
          "--out", dir.resolve("out.npy").toString()));
      Npy.Float32Array out = Npy.readFloat32(dir.resolve("out.npy"));
      assertArrayEquals(new long[] {5, 10}, out.shape());
      assertArrayEquals(expected, out.data(), 1e-6f);
      // a second export to the same version is refused and changes nothing
      assertThrows(UserException.class, () -> m.export(dir.resolve("export"), 1, x, 5, null));
      try (var list = Files.list(dir.resolve("export"))) {
        assertEquals(1, list.count());
      }
    }
  }

  @Test
  void exportHasNoXlaFunctionsOrNativeOpsAndMatchesTheDefaultGraph(@TempDir Path dir) {
    byte[] x = images(6, 4);
    float[] portable;
    try (InferenceModel m = tinyModel()) {
      portable = m.logits(x, 6);
      m.export(dir, 1, x, 6, null);
    }
    try (SavedModelBundle b = SavedModelBundle.load(dir.resolve("1").toString(), "serve")) {
      GraphDef saved = b.metaGraphDef().getGraphDef();
      List<NodeDef> nodes = new ArrayList<>(saved.getNodeList());
      saved.getLibrary().getFunctionList().forEach(f -> nodes.addAll(f.getNodeDefList()));
      assertTrue(nodes.size() > 100, "the model's ops are in the saved graph");
      for (NodeDef n : nodes) {
        assertFalse(n.getAttrMap().containsKey("_XlaMustCompile"), n.getName());
        assertFalse(NativeKernels.isNativeOp(n.getOp()) || n.getOp().startsWith("LayerAct"), n.getName());
        assertFalse(n.getOp().endsWith("PartitionedCall") || n.getName().contains("layeract"), n.getName());
      }
      assertEquals(List.of(), saved.getLibrary().getFunctionList().stream()
          .map(f -> f.getSignature().getName()).filter(name -> name.toLowerCase().contains("layeract")).toList());
    }
    try (SavedModelClassifier c = SavedModelClassifier.load(dir)) {
      assertArrayEquals(portable, c.logits(x, 6), "the reloaded export computes the Java inference graph");
    }
    // the default (native where loaded, else fused) and the fused graph: same function, and not exportable
    for (ModelConfig cfg : List.of(TINY, TINY.withActivation("la_silu(impl=fused)"))) {
      try (InferenceModel m = tinyModel(cfg)) {
        float[] f = m.logits(x, 6);
        assertArrayEquals(f, portable, 1e-4f, cfg.activation() + ": same function as the portable LayerAct");
        assertFalse(java.util.Arrays.equals(f, new float[f.length]));
        assertThrows(IllegalStateException.class, () -> m.export(dir, 2, x, 6, null), cfg.activation() + " refused");
        assertFalse(Files.exists(dir.resolve("2")));
      }
    }
  }

  @Test
  void aSavedModelWithoutItsVariablesDataIsOneLine(@TempDir Path dir) throws Exception {
    try (InferenceModel m = tinyModel()) {
      m.export(dir, 3, images(2, 2), 2, null);
    }
    try (var files = Files.list(dir.resolve("3/variables"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("variables.data")).toList()) {
        Files.delete(f);
      }
    }
    UserException e = assertThrows(UserException.class, () -> SavedModelClassifier.load(dir).close());
    assertTrue(e.getMessage().startsWith(dir.resolve("3") + ": cannot load the SavedModel ("), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void predictRejectsAWrongShape(@TempDir Path dir) {
    try (InferenceModel m = tinyModel()) {
      m.export(dir, 7, images(2, 2), 2, null);
    }
    Npy.writeUint8(dir.resolve("bad.npy"), new byte[2 * 9 * 9], 2, 9, 9);
    assertEquals(1, Main.execute("predict", "--saved-model", dir.toString(), "--input", dir.resolve("bad.npy").toString(),
        "--json"));
  }
}
