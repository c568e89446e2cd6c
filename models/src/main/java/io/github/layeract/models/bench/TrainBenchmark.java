package io.github.layeract.models.bench;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Sessions;
import io.github.layeract.models.train.TrainingGraph;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Training throughput (images/s) of one model with several activations, each as a ratio to a baseline activation
 * measured in the same run. The activations are measured in interleaved rounds (every activation once per round)
 * and each reports its median round, so load changes on a shared machine hit all of them alike.
 *
 * <p>XLA auto-clustering on CPU needs {@code TF_XLA_FLAGS} set before the JVM starts (tfjava-1.1.md §3.7): when the
 * requested {@link Xla} setting differs from this JVM's environment, the benchmark runs itself in a child JVM with the
 * environment set.
 *
 * <pre>
 * java ... io.github.layeract.models.bench.TrainBenchmark --model resnet20 --activations relu,silu,la_silu,la_hard_silu
 *     --baseline silu --batch 128 --xla all
 * </pre>
 */
public final class TrainBenchmark {

  /** The environment variable that switches on XLA auto-clustering; read by TensorFlow when the JVM starts. */
  public static final String XLA_ENV = "TF_XLA_FLAGS";

  /** XLA auto-clustering settings (the value of {@value #XLA_ENV}). */
  public enum Xla {
    /** No auto-clustering. */
    OFF(""),
    /** Every supported op is clustered, convolutions included (XLA's CPU convolutions replace oneDNN's). */
    FULL("--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit"),
    /** Only ops XLA fuses well (element-wise, reductions) are clustered; convolutions stay with oneDNN. */
    FUSIBLE("--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit --tf_xla_ops_to_cluster=FUSIBLE");

    private final String flags;

    Xla(String flags) {
      this.flags = flags;
    }

    /** The {@value #XLA_ENV} value, empty for {@link #OFF}. */
    public String flags() {
      return flags;
    }

    /** The setting of this JVM's environment. */
    public static Xla ofEnvironment() {
      String env = System.getenv(XLA_ENV);
      if (env == null || !env.contains("tf_xla_auto_jit")) {
        return OFF;
      }
      return env.contains("FUSIBLE") ? FUSIBLE : FULL;
    }
  }
  private static final String ROW = "BENCH-ROW";

  /**
   * What to measure.
   *
   * @param model registry name
   * @param activations activation specs, in order
   * @param baseline the spec the ratios are relative to (one of {@code activations})
   * @param batch images per step
   * @param input image shape
   * @param warmupSteps untimed steps per activation (graph optimisation, XLA compilation)
   * @param rounds timed rounds
   * @param stepsPerRound timed steps per activation and round
   * @param xla XLA auto-clustering setting
   * @param intraOp intra-op threads (0: one per core)
   * @param interOp inter-op threads (0: one per core)
   */
  public record Options(String model, List<String> activations, String baseline, int batch, InputShape input,
      int warmupSteps, int rounds, int stepsPerRound, Xla xla, int intraOp, int interOp) {

    public Options {
      activations = List.copyOf(activations);
      if (activations.isEmpty() || !activations.contains(baseline)) {
        throw new IllegalArgumentException("baseline '" + baseline + "' must be one of the activations " + activations);
      }
      if (batch < 1 || warmupSteps < 0 || rounds < 1 || stepsPerRound < 1) {
        throw new IllegalArgumentException("batch, rounds and steps per round must be >= 1, warm-up >= 0");
      }
    }

    /** The benchmark: resnet20, batch 128, 32x32x3, relu/silu/la_silu/la_hard_silu relative to silu. */
    public static Options defaults(Xla xla) {
      return new Options("resnet20", List.of("relu", "silu", "la_silu", "la_hard_silu"), "silu", 128,
          new InputShape(32, 32, 3), 3, 3, 5, xla, 0, 0);
    }

    public Options withXla(Xla on) {
      return new Options(model, activations, baseline, batch, input, warmupSteps, rounds, stepsPerRound, on, intraOp,
          interOp);
    }
  }

  /**
   * One measured activation.
   *
   * @param activation the spec
   * @param imagesPerSecond median over rounds
   * @param msPerStep median milliseconds per training step
   * @param ratio {@code imagesPerSecond / baseline's imagesPerSecond}
   * @param xla the XLA auto-clustering setting
   */
  public record Row(String activation, double imagesPerSecond, double msPerStep, double ratio, Xla xla) {}

  private TrainBenchmark() {}

  /** Measures {@code o}; in a child JVM when {@code o.xla()} differs from this JVM's XLA environment. */
  public static List<Row> run(Options o) {
    return o.xla() == Xla.ofEnvironment() ? measure(o) : inChildJvm(o);
  }

  private static List<Row> measure(Options o) {
    List<Bench> benches = new ArrayList<>();
    try {
      for (String a : o.activations()) {
        benches.add(new Bench(o, a));
      }
      for (Bench b : benches) {
        b.steps(o.warmupSteps());
      }
      double[][] seconds = new double[benches.size()][o.rounds()];
      for (int r = 0; r < o.rounds(); r++) {
        for (int i = 0; i < benches.size(); i++) {
          long t0 = System.nanoTime();
          benches.get(i).steps(o.stepsPerRound());
          seconds[i][r] = (System.nanoTime() - t0) / 1e9 / o.stepsPerRound();
        }
      }
      double base = 0;
      double[] ips = new double[benches.size()];
      double[] ms = new double[benches.size()];
      for (int i = 0; i < benches.size(); i++) {
        double[] s = seconds[i].clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        ips[i] = o.batch() / median;
        ms[i] = median * 1e3;
        if (o.activations().get(i).equals(o.baseline())) {
          base = ips[i];
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < benches.size(); i++) {
        rows.add(new Row(o.activations().get(i), ips[i], ms[i], ips[i] / base, o.xla()));
      }
      return rows;
    } finally {
      benches.forEach(Bench::close);
    }
  }

  /** One activation's training graph, session and fixed fed batch. */
  private static final class Bench implements AutoCloseable {
    private final Graph graph;
    private final Session session;
    private final TrainingGraph train;
    private final TFloat32 images;
    private final TInt32 labels;
    private final TFloat32 lr;

    Bench(Options o, String activation) {
      // the model is built before any native resource is taken, so a bad activation or model name leaks nothing
      ModelConfig config = Models.defaultConfig(o.model()).withInput(o.input()).withActivation(activation);
      Model model = Models.create(o.model(), config);
      graph = new Graph();
      try {
        train = TrainingGraph.builder(model).buildWithPlaceholders(Ops.create(graph));
        session = Sessions.create(graph, o.intraOp(), o.interOp());
      } catch (RuntimeException e) {
        graph.close();
        throw e;
      }
      Random r = new Random(1);
      float[] x = new float[(int) (o.batch() * o.input().size())];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      int[] y = new int[o.batch()];
      for (int i = 0; i < y.length; i++) {
        y[i] = r.nextInt(config.classes());
      }
      images = TFloat32.tensorOf(Shape.of(o.batch(), o.input().height(), o.input().width(), o.input().channels()),
          DataBuffers.of(x, true, false));
      labels = TInt32.vectorOf(y);
      lr = TFloat32.scalarOf(0.01f);
    }

    void steps(int n) {
      for (int i = 0; i < n; i++) {
        session.runner().feed(train.imagesPlaceholder().orElseThrow(), images)
            .feed(train.labelsPlaceholder().orElseThrow(), labels).feed(train.learningRate(), lr)
            .addTarget(train.trainOp()).run().close();
      }
    }

    @Override
    public void close() {
      images.close();
      labels.close();
      lr.close();
      session.close();
      graph.close();
    }
  }

  private static List<Row> inChildJvm(Options o) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3G",
        "-cp", System.getProperty("java.class.path"), TrainBenchmark.class.getName(), "--child"));
    cmd.addAll(args(o));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    if (o.xla() == Xla.OFF) {
      env.remove(XLA_ENV);
    } else {
      env.put(XLA_ENV, o.xla().flags());
    }
    env.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    try {
      Process p = pb.start();
      List<Row> rows = new ArrayList<>();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] f = line.split("\t");
          if (f.length == 6 && f[0].equals(ROW)) {
            rows.add(new Row(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Xla.valueOf(f[5])));
          }
        }
      }
      int code = p.waitFor();
      if (code != 0 || rows.size() != o.activations().size()) {
        throw new IllegalStateException("benchmark child JVM (" + XLA_ENV + "='" + o.xla().flags()
            + "') failed with exit code " + code);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the benchmark child JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the benchmark child JVM", e);
    }
  }

  private static List<String> args(Options o) {
    return List.of("--model", o.model(), "--activations", String.join(";", o.activations()), "--baseline", o.baseline(),
        "--batch", Integer.toString(o.batch()), "--input", o.input().toString(),
        "--warmup", Integer.toString(o.warmupSteps()), "--rounds", Integer.toString(o.rounds()),
        "--steps", Integer.toString(o.stepsPerRound()), "--xla", o.xla().name(),
        "--threads", o.intraOp() + "," + o.interOp());
  }

  /**
   * {@code [--model M] [--activations a;b;c] [--baseline b] [--batch N] [--input HxWxC] [--warmup N] [--rounds N]
   * [--steps N] [--xla off|full|fusible|all] [--threads intra,inter]}; activations are separated by {@code ;} or {@code ,}
   * when no spec has options. Prints a table with each activation's ratio to the baseline.
   */
  public static void main(String[] argv) {
    Options d = Options.defaults(Xla.OFF);
    Map<String, String> opt = new java.util.HashMap<>();
    boolean child = false;
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--child")) {
        child = true;
      } else if (i + 1 < argv.length && argv[i].startsWith("--")) {
        opt.put(argv[i].substring(2), argv[++i]);
      } else {
        throw new IllegalArgumentException("option " + argv[i] + " needs a value");
      }
    }
    String acts = opt.getOrDefault("activations", String.join(";", d.activations()));
    List<String> activations = List.of(acts.contains("(") ? acts.split(";") : acts.split("[;,]"));
    String[] threads = opt.getOrDefault("threads", d.intraOp() + "," + d.interOp()).split(",");
    String xla = opt.getOrDefault("xla", "all").toUpperCase(Locale.ROOT);
    Options o = new Options(opt.getOrDefault("model", d.model()), activations,
        opt.getOrDefault("baseline", activations.contains(d.baseline()) ? d.baseline() : activations.get(0)),
        Integer.parseInt(opt.getOrDefault("batch", Integer.toString(d.batch()))),
        InputShape.parse(opt.getOrDefault("input", d.input().toString())),
        Integer.parseInt(opt.getOrDefault("warmup", Integer.toString(d.warmupSteps()))),
        Integer.parseInt(opt.getOrDefault("rounds", Integer.toString(d.rounds()))),
        Integer.parseInt(opt.getOrDefault("steps", Integer.toString(d.stepsPerRound()))),
        xla.equals("ALL") ? Xla.OFF : Xla.valueOf(xla), Integer.parseInt(threads[0]), Integer.parseInt(threads[threads.length - 1]));
    if (child) {
      for (Row r : measure(o)) {
        System.out.println(String.join("\t", ROW, r.activation(), Double.toString(r.imagesPerSecond()),
            Double.toString(r.msPerStep()), Double.toString(r.ratio()), r.xla().name()));
      }
      return;
    }
    List<Xla> settings = xla.equals("ALL") ? List.of(Xla.values()) : List.of(o.xla());
    System.out.printf(Locale.ROOT, "%s training throughput, batch %d, %s, TensorFlow %s, %d cores%n", o.model(),
        o.batch(), o.input(), TensorFlow.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-28s %8s %12s %10s %10s%n", "activation", "xla", "images/s", "ms/step",
        "vs " + o.baseline());
    for (Xla setting : settings) {
      for (Row r : run(o.withXla(setting))) {
        System.out.printf(Locale.ROOT, "%-28s %8s %12.1f %10.1f %9.2fx%n", r.activation(), r.xla(),
            r.imagesPerSecond(), r.msPerStep(), r.ratio());
      }
    }
  }
}
