package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Without the native kernels (here disabled before the first LayerAct, in this class's own JVM) the default LayerAct
 * uses the fused implementation, says why in one line on stderr (once), and computes the same function.
 */
class NativeFallbackTest {

  @BeforeAll
  static void disable() {
    System.setProperty(NativeKernels.ENABLE_PROPERTY, "false");
  }

  @Test
  void fallsBackToFusedWithOneLineSayingWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        try (Graph g = new Graph()) {
          Ops tf = Ops.create(g);
          LayerAct.silu().call(tf, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 3))));
          List<String> types = NativeLayerActTest.opTypes(g);
          assertFalse(types.contains(NativeLayerAct.FORWARD_OP), types.toString());
          assertTrue(types.contains("StatefulPartitionedCall"), types.toString());
        }
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("layeract: native LayerAct kernels not loaded (disabled by -Dlayeract.native=false); using the fused"
        + " implementation\n", err.toString(StandardCharsets.UTF_8));
    assertEquals("fused (native kernels not loaded: disabled by -Dlayeract.native=false)", NativeKernels.describe());
  }

  @Test
  void theFallbackComputesTheSameFunction() {
    Shape shape = Shape.of(3, 4, 5);
    double[] x = TfRunner.normal(new Random(2), TfRunner.size(shape), 0.5, 1);
    double[] expected = Reference.layerAct(x, shape.asArray(), 0, false, true, LayerAct.DEFAULT_ALPHA);
    Close.assertClose("fallback", expected, TfRunner.run(LayerAct.silu(), TFloat64.class, shape, x).output(), x, 1e-12);
  }
}
