package io.github.layeract.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.layeract.models.Mode;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Spatial alignment of the layers against PyTorch's definitions, computed by hand. */
class LayersTest {

  private static final int S = 6;

  /** x[r][c] = -(1 + r * S + c): all negative, distinct. */
  private static float[] grid() {
    float[] x = new float[S * S];
    for (int i = 0; i < x.length; i++) {
      x[i] = -(1 + i);
    }
    return x;
  }

  @Test
  void stridedConvolutionIsCentredOnEvenRowsAsPyTorch() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      Operand<TFloat32> x = tf.constant(Shape.of(1, S, S, 1), DataBuffers.of(grid(), true, false));
      Operand<TFloat32> y = new Layers(Mode.INFER, store, new Initializers(0), "relu")
          .conv2d(NamePath.root(tf).child("conv"), x, 3, 1, 2, 1, false, Layers.ConvInit.HE_FAN_OUT);
      float[] centre = new float[9];
      centre[4] = 1;       // a 3x3 kernel that copies its centre pixel
      try (TFloat32 k = TFloat32.tensorOf(Shape.of(3, 3, 1, 1), DataBuffers.of(centre, true, false));
          Result r = s.runner().feed(store.read(tf, store.trainable().get(0)), k).fetch(y).run()) {
        float[] out = values((TFloat32) r.get(0));
        assertEquals(9, out.length);           // (6 + 2 - 3) / 2 + 1 = 3 per side
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            assertEquals(-(1 + 2 * i * S + 2 * j), out[i * 3 + j], "output " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void maxPoolPadsWithMinusInfinity() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(1, S, S, 1), DataBuffers.of(grid(), true, false));
      try (Result r = s.runner().fetch(Pooling.maxPool(tf, x, 3, 2, 1)).run()) {
        float[] out = values((TFloat32) r.get(0));
        // window of output (i, j) covers rows 2i-1..2i+1, cols 2j-1..2j+1 clipped to the image; max = top-left
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            int row = Math.max(0, 2 * i - 1);
            int col = Math.max(0, 2 * j - 1);
            assertEquals(-(1 + row * S + col), out[i * 3 + j], "output " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void optionAShortcutSubsamplesAndAppendsZeroChannels() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(1, S, S, 1), DataBuffers.of(grid(), true, false));
      try (Result r = s.runner().fetch(Pooling.shortcutA(tf, x, 2, 3)).run()) {
        assertEquals(Shape.of(1, 3, 3, 3), r.get(0).shape());
        float[] out = values((TFloat32) r.get(0));
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            int at = (i * 3 + j) * 3;
            assertEquals(-(1 + 2 * i * S + 2 * j), out[at]);
            assertEquals(0f, out[at + 1]);
            assertEquals(0f, out[at + 2]);
          }
        }
      }
    }
  }

  /** Layer norm against a plain double-precision computation of its formula, with non-trivial scale and shift. */
  @Test
  void layerNormNormalisesEachSampleOverHeightWidthAndChannels() {
    int n = 2;
    int h = 3;
    int w = 4;
    int c = 5;
    java.util.Random r = new java.util.Random(3);
    float[] x = new float[n * h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 + 3 * r.nextGaussian() * (i < x.length / 2 ? 1 : 0.1));   // two very different scales
    }
    float[] gamma = {0.5f, 1f, 1.5f, 2f, -1f};
    float[] beta = {0f, 0.1f, -0.2f, 0.3f, 1f};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      Operand<TFloat32> in = tf.constant(Shape.of(n, h, w, c), DataBuffers.of(x, true, false));
      Operand<TFloat32> y = new Layers(Mode.INFER, store, new Initializers(0), "relu")
          .layerNorm(NamePath.root(tf).child("ln"), in);
      assertEquals(2, store.trainable().size());
      try (TFloat32 gt = TFloat32.vectorOf(gamma); TFloat32 bt = TFloat32.vectorOf(beta);
          Result res = s.runner().feed(store.read(tf, store.trainable().get(0)), gt)
              .feed(store.read(tf, store.trainable().get(1)), bt).fetch(y).run()) {
        float[] out = values((TFloat32) res.get(0));
        int per = h * w * c;
        for (int b = 0; b < n; b++) {
          double mean = 0;
          for (int i = 0; i < per; i++) {
            mean += x[b * per + i];
          }
          mean /= per;
          double var = 0;
          for (int i = 0; i < per; i++) {
            var += (x[b * per + i] - mean) * (x[b * per + i] - mean);
          }
          var /= per;
          for (int i = 0; i < per; i++) {
            int ch = i % c;
            double expected = gamma[ch] * (x[b * per + i] - mean) / Math.sqrt(var + 1e-5) + beta[ch];
            assertEquals(expected, out[b * per + i], 1e-4, "sample " + b + " element " + i);
          }
        }
      }
    }
  }

  private static float[] values(TFloat32 t) {
    float[] a = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(a, false, false));
    return a;
  }
}
