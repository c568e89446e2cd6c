package io.github.layeract.benchmarks;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Model;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Sessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Inference latency of one model per activation and batch size: one inference graph (BN moving statistics) per
 * activation in one process, every (activation, batch) measured once per round, rounds interleaved so that load
 * changes on a shared machine hit all of them alike. Reports p50 and p99 of the per-call latency over all timed calls,
 * images/s at the p50, and the ratio of images/s to the first activation at the same batch. Run it with
 * {@code layeract bench infer}.
 */
public final class InferBenchmark {

  /**
   * What to measure.
   *
   * @param model registry name
   * @param activations activation specs; the first is the baseline of the ratios
   * @param batches batch sizes
   * @param input image shape
   * @param warmup untimed calls per activation and batch
   * @param rounds timed rounds
   * @param callsPerRound timed calls per activation, batch and round
   * @param threads intra-op threads (0: one per core)
   */
  public record Options(String model, List<String> activations, List<Integer> batches, InputShape input, int warmup,
      int rounds, int callsPerRound, int threads) {

    public Options {
      activations = List.copyOf(activations);
      batches = List.copyOf(batches);
      if (activations.isEmpty() || batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("bench infer needs at least one activation and batch sizes >= 1");
      }
      if (warmup < 0 || rounds < 1 || callsPerRound < 1) {
        throw new IllegalArgumentException("bench infer needs rounds and calls per round >= 1, warm-up >= 0");
      }
    }
  }

  /** One measured (activation, batch): latencies in milliseconds, ratio of images/s to the first activation. */
  public record Row(String activation, int batch, double p50Ms, double p99Ms, double imagesPerSecond, double ratio) {}

  private InferBenchmark() {}

  /** Measures {@code o}; rows by batch, then activation in the given order. */
  public static List<Row> run(Options o) {
    List<Bench> benches = new ArrayList<>();
    try {
      for (String a : o.activations()) {
        benches.add(new Bench(o, a));
      }
      int calls = o.rounds() * o.callsPerRound();
      double[][][] ms = new double[o.batches().size()][benches.size()][calls];
      for (int b = 0; b < o.batches().size(); b++) {
        for (Bench bench : benches) {
          bench.calls(o.batches().get(b), o.warmup(), null, 0);
        }
      }
      for (int r = 0; r < o.rounds(); r++) {
        for (int b = 0; b < o.batches().size(); b++) {
          for (int i = 0; i < benches.size(); i++) {
            benches.get(i).calls(o.batches().get(b), o.callsPerRound(), ms[b][i], r * o.callsPerRound());
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int b = 0; b < o.batches().size(); b++) {
        int batch = o.batches().get(b);
        double base = 0;
        for (int i = 0; i < benches.size(); i++) {
          double[] t = ms[b][i].clone();
          Arrays.sort(t);
          double p50 = percentile(t, 0.5);
          double ips = batch / (p50 / 1e3);
          base = i == 0 ? ips : base;
          rows.add(new Row(o.activations().get(i), batch, p50, percentile(t, 0.99), ips, ips / base));
        }
      }
      return rows;
    } finally {
      benches.forEach(Bench::close);
    }
  }

  /** Nearest-rank percentile of sorted {@code t}. */
  static double percentile(double[] t, double q) {
    return t[Math.min(t.length - 1, Math.max(0, (int) Math.ceil(q * t.length) - 1))];
  }

  /** One activation's inference graph and session; a fixed random input per batch size. */
  private static final class Bench implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> images;
    private final Operand<TFloat32> logits;
    private final InputShape input;

    Bench(Options o, String activation) {
      // the model is built before any native resource is taken, so a bad activation or model name leaks nothing
      Model model = Models.create(o.model(),
          Models.defaultConfig(o.model()).withInput(o.input()).withActivation(activation));
      input = o.input();
      graph = new Graph();
      try {
        Ops tf = Ops.create(graph);
        images = tf.placeholder(TFloat32.class,
            Placeholder.shape(Shape.of(-1, input.height(), input.width(), input.channels())));
        logits = model.forward(tf, images, Mode.INFER).logits();
        session = Sessions.create(graph, o.threads(), 0);
      } catch (RuntimeException e) {
        graph.close();
        throw e;
      }
    }

    /** {@code n} calls at {@code batch}; each call's milliseconds into {@code ms[from..]} unless {@code ms} is null. */
    void calls(int batch, int n, double[] ms, int from) {
      Random r = new Random(batch);
      float[] x = new float[(int) (batch * input.size())];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(batch, input.height(), input.width(), input.channels()),
          DataBuffers.of(x, true, false))) {
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          session.runner().feed(images, t).fetch(logits).run().close();
          if (ms != null) {
            ms[from + i] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }
}
