package io.github.layeract.benchmarks;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Sessions;
import io.github.layeract.models.train.TrainingGraph;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Session;
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
 * <p>XLA auto-clustering on CPU is read from {@code TF_XLA_FLAGS} once, when TensorFlow's runtime starts in the JVM:
 * when the requested {@link Xla} setting differs from this JVM's environment, the benchmark runs itself in a child JVM
 * with the environment set (the options go to the child on its standard input, the rows come back on its standard
 * output). Run it with {@code layeract bench train}.
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
        "-cp", System.getProperty("java.class.path"), TrainBenchmark.class.getName()));
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
      try (DataOutputStream out = new DataOutputStream(p.getOutputStream())) {
        write(o, out);
      }
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

  /** The options as the child reads them in {@link #main}. */
  private static void write(Options o, DataOutputStream out) throws IOException {
    out.writeUTF(o.model());
    out.writeInt(o.activations().size());
    for (String a : o.activations()) {
      out.writeUTF(a);
    }
    out.writeUTF(o.baseline());
    for (int v : new int[] {o.batch(), o.input().height(), o.input().width(), o.input().channels(), o.warmupSteps(),
        o.rounds(), o.stepsPerRound(), o.intraOp(), o.interOp()}) {
      out.writeInt(v);
    }
    out.writeUTF(o.xla().name());
  }

  private static Options read(DataInputStream in) throws IOException {
    String model = in.readUTF();
    List<String> activations = new ArrayList<>();
    for (int n = in.readInt(); n > 0; n--) {
      activations.add(in.readUTF());
    }
    String baseline = in.readUTF();
    int batch = in.readInt();
    InputShape input = new InputShape(in.readInt(), in.readInt(), in.readInt());
    int warmup = in.readInt();
    int rounds = in.readInt();
    int steps = in.readInt();
    int intraOp = in.readInt();
    int interOp = in.readInt();
    return new Options(model, activations, baseline, batch, input, warmup, rounds, steps, Xla.valueOf(in.readUTF()),
        intraOp, interOp);
  }

  /**
   * The child JVM of {@link #run}: reads the options from standard input, measures them (the parent set the XLA environment) and
   * prints one tab-separated row per activation. Not a user entry point ({@code layeract bench train} is).
   */
  public static void main(String[] argv) throws IOException {
    Options o = read(new DataInputStream(System.in));
    for (Row r : measure(o)) {
      System.out.println(String.join("\t", ROW, r.activation(), Double.toString(r.imagesPerSecond()),
          Double.toString(r.msPerStep()), Double.toString(r.ratio()), r.xla().name()));
    }
  }
}
