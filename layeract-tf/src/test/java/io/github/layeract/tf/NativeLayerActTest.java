package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The native kernels themselves: they are loaded where the build had a compiler (mandatory with
 * {@code -Dlayeract.native.required=true}), each instruction-set build matches the reference, the results are bit
 * for bit the same whatever the thread count, the graph survives GraphDef export and import, and NaN propagates.
 * (Forward and gradient against the float64 reference and finite differences for every shape, axes, variance and dtype
 * run in {@link LayerActForwardTest} and {@link LayerActGradientTest}, which cover every implementation.)
 */
class NativeLayerActTest {

  @BeforeEach
  void nativeKernelsLoaded() {
    if (Boolean.getBoolean("layeract.native.required")) {
      assertTrue(NativeKernels.loaded(), "native kernels required but not loaded: " + NativeKernels.failure());
    }
    assumeTrue(NativeKernels.loaded(), "native kernels not loaded: " + NativeKernels.failure());
  }

  @AfterEach
  void resetSettings() {
    System.clearProperty(NativeKernels.ISA_PROPERTY);
    NativeKernels.setThreads(0);
  }

  @Test
  void defaultCpuGraphUsesTheNativeOps() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 3)));
      Operand<TFloat32> a = LayerAct.silu().call(tf, x);
      tf.gradients(tf.reduceSum(a, tf.constant(new int[] {0, 1, 2, 3})), List.of(x));
      List<String> types = opTypes(g);
      assertTrue(types.contains(NativeLayerAct.FORWARD_OP), types.toString());
      assertTrue(types.contains(NativeLayerAct.BACKWARD_OP), types.toString());
      assertFalse(types.contains("StatefulPartitionedCall"), types.toString());
    }
    assertTrue(NativeKernels.describe().startsWith("native ("), NativeKernels.describe());
  }

  @Test
  void eachInstructionSetMatchesTheReference() throws IOException {
    String flags = cpuFlags();
    for (String isa : List.of("avx512", "avx2", "avx")) {
      boolean supported = switch (isa) {
        case "avx512" -> flags.contains(" avx512f ") && flags.contains(" fma ");
        case "avx2" -> flags.contains(" avx2 ") && flags.contains(" fma ");
        default -> flags.contains(" avx ");
      };
      System.setProperty(NativeKernels.ISA_PROPERTY, isa);
      if (!supported) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> forwardMatchesReference(isa));
        assertTrue(e.getMessage().contains("instruction set " + isa + " was forced but this CPU does not support it"),
            e.getMessage());
        continue;
      }
      assertTrue(NativeKernels.describe().startsWith("native (" + isa + ","), NativeKernels.describe());
      forwardMatchesReference(isa);
      gradientMatchesComposedAutodiff(isa);
    }
  }

  private static void forwardMatchesReference(String isa) {
    // sizes that are not multiples of the vector width exercise the padded tails
    for (Shape shape : List.of(Shape.of(3, 37), Shape.of(2, 5, 7, 3), Shape.of(2, 16, 16, 8))) {
      double[] x = TfRunner.normal(new Random(shape.hashCode()), TfRunner.size(shape), 2, 1.5);
      for (LayerAct act : List.of(LayerAct.silu(), LayerAct.builder().hardSigmoid().variance(LayerAct.Variance.BIASED)
          .alpha(0.1).build())) {
        for (var type : List.of(TFloat64.class, TFloat32.class)) {
          TfRunner.Io io = TfRunner.run(act, type, shape, x);
          double[] expected = Reference.layerAct(io.input(), shape.asArray(), 0,
              act.scale() == LayerAct.Scale.HARD_SIGMOID, act.variance() == LayerAct.Variance.UNBIASED, act.alpha());
          Close.assertClose(isa + " " + act + " " + type.getSimpleName() + " " + shape, expected, io.output(),
              io.input(), Close.FORWARD_TOLERANCE.get(type));
        }
      }
    }
  }

  private static void gradientMatchesComposedAutodiff(String isa) {
    Shape shape = Shape.of(3, 5, 13);
    Random random = new Random(5);
    double[] x = TfRunner.normal(random, TfRunner.size(shape), -1, 2);
    double[] w = TfRunner.normal(random, x.length, 0, 1);
    for (LayerAct.Scale scale : LayerAct.Scale.values()) {
      LayerAct act = LayerAct.builder().scale(scale).build();
      double[] composed;
      try (TfRunner.Functional f = new TfRunner.Functional(
          act.toBuilder().implementation(LayerAct.Implementation.COMPOSED).build(), shape, w)) {
        composed = f.gradient(x);
      }
      try (TfRunner.Functional f = new TfRunner.Functional(act, shape, w)) {
        Close.assertCloseToMax(isa + " " + act + " gradient vs autodiff", composed, f.gradient(x), 1e-12);
      }
    }
  }

  @Test
  void resultsAreBitIdenticalWhateverTheThreadCount() {
    Shape shape = Shape.of(37, 16, 16, 8);   // large enough for the pool, and an odd number of samples
    Random random = new Random(9);
    float[] x = floats(TfRunner.normal(random, TfRunner.size(shape), 0.5, 2));
    float[] w = floats(TfRunner.normal(random, x.length, 0, 1));
    for (LayerAct act : List.of(LayerAct.silu(), LayerAct.hardSilu())) {
      float[][] reference = null;
      for (int threads : new int[] {1, 2, 3, 5}) {
        NativeKernels.setThreads(threads);
        float[][] run = forwardAndGradient(act, shape, x, w);
        if (reference == null) {
          reference = run;
        } else {
          assertArrayEquals(reference[0], run[0], act + " output with " + threads + " threads");
          assertArrayEquals(reference[1], run[1], act + " gradient with " + threads + " threads");
        }
      }
    }
  }

  private static float[][] forwardAndGradient(LayerAct act, Shape shape, float[] x, float[] w) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16, 16, 8)));
      Operand<TFloat32> a = act.call(tf, in);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(a, tf.reshape(tf.constant(w), tf.constant(shape.asArray()))),
          tf.constant(new int[] {0, 1, 2, 3}));
      var dx = tf.gradients(loss, List.of(in)).dy(0);
      try (TFloat32 t = TFloat32.tensorOf(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false));
          Result r = s.runner().feed(in, t).fetch(a).fetch(dx).run()) {
        return new float[][] {read((TFloat32) r.get(0)), read((TFloat32) r.get(1))};
      }
    }
  }

  @Test
  void graphDefRoundTripGivesTheSameOutputAndGradient() {
    Shape shape = Shape.of(4, 6, 5);
    Random random = new Random(4);
    double[] x = TfRunner.normal(random, TfRunner.size(shape), 0.5, 1);
    double[] w = TfRunner.normal(random, x.length, 0, 1);
    LayerAct act = LayerAct.builder().hardSigmoid().axes(1).alpha(0.3).build();
    try (Graph original = new Graph(); Graph imported = new Graph()) {
      Ops tf = Ops.create(original);
      var in = tf.withName("x").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, 6, 5)));
      tf.withName("out").identity(act.call(tf.withSubScope("act"), in));
      imported.importGraphDef(original.toGraphDef());
      double[][] before = outputAndGradient(original, w, shape, x);
      double[][] after = outputAndGradient(imported, w, shape, x);
      assertArrayEquals(before[0], after[0], "output after import");
      assertArrayEquals(before[1], after[1], "gradient after import");
      assertTrue(opTypes(imported).contains(NativeLayerAct.BACKWARD_OP));
      double[] expected = Reference.layerAct(x, shape.asArray(), 1, true, true, 0.3);
      Close.assertClose("imported", expected, after[0], x, 1e-12);
    }
  }

  @SuppressWarnings("unchecked")
  private static double[][] outputAndGradient(Graph g, double[] w, Shape shape, double[] x) {
    Ops tf = Ops.create(g);
    Operand<TFloat64> in = (Operand<TFloat64>) (Operand<?>) g.operation("x").output(0);
    Operand<TFloat64> out = (Operand<TFloat64>) (Operand<?>) g.operation("out").output(0);
    Operand<TFloat64> loss = tf.reduceSum(tf.math.mul(TfRunner.reshape(tf, w, shape), out),
        tf.constant(TfRunner.allAxes(shape)));
    Operand<TFloat64> dx = tf.gradients(loss, List.of(in)).dy(0);
    try (Session s = new Session(g); TFloat64 t = TfRunner.tensor(shape, x);
        Result r = s.runner().feed(in, t).fetch(out).fetch(dx).run()) {
      return new double[][] {TfRunner.read((TFloat64) r.get(0)), TfRunner.read((TFloat64) r.get(1))};
    }
  }

  @Test
  void aNanMakesItsOwnSampleNanOnly() {
    Shape shape = Shape.of(2, 40);
    double[] x = TfRunner.normal(new Random(8), TfRunner.size(shape), 0, 1);
    x[3] = Double.NaN;
    for (var type : List.of(TFloat64.class, TFloat32.class)) {
      double[] out = TfRunner.run(LayerAct.silu(), type, shape, x).output();
      for (int i = 0; i < x.length; i++) {
        assertEquals(i < 40, Double.isNaN(out[i]), type.getSimpleName() + " element " + i + " = " + out[i]);
      }
    }
  }

  @Test
  void badSettingsFailWithOneClearMessage() {
    assertThrows(IllegalArgumentException.class, () -> NativeKernels.setThreads(-1));
    System.setProperty(NativeKernels.ISA_PROPERTY, "sse9");
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> TfRunner.run(LayerAct.silu(), TFloat32.class, Shape.of(2, 3), new double[6]));
    assertTrue(e.getMessage().contains("unknown instruction set 'sse9' (avx512, avx2 or avx)"), e.getMessage());
  }

  private static String cpuFlags() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("flags")) {
        return line.substring(line.indexOf(':') + 1) + " ";
      }
    }
    return " ";
  }

  private static float[] floats(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  private static float[] read(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  static List<String> opTypes(Graph g) {
    List<String> types = new ArrayList<>();
    g.operations().forEachRemaining(op -> types.add(op.type()));
    return types;
  }
}
