package io.github.layeract.models.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.layeract.models.Mode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Batch norm against plain-Java references: moving averages (PyTorch momentum 0.1) and inference with them. */
class BatchNormTest {

  private static final int N = 4;
  private static final int H = 2;
  private static final int W = 3;
  private static final int C = 2;

  @Test
  void trainingUpdatesMovingStatisticsAndInferenceUsesThem() {
    float[] x = new float[N * H * W * C];
    Random r = new Random(5);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (3 + 2 * r.nextGaussian());
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
      ParameterStore store = new ParameterStore();
      Operand<TFloat32> train = new Layers(Mode.TRAIN, store, new Initializers(0), "relu")
          .batchNorm(NamePath.root(tf).child("bn"), in);
      Operand<TFloat32> infer = new Layers(Mode.INFER, store, new Initializers(0), "relu")
          .batchNorm(NamePath.root(tf).child("bn"), in);
      assertEquals(2, store.trainable().size());
      assertEquals(2, store.state().size());
      assertEquals("bn/moving_mean", store.state().get(0).op().name());

      double[] mean = new double[C];
      double[] unbiased = new double[C];
      for (int c = 0; c < C; c++) {
        double sum = 0;
        for (int i = c; i < x.length; i += C) {
          sum += x[i];
        }
        mean[c] = sum / (N * H * W);
        double ss = 0;
        for (int i = c; i < x.length; i += C) {
          ss += (x[i] - mean[c]) * (x[i] - mean[c]);
        }
        unbiased[c] = ss / (N * H * W - 1);
      }
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(N, H, W, C), DataBuffers.of(x, true, false))) {
        Session.Runner run = s.runner().feed(in, t).fetch(train);
        store.updates().forEach(run::addTarget);
        run.run().close();
        run = s.runner().feed(in, t).fetch(train);
        store.updates().forEach(run::addTarget);
        run.run().close();
        float[] movMean = fetch(s, store.state().get(0));
        float[] movVar = fetch(s, store.state().get(1));
        for (int c = 0; c < C; c++) {
          double m = 0.1 * mean[c] + 0.9 * 0.1 * mean[c];            // two updates from 0
          double v = 0.9 * 0.9 * 1 + 0.1 * unbiased[c] + 0.9 * 0.1 * unbiased[c];   // two updates from 1
          assertEquals(m, movMean[c], 1e-5, "moving mean " + c);
          assertEquals(v, movVar[c], 1e-4, "moving variance " + c);
        }
        try (Result res = s.runner().feed(in, t).fetch(infer).run()) {
          float[] y = new float[x.length];
          ((TFloat32) res.get(0)).copyTo(DataBuffers.of(y, false, false));
          for (int i = 0; i < x.length; i++) {
            int c = i % C;
            double expected = (x[i] - movMean[c]) / Math.sqrt(movVar[c] + 1e-5);   // gamma 1, beta 0
            assertEquals(expected, y[i], 1e-4, "inference output " + i);
          }
        }
      }
    }
  }

  private static float[] fetch(Session s, Operand<TFloat32> v) {
    try (Result r = s.runner().fetch(v).run()) {
      float[] a = new float[(int) r.get(0).shape().size()];
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(a, false, false));
      return a;
    }
  }
}
