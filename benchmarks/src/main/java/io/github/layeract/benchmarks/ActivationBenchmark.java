package io.github.layeract.benchmarks;

import io.github.layeract.tf.ActivationSpec;
import io.github.layeract.tf.Activations;
import io.github.layeract.tf.LayerAct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times the forward and forward+backward pass of activations on activation-shaped float32 tensors and reports each
 * time with its ratio to {@code silu} measured in the same run (the machine may be noisy: compare ratios, not times).
 *
 * <p>For every shape one graph holds, per activation, {@code a = act(x)} and the input gradient {@code dL/dx} for a
 * fixed random upstream gradient {@code g} (the backward of {@code sum(g * a)}); {@code x} and {@code g} are variables,
 * so nothing is constant-folded. A forward step runs {@code a}; a forward+backward step runs {@code a} and
 * {@code dL/dx}. After a warm-up, each repetition times {@code iterations} steps; activations are interleaved within a
 * repetition so that load changes hit all of them alike, and the reported time is the median over repetitions.
 *
 * <p>Run it with {@code layeract bench op} (options {@code --shapes --activations --iterations --repetitions --warmup
 * --threads --json}).
 *
 * <p>Why not JMH: JMH measures one benchmark after another, so on a shared machine a load change between two of them
 * moves their ratio; here every repetition measures all activations back to back.
 *
 * <p>XLA: LayerAct's default implementation is already XLA-compiled ({@link LayerAct.Implementation#FUSED}); compare
 * with {@code la_silu(impl=composed)} for stock ops without XLA. XLA auto-clustering of the other activations can
 * only be switched on before the JVM starts, so it is no option here: run with the environment variable
 * {@code TF_XLA_FLAGS="--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit"} to measure it.
 */
public final class ActivationBenchmark {

  /** The ResNet-20 activation shapes of CIFAR (batch 128) and a dense layer. */
  public static final List<Shape> DEFAULT_SHAPES = List.of(
      Shape.of(128, 32, 32, 16), Shape.of(128, 16, 16, 32), Shape.of(128, 8, 8, 64), Shape.of(256, 512));
  /** The activations of the issue; the first is the baseline of the ratios only if it is {@link #BASELINE}. */
  public static final List<String> DEFAULT_ACTIVATIONS = List.of("la_silu", "la_hard_silu", "silu", "relu");
  /** The activation every ratio is relative to. */
  public static final String BASELINE = "silu";

  /**
   * What to measure.
   *
   * @param shapes input shapes, batch first
   * @param activations registry specs; {@link #BASELINE} is added if missing
   * @param iterations steps per timed repetition
   * @param repetitions timed repetitions; the median is reported
   * @param warmup untimed steps per activation and pass before timing
   * @param threads intra-op threads of the session (0 = TensorFlow's default); inter-op threads are 1
   */
  public record Config(List<Shape> shapes, List<String> activations, int iterations, int repetitions, int warmup,
      int threads) {

    public Config {
      shapes = List.copyOf(shapes);
      activations = List.copyOf(activations);
      if (shapes.isEmpty() || activations.isEmpty()) {
        throw new IllegalArgumentException("benchmark needs at least one shape and one activation");
      }
      if (iterations < 1 || repetitions < 1 || warmup < 0 || threads < 0) {
        throw new IllegalArgumentException("benchmark needs iterations >= 1, repetitions >= 1, warmup >= 0, threads"
            + " >= 0; got " + iterations + ", " + repetitions + ", " + warmup + ", " + threads);
      }
    }

    /** The default run: all default shapes and activations, 10 iterations, 7 repetitions, 3 warm-up steps. */
    public static Config defaults() {
      return new Config(DEFAULT_SHAPES, DEFAULT_ACTIVATIONS, 10, 7, 3, 0);
    }
  }

  /**
   * One activation on one shape: median milliseconds per step, and ratios to {@link #BASELINE} on the same shape.
   */
  public record Measurement(String activation, Shape shape, double forwardMs, double forwardBackwardMs,
      double forwardRatio, double forwardBackwardRatio) {

    /** The shape as {@code 128x32x32x16}. */
    public String shapeText() {
      return formatShape(shape);
    }
  }

  private ActivationBenchmark() {}

  /** Runs the benchmark; the result lists, shape by shape, the activations in the configured order. */
  public static List<Measurement> run(Config config) {
    List<String> specs = new ArrayList<>(config.activations());
    if (specs.stream().noneMatch(ActivationBenchmark::isBaseline)) {
      specs.add(BASELINE);
    }
    List<Measurement> out = new ArrayList<>();
    for (Shape shape : config.shapes()) {
      out.addAll(runShape(config, specs, shape));
    }
    return out;
  }

  private static List<Measurement> runShape(Config config, List<String> specs, Shape shape) {
    int count = specs.size();
    double[][] forward = new double[count][config.repetitions()];
    double[][] both = new double[count][config.repetitions()];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = randomVariable(tf, "x", shape, 1);
      Operand<TFloat32> upstream = randomVariable(tf, "g", shape, 2);
      List<Operation> forwardTargets = new ArrayList<>();
      List<Operation> gradientTargets = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Activation act = Activations.create(specs.get(i));
        Operand<TFloat32> a = act.call(tf.withSubScope("act" + i), x);
        Output<?>[] dx = g.addGradients("grad" + i, new Output<?>[] {a.asOutput()}, new Output<?>[] {x.asOutput()},
            new Output<?>[] {upstream.asOutput()});
        forwardTargets.add(a.op());
        gradientTargets.add(dx[0].op());
      }
      ConfigProto.Builder proto = ConfigProto.newBuilder().setInterOpParallelismThreads(1);
      if (config.threads() > 0) {
        proto.setIntraOpParallelismThreads(config.threads());
      }
      try (Session s = new Session(g, proto.build())) {
        for (int i = 0; i < count; i++) {
          time(s, forwardTargets.get(i), null, config.warmup());
          time(s, forwardTargets.get(i), gradientTargets.get(i), config.warmup());
        }
        for (int r = 0; r < config.repetitions(); r++) {
          for (int i = 0; i < count; i++) {
            forward[i][r] = time(s, forwardTargets.get(i), null, config.iterations());
            both[i][r] = time(s, forwardTargets.get(i), gradientTargets.get(i), config.iterations());
          }
        }
      }
    }
    int base = baselineIndex(specs);
    double baseForward = median(forward[base]);
    double baseBoth = median(both[base]);
    List<Measurement> out = new ArrayList<>();
    for (int i = 0; i < config.activations().size(); i++) {
      double f = median(forward[i]);
      double b = median(both[i]);
      out.add(new Measurement(specs.get(i), shape, f, b, f / baseForward, b / baseBoth));
    }
    return out;
  }

  private static int baselineIndex(List<String> specs) {
    for (int i = 0; i < specs.size(); i++) {
      if (isBaseline(specs.get(i))) {
        return i;
      }
    }
    throw new IllegalStateException("baseline missing");
  }

  private static boolean isBaseline(String spec) {
    ActivationSpec parsed = ActivationSpec.parse(spec);
    return parsed.options().isEmpty() && Activations.entry(parsed.name()).name().equals(BASELINE);
  }

  private static Operand<TFloat32> randomVariable(Ops tf, String name, Shape shape, long seed) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> value = init.random.randomStandardNormal(init.constant(shape.asArray()), TFloat32.class,
        RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed));
    return tf.identity(tf.withName(name).variable(value));
  }

  /** Milliseconds per step over {@code steps} runs of the targets. */
  private static double time(Session s, Operation first, Operation second, int steps) {
    long start = System.nanoTime();
    for (int k = 0; k < steps; k++) {
      Session.Runner runner = s.runner().addTarget(first);
      if (second != null) {
        runner.addTarget(second);
      }
      runner.run().close();
    }
    return steps == 0 ? 0 : (System.nanoTime() - start) / 1e6 / steps;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  static String formatShape(Shape shape) {
    StringBuilder s = new StringBuilder();
    for (long d : shape.asArray()) {
      s.append(s.length() > 0 ? "x" : "").append(d);
    }
    return s.toString();
  }

  /** Parses {@code 128x32x32x16}. */
  public static Shape parseShape(String text) {
    String[] parts = text.trim().split("x");
    long[] dims = new long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        dims[i] = Long.parseLong(parts[i].trim());
        if (dims[i] < 1) {
          throw new NumberFormatException();
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad shape '" + text + "': expected positive sizes joined by x, e.g. 128x512");
    }
    if (dims.length < 2 || dims.length > 5) {
      throw new IllegalArgumentException("bad shape '" + text + "': rank must be 2 to 5 (batch first)");
    }
    return Shape.of(dims);
  }

  /** A Markdown table of the measurements. */
  public static String table(List<Measurement> results) {
    StringBuilder s = new StringBuilder(
        "| shape | activation | forward ms | ratio to silu | fwd+bwd ms | ratio to silu |\n|---|---|---|---|---|---|\n");
    for (Measurement m : results) {
      s.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.2f | %.3f | %.2f |%n", m.shapeText(), m.activation(),
          m.forwardMs(), m.forwardRatio(), m.forwardBackwardMs(), m.forwardBackwardRatio()));
    }
    return s.toString();
  }
}
