package io.github.layeract.evaluation.run;

import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.InputPipeline;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.datasets.pipeline.PipelineConfig;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.Progress;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TrainingData;
import io.github.layeract.models.Forward;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.CheckpointException;
import io.github.layeract.models.train.Checkpoints;
import io.github.layeract.models.train.LrSchedule;
import io.github.layeract.models.train.Sessions;
import io.github.layeract.models.train.StepInput;
import io.github.layeract.models.train.StepMetrics;
import io.github.layeract.models.train.Trainer;
import io.github.layeract.models.train.TrainingGraph;
import io.github.layeract.models.train.TrainingListener;
import io.github.layeract.models.train.TrainingResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains one run into a run directory:
 *
 * <pre>
 *   RUN_DIR/config.json      the {@link RunConfig}
 *   RUN_DIR/metrics.csv      per epoch: epoch, step, loss, train_accuracy, val_accuracy, lr, images_per_s, seconds
 *   RUN_DIR/checkpoints/     atomic checkpoints (ckpt-STEP/, pointer file), every epoch and at the end
 * </pre>
 *
 * <p>The training set is split (stratified, seeded) into train and validation; the in-graph pipeline augments and
 * normalises (image folders are read from their files batch by batch, see {@link TrainingData.Files}); the validation pass uses the inference path (BN moving statistics) of the same session. Ctrl-C
 * (SIGINT) asks the trainer to stop after the current step and write a checkpoint; {@code --resume} continues from
 * it exactly: the seeded training pipeline is re-initialised and the batches of the steps already trained are drawn
 * and discarded ({@link StepInput#replaying}: the pipeline runs for them, the model does not), so the resumed run
 * sees the batches the uninterrupted run would have seen and ends with the same weights. The sums of the
 * interrupted epoch's loss and accuracy are kept beside the checkpoint ({@code RUN_DIR/epoch_state.json}), so its
 * metrics row averages all of its steps; only the timing columns ({@code images_per_s}) differ.
 */
public final class RunTrainer {

  private static final List<String> METRICS = List.of("epoch", "step", "loss", "train_accuracy", "val_accuracy",
      "lr", "images_per_s", "seconds");

  private RunTrainer() {}

  /** The outcome: last validation accuracy (%), steps done, whether the run was stopped early. */
  public record Outcome(double valAccuracy, long steps, boolean stopped, double imagesPerSecond) {}

  /**
   * Trains {@code config} on {@code trainSet} (split into train/validation by {@code config.validationFraction()}).
   *
   * @param resume continue from the run directory's latest checkpoint (error if there is none)
   */
  public static Outcome train(RunConfig config, TrainingData data, Path runDir, boolean resume,
      String progressName) {
    return train(config, data, runDir, resume, progressName, Long.MAX_VALUE);
  }

  /** {@link #train}, stopping as Ctrl-C does once {@code stopAt} steps are done (tests interrupt runs with it). */
  static Outcome train(RunConfig config, TrainingData data, Path runDir, boolean resume, String progressName,
      long stopAt) {
    Path configFile = runDir.resolve(RunConfig.FILE);
    if (resume) {
      if (!Files.isRegularFile(configFile)) {
        throw new UserException(runDir + ": nothing to resume (no " + RunConfig.FILE + ")");
      }
    } else if (Files.exists(configFile)) {
      throw new UserException(runDir + " already holds a run; use --resume to continue it or choose another --out");
    }
    int[][] split = Splits.stratifiedIndices(data.labels(), data.classes(), config.validationFraction(),
        config.seed());
    TrainingData trainSet = data.subset(split[0]);
    TrainingData valSet = data.subset(split[1]);
    Augmentation aug = augmentation(config, data.files());
    LrSchedule schedule = schedule(config);   // a bad schedule fails here, before config.json is written
    Augmentation valAug = data.files() ? ImageFiles.evaluation(config.input()) : Augmentation.NONE;
    Output.writeJson(configFile, config.toJson());
    Normalization norm = new Normalization(config.mean(), config.std());
    long stepsPerEpoch = Math.max(1, (trainSet.count() + config.batch() - 1) / config.batch());
    List<List<String>> rows = resume ? readMetrics(runDir) : new ArrayList<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      try (InputPipeline train = data.pipeline(tf, "train_data", config.input(),
              PipelineConfig.training(config.batch(), config.seed(), aug, norm));
           InputPipeline val = data.pipeline(tf, "val_data", config.input(),
              PipelineConfig.evaluation(256, valAug, norm))) {
        TrainingGraph t = TrainingGraph.builder(Models.create(config.model(), config.modelConfig()))
            .weightDecay(config.weightDecay()).momentum(config.momentum())
            .build(tf, train.images(), train.labels());
        Forward inf = t.inferenceForward(val.images());
        Ops v = tf.withSubScope("validation");
        Operand<TInt64> correct = v.sum(v.dtypes.cast(v.math.equal(
            v.math.argMax(inf.logits(), v.constant(1), TInt64.class), v.dtypes.cast(val.labels(), TInt64.class)),
            TInt64.class), v.constant(0));
        EpochLog log = new EpochLog(runDir, rows, stepsPerEpoch);
        Trainer trainer = Trainer.builder(t).steps(config.steps()).schedule(schedule)
            .input(new StepInput() {
              private final StepInput replay = StepInput.replaying(train.labels());

              @Override
              public Map<Operand<?>, org.tensorflow.Tensor> feeds(long step) {
                return Map.of();
              }

              @Override
              public void start(Session session, long step) {
                trainSet.initialize(session, train);
                replay.start(session, step);
              }
            })
            .checkpoints(new Checkpoints(runDir.resolve("checkpoints"), 2), stepsPerEpoch)
            .resume(resume)
            .validateEvery(stepsPerEpoch, (session, step) -> Map.of("val_accuracy",
                valSet.count() == 0 ? Double.NaN : 100.0 * count(session, val, valSet, correct) / valSet.count()))
            .listener(log).build();
        log.stopAt(stopAt, trainer::requestStop);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
          trainer.requestStop();
          try {
            done.await(120, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingResult r;
        try (Session s = Sessions.create(g, 0, 0);
             Progress p = Progress.start(progressName, config.steps());
             StopOnInterrupt signals = new StopOnInterrupt(trainer::requestStop)) {
          log.progress = p;
          r = trainer.run(s);
        } catch (TFInvalidArgumentException e) {
          throw data instanceof TrainingData.Files f ? ImageFiles.named(e, f.listing().files()) : e;
        } catch (CheckpointException e) {
          log.keepCheckpointed(Checkpoints.latest(runDir.resolve("checkpoints")).map(Checkpoints.Checkpoint::step)
              .orElse(0L), e);
          throw e;
        } finally {
          done.countDown();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // already shutting down: the hook is running and waits for `done`
          }
        }
        if (r.stopped()) {
          System.err.println("stopped at step " + r.endStep() + "; continue with --resume");
        }
        return new Outcome(log.lastVal, r.endStep(), r.stopped(), r.last().map(StepMetrics::imagesPerSecond)
            .orElse(Double.NaN));
      }
    }
  }

  /**
   * The training augmentation of a config: {@code pad_crop_flip} (4-pixel pad, crop, flip; in-memory images),
   * {@code random_resized_crop_flip} (image files), or {@code none} (image files: the evaluation resize and crop).
   */
  public static Augmentation augmentation(RunConfig c, boolean files) {
    return switch (c.augmentation()) {
      case "none" -> files ? ImageFiles.evaluation(c.input()) : Augmentation.NONE;
      case "pad_crop_flip" -> {
        if (files) {
          throw new UserException("pad_crop_flip needs images of one size; image files use random_resized_crop_flip");
        }
        yield new Augmentation.PadCropFlip(4);
      }
      case "random_resized_crop_flip" -> {
        if (!files) {
          throw new UserException("random_resized_crop_flip is for image-folder datasets; use pad_crop_flip");
        }
        yield ImageFiles.training(c.input());
      }
      default -> throw new UserException("unknown augmentation '" + c.augmentation()
          + "': none, pad_crop_flip or random_resized_crop_flip");
    };
  }

  /** The learning-rate schedule of a config. */
  static LrSchedule schedule(RunConfig c) {
    String s = c.schedule();
    LrSchedule base;
    if (s.equals("constant")) {
      base = LrSchedule.constant(c.lr());
    } else if (s.equals("cosine")) {
      base = LrSchedule.cosine(c.lr(), c.steps(), 0);
    } else if (s.startsWith("multistep:")) {
      long[] m;
      try {
        m = Arrays.stream(s.substring("multistep:".length()).split(",", -1)).map(String::trim)
            .mapToLong(Long::parseLong).toArray();
      } catch (NumberFormatException e) {
        throw new UserException("bad schedule '" + s
            + "': multistep needs iteration numbers, e.g. multistep:32000,48000");
      }
      base = LrSchedule.multiStep(c.lr(), 0.1, m);
    } else {
      throw new UserException("unknown schedule '" + s + "': constant, cosine or multistep:M1,M2,...");
    }
    return c.warmup() > 0 ? base.withWarmup(c.warmup(), 0.1) : base;
  }

  private static long count(Session s, InputPipeline val, TrainingData set, Operand<TInt64> correct) {
    set.initialize(s, val);
    long total = 0;
    while (true) {
      try (Result r = s.runner().fetch(correct).run()) {
        total += ((org.tensorflow.types.TInt64) r.get(0)).getLong();
      } catch (TFOutOfRangeException e) {
        return total;
      }
    }
  }

  private static List<List<String>> readMetrics(Path runDir) {
    Path file = runDir.resolve("metrics.csv");
    List<List<String>> rows = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return rows;
    }
    try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(Files.newBufferedReader(file))) {
      for (CSVRecord rec : parser) {
        rows.add(rec.toList());
      }
    } catch (IOException e) {
      throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return rows;
  }

  /**
   * Accumulates per-epoch training metrics and rewrites metrics.csv after each validation; at each checkpoint it
   * saves the current epoch's sums ({@link #STATE}) so a resumed epoch is averaged over all of its steps.
   */
  private static final class EpochLog implements TrainingListener {
    static final String STATE = "epoch_state.json";
    private final Path runDir;
    private final List<List<String>> rows;
    private final long stepsPerEpoch;
    private long startNanos = System.nanoTime();
    private long stopAt = Long.MAX_VALUE;
    private Runnable stop;
    Progress progress;
    double lossSum;
    double accSum;
    long n;
    StepMetrics last;
    double lastVal = Double.NaN;

    EpochLog(Path runDir, List<List<String>> rows, long stepsPerEpoch) {
      this.runDir = runDir;
      this.rows = rows;
      this.stepsPerEpoch = stepsPerEpoch;
    }

    /** Runs {@code stop} once {@code steps} steps are done. */
    void stopAt(long steps, Runnable stop) {
      this.stopAt = steps;
      this.stop = stop;
    }

    @Override
    public void onStart(long startStep, long totalSteps) {
      rows.removeIf(r -> Long.parseLong(r.get(1)) > startStep);
      Path state = runDir.resolve(STATE);
      if (startStep > 0 && Files.isRegularFile(state)) {
        var o = Output.readJson(state);
        if (o.path("step").asLong() == startStep) {
          lossSum = o.path("loss_sum").asDouble();
          accSum = o.path("accuracy_sum").asDouble();
          n = o.path("steps").asLong();
          startNanos -= (long) (o.path("seconds").asDouble() * 1e9);
        }
      }
      if (progress != null && startStep > 0) {
        progress.step(startStep, "resumed at step " + startStep);
      }
    }

    @Override
    public void onCheckpoint(long step, Path dir) {
      var o = Output.JSON.createObjectNode().put("step", step).put("loss_sum", lossSum).put("accuracy_sum", accSum)
          .put("steps", n).put("seconds", (System.nanoTime() - startNanos) / 1e9);
      Output.writeJson(runDir.resolve(STATE), o);
    }

    /**
     * After a failed checkpoint write (a full disk): drops the rows of steps past the last complete checkpoint, so
     * metrics.csv agrees with the checkpoints a resume starts from; a failure to rewrite it joins {@code failure}.
     */
    void keepCheckpointed(long step, RuntimeException failure) {
      if (rows.removeIf(r -> Long.parseLong(r.get(1)) > step)) {
        try {
          writeMetrics();
        } catch (RuntimeException e) {
          failure.addSuppressed(e);
        }
      }
    }

    @Override
    public void onStep(StepMetrics m) {
      lossSum += m.loss();
      accSum += m.accuracy();
      n++;
      last = m;
      if (m.step() >= stopAt) {
        stop.run();
      }
      if (progress != null) {
        progress.step(1, String.format(java.util.Locale.ROOT, "loss %.3f acc %.1f%% %.0f img/s", m.loss(),
            100 * m.accuracy(), m.imagesPerSecond()));
      }
    }

    @Override
    public void onValidation(long step, Map<String, Double> metrics) {
      lastVal = metrics.get("val_accuracy");
      if (n == 0 || last == null) {
        return;
      }
      long epoch = (step + stepsPerEpoch - 1) / stepsPerEpoch;
      rows.add(List.of(Long.toString(epoch), Long.toString(step), f(lossSum / n), f(100 * accSum / n),
          f(lastVal), Double.toString(last.learningRate()), f(last.imagesPerSecond()),
          f((System.nanoTime() - startNanos) / 1e9)));
      lossSum = 0;
      accSum = 0;
      n = 0;
      writeMetrics();
    }

    private void writeMetrics() {
      StringWriter w = new StringWriter();
      try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(METRICS.toArray(String[]::new))
          .get())) {
        for (List<String> r : rows) {
          p.printRecord(r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Output.writeText(runDir.resolve("metrics.csv"), w.toString());
    }

    private static String f(double v) {
      return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
  }
}
