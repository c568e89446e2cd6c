package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/** LayerAct's forward pass against the plain-Java double-precision reference. */
class LayerActForwardTest {

  private static final List<Class<? extends TNumber>> TYPES =
      List.of(TFloat64.class, TFloat32.class, TFloat16.class, TBfloat16.class);
  private static final List<LayerAct.Implementation> IMPLEMENTATIONS = List.of(LayerAct.Implementation.values());

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long[][] shapes = {{3, 7}, {2, 5, 6}, {2, 4, 5, 3}, {2, 3, 4, 2, 3}};
    int seed = 0;
    for (long[] shape : shapes) {
      for (int axes = 0; axes < shape.length; axes++) {
        for (LayerAct.Scale scale : LayerAct.Scale.values()) {
          for (LayerAct.Variance variance : LayerAct.Variance.values()) {
            // every dtype with every implementation once in 12 consecutive cases
            out.add(Arguments.of(Shape.of(shape), axes, scale, variance, TYPES.get(seed % TYPES.size()),
                IMPLEMENTATIONS.get(seed / TYPES.size() % IMPLEMENTATIONS.size())));
            seed++;
          }
        }
      }
    }
    // every dtype and implementation once more, on a ResNet-like map
    for (Class<? extends TNumber> type : TYPES) {
      for (LayerAct.Implementation impl : IMPLEMENTATIONS) {
        out.add(Arguments.of(Shape.of(2, 8, 8, 16), 0, LayerAct.Scale.SIGMOID, LayerAct.Variance.UNBIASED, type, impl));
        out.add(Arguments.of(Shape.of(2, 8, 8, 16), 1, LayerAct.Scale.HARD_SIGMOID, LayerAct.Variance.BIASED, type,
            impl));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} axes={1} {2} {3} {4} {5}")
  @MethodSource("cases")
  void matchesReference(Shape shape, int axes, LayerAct.Scale scale, LayerAct.Variance variance,
      Class<? extends TNumber> type, LayerAct.Implementation impl) {
    double alpha = type == TFloat16.class ? 1e-5 : 0.05;
    LayerAct act = LayerAct.builder().scale(scale).axes(axes).variance(variance).alpha(alpha).implementation(impl)
        .build();
    double[] x = TfRunner.normal(new Random(shape.hashCode() + axes), TfRunner.size(shape), 0.3, 1.5);
    TfRunner.Io io = TfRunner.run(act, type, shape, x);
    double[] expected = Reference.layerAct(io.input(), shape.asArray(), axes, scale == LayerAct.Scale.HARD_SIGMOID,
        variance == LayerAct.Variance.UNBIASED, alpha);
    Close.assertClose(act + " " + type.getSimpleName(), expected, io.output(), io.input(),
        Close.FORWARD_TOLERANCE.get(type));
  }

  /** LA-SiLU and LA-HardSiLU with each implementation. */
  static List<LayerAct> everyImplementation() {
    List<LayerAct> out = new ArrayList<>();
    for (LayerAct.Implementation impl : IMPLEMENTATIONS) {
      out.add(LayerAct.builder().implementation(impl).build());
      out.add(LayerAct.builder().hardSigmoid().implementation(impl).build());
    }
    return out;
  }

  @Test
  void unknownBatchSizeAndPartiallyKnownShapesWork() {
    LayerAct act = LayerAct.silu();
    Shape shape = Shape.of(3, 4, 5, 2);
    double[] x = TfRunner.normal(new Random(1), TfRunner.size(shape), -1, 2);
    double[] expected = Reference.layerAct(x, shape.asArray(), 0, false, true, LayerAct.DEFAULT_ALPHA);
    for (Shape placeholder : List.of(Shape.of(-1, 4, 5, 2), Shape.of(-1, -1, -1, 2))) {
      TfRunner.Io io = TfRunner.run(act, TFloat64.class, placeholder, shape, x);
      Close.assertClose("placeholder " + placeholder, expected, io.output(), x, 1e-12);
    }
  }

  @Test
  void nchwAndNhwcGiveTheSameResult() {
    // statistics run over every non-batch axis, so the layout of those axes does not matter
    Shape nhwc = Shape.of(2, 4, 5, 3);
    double[] x = TfRunner.normal(new Random(7), TfRunner.size(nhwc), 0.5, 1);
    for (LayerAct act : everyImplementation()) {
      double[] viaNhwc = TfRunner.run(act, TFloat64.class, nhwc, x).output();
      double[] viaNchw = transposedRun(act, nhwc, x);
      Close.assertClose(act + " NCHW vs NHWC", viaNhwc, viaNchw, x, 1e-12);
    }
  }

  /** Transposes NHWC to NCHW in the graph, applies act, transposes back. */
  private static double[] transposedRun(LayerAct act, Shape nhwc, double[] x) {
    org.tensorflow.framework.activations.Activation viaNchw = new org.tensorflow.framework.activations.Activation() {
      @Override
      public <T extends TNumber> org.tensorflow.Operand<T> call(Ops tf, org.tensorflow.Operand<T> in) {
        org.tensorflow.Operand<T> nchw = tf.linalg.transpose(in, tf.constant(new int[] {0, 3, 1, 2}));
        assertEquals(Shape.of(2, 3, 4, 5), nchw.shape());
        return tf.linalg.transpose(act.call(tf, nchw), tf.constant(new int[] {0, 2, 3, 1}));
      }
    };
    return TfRunner.run(viaNchw, TFloat64.class, nhwc, x).output();
  }

  @Test
  void constantSampleGivesHalfTheInput() {
    // variance 0: n = 0, so LA-SiLU gives y * 1/2 and LA-HardSiLU y * 1/2, for every dtype and alpha 1e-5
    Shape shape = Shape.of(2, 3, 3, 4);
    double[] x = new double[TfRunner.size(shape)];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < x.length / 2 ? 3.0 : -1000.0;
    }
    for (Class<? extends TNumber> type : TYPES) {
      for (LayerAct act : everyImplementation()) {
        double[] out = TfRunner.run(act, type, shape, x).output();
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i] / 2, out[i], 1e-12, act + " " + type.getSimpleName() + " element " + i);
        }
      }
    }
  }

  @Test
  void largeMagnitudesMatchReference() {
    Shape shape = Shape.of(2, 6, 6, 8);
    double[] x = TfRunner.normal(new Random(3), TfRunner.size(shape), 5e3, 1e4);
    for (Class<? extends TNumber> type : List.of(TFloat64.class, TFloat32.class, TFloat16.class)) {
      for (LayerAct act : everyImplementation()) {
        TfRunner.Io io = TfRunner.run(act, type, shape, x);
        double[] expected = Reference.layerAct(io.input(), shape.asArray(), 0,
            act.scale() == LayerAct.Scale.HARD_SIGMOID, true, LayerAct.DEFAULT_ALPHA);
        Close.assertClose(act + " 1e4 scale " + type.getSimpleName(), expected, io.output(), io.input(),
            Close.FORWARD_TOLERANCE.get(type));
      }
    }
  }

  @Test
  void float16WithTinyVarianceStaysFiniteAndCorrect() {
    // the variance (about 1e-8) is far below float16's smallest normal, and alpha = 1e-5 is subnormal there
    Shape shape = Shape.of(2, 4, 4, 8);
    double[] x = new double[TfRunner.size(shape)];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1.0 + (i % 2 == 0 ? 0.0 : 0.0009765625);      // 1 and the next float16 value
    }
    for (LayerAct act : everyImplementation()) {
      TfRunner.Io io = TfRunner.run(act, TFloat16.class, shape, x);
      double[] expected = Reference.layerAct(io.input(), shape.asArray(), 0, act.scale() == LayerAct.Scale.HARD_SIGMOID,
          true, LayerAct.DEFAULT_ALPHA);
      for (double v : io.output()) {
        assertTrue(Double.isFinite(v), "float16 output not finite: " + v);
      }
      Close.assertClose(act + " float16 tiny variance", expected, io.output(), io.input(), 2e-3);
    }
  }

  @Test
  void halfTypesComputeStatisticsInFloat32() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat16.class, Placeholder.shape(Shape.of(-1, 8)));
      var out = LayerAct.builder().implementation(LayerAct.Implementation.COMPOSED).build().call(tf, x);
      assertEquals(TFloat16.class, out.type());
      List<String> meanTypes = new ArrayList<>();
      g.operations().forEachRemaining(op -> {
        if (op.type().equals("Mean")) {
          meanTypes.add(op.output(0).type().getSimpleName());
        }
      });
      assertTrue(!meanTypes.isEmpty() && meanTypes.stream().allMatch("TFloat32"::equals), meanTypes.toString());
    }
  }

  @Test
  void rejectsBadInputsWithClearMessages() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var rank1 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(5)));
      var rank6 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 2, 2, 2, 2, 2)));
      var unknownRank = tf.placeholder(TFloat32.class);
      var ints = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, 3)));
      var rank3 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4)));
      var single = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 1)));
      assertTrue(message(() -> LayerAct.silu().call(tf, rank1)).contains("rank 2 to 5"));
      assertTrue(message(() -> LayerAct.silu().call(tf, rank6)).contains("rank 2 to 5"));
      assertTrue(message(() -> LayerAct.silu().call(tf, unknownRank)).contains("rank"));
      assertTrue(message(() -> LayerAct.silu().call(tf, ints)).contains("TInt32"));
      assertTrue(message(() -> LayerAct.builder().axes(3).build().call(tf, rank3)).contains("axes=3"));
      assertTrue(message(() -> LayerAct.silu().call(tf, single)).contains("at least 2 elements"));
    }
    assertTrue(message(() -> LayerAct.builder().alpha(0)).contains("alpha"));
    assertTrue(message(() -> LayerAct.builder().alpha(Double.NaN)).contains("alpha"));
    assertTrue(message(() -> LayerAct.builder().axes(-1)).contains("axes"));
    assertTrue(message(() -> LayerAct.builder().axes(5)).contains("axes"));
  }

  @Test
  void factoriesHaveThePapersDefaults() {
    LayerAct silu = LayerAct.silu();
    assertEquals(LayerAct.Scale.SIGMOID, silu.scale());
    assertEquals(1e-5, silu.alpha());
    assertEquals(LayerAct.ALL_AXES, silu.axes());
    assertEquals(LayerAct.Variance.UNBIASED, silu.variance());
    assertEquals(LayerAct.Scale.HARD_SIGMOID, LayerAct.hardSilu().scale());
    assertArrayEquals(new Object[] {"la_silu", "la_hard_silu"},
        new Object[] {silu.spec(), LayerAct.hardSilu().spec()});
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
