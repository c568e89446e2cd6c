package io.github.layeract.models.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Runs the steps of a {@link TrainingGraph}: feeds the scheduled learning rate, reports metrics, validates and
 * checkpoints every K steps and at the end, resumes from the last checkpoint, and stops on a non-finite loss.
 *
 * <pre>{@code
 * TrainingGraph t = TrainingGraph.builder(model).buildWithPlaceholders(tf);
 * Trainer trainer = Trainer.builder(t).steps(64_000).schedule(LrSchedule.paperCifar())
 *     .input(step -> Map.of(t.imagesPlaceholder().get(), images(step), t.labelsPlaceholder().get(), labels(step)))
 *     .checkpoints(new Checkpoints(runDir.resolve("checkpoints"), 3), 1_000).resume(true)
 *     .validateEvery(352, validator).listener(progress).build();
 * try (Session s = Sessions.create(graph, 0, 0)) {
 *   TrainingResult r = trainer.run(s);
 * }
 * }</pre>
 *
 * <p>Resuming restores every variable (weights, momentum slots, BN moving statistics, global step) and continues at
 * the saved step; with a {@link StepInput} whose data depends only on the step, the result equals an uninterrupted
 * run's. Initial weights come from the model's seed. A loss that is NaN or infinite throws
 * {@link NonFiniteLossException}; the previous checkpoints stay as they were. A damaged latest checkpoint is skipped
 * for the newest one that restores ({@link Checkpoints#restoreNewestReadable}, reported to
 * {@link TrainingListener#onResume}); the steps after it are trained again and give the same weights. A checkpoint
 * that cannot be written throws {@link CheckpointException} before the listener hears of it.
 */
public final class Trainer {

  private final TrainingGraph graph;
  private final long steps;
  private final LrSchedule schedule;
  private final StepInput input;
  private final Checkpoints checkpoints;
  private final long checkpointEvery;
  private final boolean resume;
  private final Validator validator;
  private final long validateEvery;
  private final TrainingListener listener;
  private final LongFunction<Map<String, byte[]>> checkpointFiles;
  private volatile boolean stopRequested;

  private Trainer(Builder b) {
    this.graph = b.graph;
    this.steps = b.steps;
    this.schedule = b.schedule;
    this.input = b.input;
    this.checkpoints = b.checkpoints;
    this.checkpointEvery = b.checkpointEvery;
    this.resume = b.resume;
    this.validator = b.validator;
    this.validateEvery = b.validateEvery;
    this.listener = b.listener;
    this.checkpointFiles = b.checkpointFiles;
  }

  public static Builder builder(TrainingGraph graph) {
    return new Builder(graph);
  }

  /**
   * Asks a running {@link #run} to stop after its current step, write a checkpoint and return (e.g. from a Ctrl-C
   * shutdown hook, which should then wait for {@code run} to return).
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Trains in {@code session} (whose graph holds the training graph) until {@code steps} steps are completed. */
  public TrainingResult run(Session session) {
    Optional<Checkpoints.Checkpoint> restored = restore(session);
    long start = restored.map(Checkpoints.Checkpoint::step).orElse(0L);
    listener.onStart(start, steps);
    input.start(session, start);
    Path lastCheckpoint = restored.map(Checkpoints.Checkpoint::dir).orElse(null);
    StepMetrics last = null;
    Throughput throughput = new Throughput();
    long step = start;
    boolean stopped = false;
    while (step < steps) {
      if (stopRequested) {
        stopped = true;
        break;
      }
      double lr = schedule.at(step);
      long t0 = System.nanoTime();
      double[] out = runStep(session, step, lr);
      long nanos = System.nanoTime() - t0;
      step++;
      if (!Double.isFinite(out[0])) {
        throw new NonFiniteLossException(step, out[0], lastCheckpoint);
      }
      long batch = (long) out[2];
      throughput.add(batch, nanos);
      last = new StepMetrics(step, out[0], out[1], lr, batch, throughput.imagesPerSecond());
      listener.onStep(last);
      if (validator != null && (step % validateEvery == 0 || step == steps)) {
        listener.onValidation(step, validator.validate(session, step));
      }
      if (checkpoints != null && (step % checkpointEvery == 0 || step == steps)) {
        lastCheckpoint = save(session, step);
      }
    }
    if (stopped && checkpoints != null && step > start) {
      lastCheckpoint = save(session, step);
    }
    return new TrainingResult(start, step, Optional.ofNullable(last), Optional.ofNullable(lastCheckpoint), stopped);
  }

  private Optional<Checkpoints.Checkpoint> restore(Session session) {
    if (checkpoints == null) {
      return Optional.empty();
    }
    if (!resume) {
      if (!checkpoints.list().isEmpty() || Files.exists(checkpoints.dir().resolve(Checkpoints.POINTER))) {
        throw new IllegalStateException(checkpoints.dir() + " already holds checkpoints; resume from them or use a "
            + "new directory");
      }
      return Optional.empty();
    }
    Optional<Checkpoints.Restored> restored = checkpoints.restoreNewestReadable(session);
    if (restored.isEmpty()) {
      return Optional.empty();
    }
    Checkpoints.Checkpoint c = restored.get().checkpoint();
    try (Result r = session.runner().fetch(graph.globalStep()).run()) {
      long saved = ((TInt64) r.get(0)).getLong();
      if (saved != c.step()) {
        throw new CheckpointException(c.dir(), "holds global step " + saved + ", not its name's step", null);
      }
    }
    listener.onResume(c, restored.get().skipped());
    return Optional.of(c);
  }

  private Path save(Session session, long step) {
    Path dir = checkpoints.save(session, step, checkpointFiles.apply(step)).dir();
    listener.onCheckpoint(step, dir);
    return dir;
  }

  /** Runs one step; returns {loss, accuracy, batch size}. */
  private double[] runStep(Session session, long step, double lr) {
    Map<Operand<?>, Tensor> feeds = input.feeds(step);
    List<Tensor> owned = new ArrayList<>(feeds.values());
    try (TFloat32 lrTensor = TFloat32.scalarOf((float) lr)) {
      Session.Runner runner = session.runner().feed(graph.learningRate(), lrTensor);
      feeds.forEach(runner::feed);
      runner.fetch(graph.loss()).fetch(graph.accuracy()).fetch(graph.batchSize()).addTarget(graph.trainOp());
      try (Result r = runner.run()) {
        return new double[] {((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat(),
            ((TInt64) r.get(2)).getLong()};
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** Images per second over the steps after the first (which pays for graph optimisation), or the first alone. */
  private static final class Throughput {
    private long firstImages;
    private long firstNanos;
    private long images;
    private long nanos;

    void add(long batch, long stepNanos) {
      if (firstNanos == 0) {
        firstImages = batch;
        firstNanos = Math.max(1, stepNanos);
      } else {
        images += batch;
        nanos += stepNanos;
      }
    }

    double imagesPerSecond() {
      return nanos > 0 ? images / (nanos / 1e9) : firstImages / (firstNanos / 1e9);
    }
  }

  /** Options of a {@link Trainer}. */
  public static final class Builder {
    private final TrainingGraph graph;
    private long steps = -1;
    private LrSchedule schedule = LrSchedule.constant(0.1);
    private StepInput input = StepInput.IN_GRAPH;
    private Checkpoints checkpoints;
    private long checkpointEvery = Long.MAX_VALUE;
    private boolean resume;
    private Validator validator;
    private long validateEvery = Long.MAX_VALUE;
    private TrainingListener listener = new TrainingListener() {};
    private LongFunction<Map<String, byte[]>> checkpointFiles = step -> Map.of();

    private Builder(TrainingGraph graph) {
      this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** Total number of steps (iterations) of the run, resumed steps included. */
    public Builder steps(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("steps must be >= 1, got " + n);
      }
      this.steps = n;
      return this;
    }

    /** The learning-rate schedule (default: constant 0.1). */
    public Builder schedule(LrSchedule s) {
      this.schedule = Objects.requireNonNull(s, "schedule");
      return this;
    }

    /** The data of each step (default: an in-graph pipeline, nothing fed). */
    public Builder input(StepInput in) {
      this.input = Objects.requireNonNull(in, "input");
      return this;
    }

    /** Checkpoint every {@code every} steps and at the end (and on {@link Trainer#requestStop()}). */
    public Builder checkpoints(Checkpoints c, long every) {
      if (every < 1) {
        throw new IllegalArgumentException("checkpoint interval must be >= 1 steps, got " + every);
      }
      this.checkpoints = Objects.requireNonNull(c, "checkpoints");
      this.checkpointEvery = every;
      return this;
    }

    /** Continue from the latest checkpoint if there is one; without it, existing checkpoints are an error. */
    public Builder resume(boolean on) {
      this.resume = on;
      return this;
    }

    /** Validate every {@code every} steps and at the end. */
    public Builder validateEvery(long every, Validator v) {
      if (every < 1) {
        throw new IllegalArgumentException("validation interval must be >= 1 steps, got " + every);
      }
      this.validator = Objects.requireNonNull(v, "validator");
      this.validateEvery = every;
      return this;
    }

    /**
     * Small files to save inside each checkpoint, given the step (e.g. the metrics so far): they are renamed into
     * place with the variables, so a resumed run reads the state that belongs to the weights it restored.
     */
    public Builder checkpointFiles(LongFunction<Map<String, byte[]>> files) {
      this.checkpointFiles = Objects.requireNonNull(files, "files");
      return this;
    }

    public Builder listener(TrainingListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    public Trainer build() {
      if (steps < 1) {
        throw new IllegalStateException("set the number of steps");
      }
      return new Trainer(this);
    }
  }
}
