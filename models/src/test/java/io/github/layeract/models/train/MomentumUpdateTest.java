package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.mlp.Mlp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Two SGD steps of a tiny MLP against a plain-Java double-precision reference: softmax cross-entropy, ReLU backprop,
 * PyTorch-style weight decay and momentum (v = m*v + g + wd*w; w -= lr*v, or lr*(g' + m*v) with Nesterov).
 */
class MomentumUpdateTest {

  private static final double WD = 1e-2;     // large, so a wrong decay term would show
  private static final double M = 0.9;
  private static final double[] LR = {0.5, 0.25};
  private static final int IN = 3;
  private static final int HIDDEN = 4;
  private static final int CLASSES = 2;
  private static final int BATCH = 2;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void twoStepsMatchAHandComputation(boolean nesterov) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Mlp mlp = new Mlp(ModelConfig.cifar10().withClasses(CLASSES).withInput(new InputShape(1, IN, 1))
          .withHiddenWidth(HIDDEN).withSeed(3));
      TrainingGraph t = TrainingGraph.builder(mlp).weightDecay(WD).momentum(M).nesterov(nesterov)
          .buildWithPlaceholders(tf);
      List<Variable<TFloat32>> vars = t.forward().params().trainable();   // linear1 kernel, bias, linear2 kernel, bias
      StepInput data = TestData.fed(t, BATCH, CLASSES, false);
      double[][] w = toDouble(TestData.values(s, vars));
      double[][] v = new double[w.length][];
      for (int i = 0; i < w.length; i++) {
        v[i] = new double[w[i].length];
      }
      Trainer trainer = Trainer.builder(t).steps(2).schedule(step -> LR[(int) step]).input(data).build();
      List<double[]> inputs = List.of(images(data, t, 0), images(data, t, 1));
      trainer.run(s);
      double[][] actual = toDouble(TestData.values(s, vars));
      for (int step = 0; step < 2; step++) {
        double[][] grad = gradient(w, inputs.get(step));
        for (int i = 0; i < w.length; i++) {
          for (int j = 0; j < w[i].length; j++) {
            double gj = grad[i][j] + WD * w[i][j];
            v[i][j] = M * v[i][j] + gj;
            w[i][j] -= LR[step] * (nesterov ? gj + M * v[i][j] : v[i][j]);
          }
        }
      }
      for (int i = 0; i < w.length; i++) {
        for (int j = 0; j < w[i].length; j++) {
          assertEquals(w[i][j], actual[i][j], 2e-6, vars.get(i).op().name() + "[" + j + "]");
        }
      }
    }
  }

  private static double[] images(StepInput data, TrainingGraph t, long step) {
    Map<Operand<?>, Tensor> feeds = data.feeds(step);
    try {
      float[] f = TestData.floats((TFloat32) feeds.get(t.imagesPlaceholder().orElseThrow()));
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** d(mean CE)/d(params) of the MLP, labels i % classes; params {W1[IN][H], b1[H], W2[H][C], b2[C]} row-major. */
  private static double[][] gradient(double[][] p, double[] x) {
    double[][] g = {new double[IN * HIDDEN], new double[HIDDEN], new double[HIDDEN * CLASSES], new double[CLASSES]};
    for (int n = 0; n < BATCH; n++) {
      double[] pre = new double[HIDDEN];
      double[] h = new double[HIDDEN];
      for (int j = 0; j < HIDDEN; j++) {
        pre[j] = p[1][j];
        for (int i = 0; i < IN; i++) {
          pre[j] += x[n * IN + i] * p[0][i * HIDDEN + j];
        }
        h[j] = Math.max(pre[j], 0);
      }
      double[] z = new double[CLASSES];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CLASSES; c++) {
        z[c] = p[3][c];
        for (int j = 0; j < HIDDEN; j++) {
          z[c] += h[j] * p[2][j * CLASSES + c];
        }
        max = Math.max(max, z[c]);
      }
      double sum = 0;
      for (int c = 0; c < CLASSES; c++) {
        sum += Math.exp(z[c] - max);
      }
      double[] dz = new double[CLASSES];
      for (int c = 0; c < CLASSES; c++) {
        dz[c] = (Math.exp(z[c] - max) / sum - (c == n % CLASSES ? 1 : 0)) / BATCH;
        g[3][c] += dz[c];
      }
      for (int j = 0; j < HIDDEN; j++) {
        double dh = 0;
        for (int c = 0; c < CLASSES; c++) {
          g[2][j * CLASSES + c] += h[j] * dz[c];
          dh += p[2][j * CLASSES + c] * dz[c];
        }
        double dpre = pre[j] > 0 ? dh : 0;
        g[1][j] += dpre;
        for (int i = 0; i < IN; i++) {
          g[0][i * HIDDEN + j] += x[n * IN + i] * dpre;
        }
      }
    }
    return g;
  }

  private static double[][] toDouble(List<float[]> values) {
    double[][] out = new double[values.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] f = values.get(i);
      out[i] = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        out[i][j] = f[j];
      }
    }
    return out;
  }
}
