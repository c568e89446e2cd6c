package io.github.layeract.tf;

import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/** Runs an activation on double data in a chosen dtype and reads the result back as doubles. */
final class TfRunner {

  private TfRunner() {}

  /** Input and output of one run, both as doubles; the input is what the activation saw after rounding to dtype. */
  record Io(double[] input, double[] output) {}

  /** {@code act(cast(x, type))}, cast back to float64; the placeholder has the full static shape. */
  static <T extends TNumber> Io run(Activation act, Class<T> type, Shape shape, double[] x) {
    return run(act, type, shape, shape, x);
  }

  /** As {@link #run(Activation, Class, Shape, double[])} with a placeholder of {@code staticShape} (may be partial). */
  static <T extends TNumber> Io run(Activation act, Class<T> type, Shape staticShape, Shape shape, double[] x) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat64> in = tf.placeholder(TFloat64.class, Placeholder.shape(staticShape));
      Operand<T> typed = tf.dtypes.cast(in, type);
      Operand<T> out = act.call(tf, typed);
      try (TFloat64 t = tensor(shape, x);
          Result r = s.runner().feed(in, t)
              .fetch(tf.dtypes.cast(typed, TFloat64.class)).fetch(tf.dtypes.cast(out, TFloat64.class)).run()) {
        return new Io(read((TFloat64) r.get(0)), read((TFloat64) r.get(1)));
      }
    }
  }

  /**
   * The float64 functional {@code L(x) = sum(w * act(x))} in one graph and session: its value, its gradient by TF
   * autodiff, and its gradient by central finite differences.
   */
  static final class Functional implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    private final Session session;
    private final Shape shape;
    private final Placeholder<TFloat64> in;
    private final Operand<TFloat64> loss;
    private final Operand<TFloat64> grad;

    Functional(Activation act, Shape shape, double[] w) {
      this.shape = shape;
      in = tf.placeholder(TFloat64.class, Placeholder.shape(shape));
      loss = tf.reduceSum(tf.math.mul(reshape(tf, w, shape), act.call(tf, in)), tf.constant(allAxes(shape)));
      grad = tf.gradients(loss, List.of(in)).dy(0);
      session = new Session(graph);
    }

    Session session() {
      return session;
    }

    Operand<TFloat64> loss() {
      return loss;
    }

    Placeholder<TFloat64> input() {
      return in;
    }

    double value(double[] x) {
      try (TFloat64 t = tensor(shape, x); Result r = session.runner().feed(in, t).fetch(loss).run()) {
        return ((TFloat64) r.get(0)).getDouble();
      }
    }

    double[] gradient(double[] x) {
      try (TFloat64 t = tensor(shape, x); Result r = session.runner().feed(in, t).fetch(grad).run()) {
        return read((TFloat64) r.get(0));
      }
    }

    /** Central differences with step h, coordinate by coordinate. */
    double[] finiteDifference(double[] x, double h) {
      double[] out = new double[x.length];
      double[] p = x.clone();
      for (int i = 0; i < x.length; i++) {
        p[i] = x[i] + h;
        double plus = value(p);
        p[i] = x[i] - h;
        double minus = value(p);
        p[i] = x[i];
        out[i] = (plus - minus) / (2 * h);
      }
      return out;
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  static Operand<TFloat64> reshape(Ops tf, double[] w, Shape shape) {
    return tf.reshape(tf.constant(w), tf.constant(shape.asArray()));
  }

  static int[] allAxes(Shape shape) {
    int[] axes = new int[shape.numDimensions()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return axes;
  }

  static TFloat64 tensor(Shape shape, double[] x) {
    return TFloat64.tensorOf(shape, DataBuffers.of(x, true, false));
  }

  static double[] read(TFloat64 t) {
    double[] out = new double[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  static double[] normal(Random random, int n, double mean, double std) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + std * random.nextGaussian();
    }
    return x;
  }

  static int size(Shape shape) {
    return (int) shape.size();
  }
}
