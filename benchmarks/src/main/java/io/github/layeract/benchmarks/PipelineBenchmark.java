package io.github.layeract.benchmarks;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.pipeline.Augmentation;
import io.github.layeract.datasets.pipeline.InputPipeline;
import io.github.layeract.datasets.pipeline.Normalization;
import io.github.layeract.datasets.pipeline.PipelineConfig;
import io.github.layeract.datasets.corruptions.TrainingCorruption;
import io.github.layeract.datasets.corruptions.TrainingCorruptions;
import io.github.layeract.datasets.pipeline.CorruptedBatches;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;

/**
 * Throughput of the CIFAR training input pipeline alone (pad-crop-flip augmentation, normalisation, shuffle,
 * batching), in images per second, against a baseline measured in the same run: the same pipeline without
 * augmentation. Each step runs the pipeline's next batch and fetches only its shape, so no model and no copy to
 * Java is timed. Synthetic random 32 x 32 x 3 images (seeded) stand in for CIFAR-10, whose pixel values do not
 * matter to the cost.
 *
 * <p>Run it with {@code layeract bench pipeline}.
 */
public final class PipelineBenchmark {

  /** The paper's CIFAR training budget goal: >= 5 x the resnet20 training throughput (~600 img/s on 2 cores). */
  public static final double GOAL_IMAGES_PER_SECOND = 3000;

  /** One measured pipeline. */
  public record Measurement(String pipeline, int batchSize, int parallelism, long images, double seconds,
      double imagesPerSecond) {}

  /** Both measurements and the ratio augmented / plain. */
  public record Report(Measurement cifarTrain, Measurement plain, double ratioToPlain, double goalImagesPerSecond) {

    /** Whether the CIFAR training pipeline reaches {@link #GOAL_IMAGES_PER_SECOND}. */
    public boolean meetsGoal() {
      return cifarTrain.imagesPerSecond() >= goalImagesPerSecond;
    }
  }

  /**
   * The training-time corruption stage against the in-graph pipeline, same augmentation and batch size:
   * {@code inGraph} normalises inside tf.data (training without the stage); {@code roundTrip} fetches each batch
   * to Java and feeds it back with no rule (the stage's fixed cost); {@code corrupted} also applies the rules.
   *
   * @param corruptedPerImage corrupted images per image drawn, measured
   */
  public record StageReport(Measurement inGraph, Measurement roundTrip, Measurement corrupted,
      double corruptedPerImage) {}

  private PipelineBenchmark() {}

  /**
   * Measures {@code batches} batches (after 10 warm-up batches) of the CIFAR training pipeline without and with
   * the corruption stage applying {@code rules} on {@code threads} worker threads.
   */
  public static StageReport runTrainingCorruption(int batches, int batchSize, int parallelism,
      List<TrainingCorruption> rules, int threads) {
    ImageSet set = randomCifarLike(10_000, 42);
    Measurement inGraph = measure("in-graph (pad 4 + crop + flip + normalise)", set, batches, batchSize,
        parallelism, Augmentation.CIFAR_TRAIN);
    Measurement roundTrip = measureStage("host stage, no rule (fetch + feed)", set, batches, batchSize, parallelism,
        new TrainingCorruptions(List.of(), 1, threads)).measurement();
    StageRun corrupted = measureStage("host stage, " + rules.stream().map(TrainingCorruption::text)
        .collect(Collectors.joining(" + ")), set, batches, batchSize, parallelism,
        new TrainingCorruptions(rules, 1, threads));
    return new StageReport(inGraph, roundTrip, corrupted.measurement(),
        (double) corrupted.corrupted() / corrupted.measurement().images());
  }

  private record StageRun(Measurement measurement, long corrupted) {}

  /** The stage's steps: draw, corrupt, feed into the in-graph normalisation; only the output's shape is fetched. */
  private static StageRun measureStage(String name, ImageSet set, int batches, int batchSize, int parallelism,
      TrainingCorruptions stage) {
    PipelineConfig cfg = PipelineConfig.training(batchSize, 1, Augmentation.CIFAR_TRAIN, Normalization.none(3))
        .withParallelism(parallelism);
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromImages(Ops.create(g), "bench", 32, 32, 3, cfg);
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      CorruptedBatches in = CorruptedBatches.create(tf, p, Normalization.CIFAR10, stage);
      Operand<TInt32> shape = tf.shape(in.images());
      p.initialize(s, set);
      long step = 0;
      for (int i = 0; i < 10; i++) {
        stageStep(s, in, shape, step++);
      }
      long images = 0;
      long corrupted = 0;
      long start = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        long[] n = stageStep(s, in, shape, step++);
        images += n[0];
        corrupted += n[1];
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new StageRun(new Measurement(name, batchSize, parallelism, images, seconds, images / seconds), corrupted);
    }
  }

  /** One step through the stage; returns {images, corrupted images}. */
  private static long[] stageStep(Session s, CorruptedBatches in, Operand<TInt32> shape, long step) {
    CorruptedBatches.Batch b = in.next(s, step);
    Map<Operand<?>, Tensor> feeds = b.feeds();
    try {
      Session.Runner runner = s.runner().fetch(shape);
      feeds.forEach(runner::feed);
      try (Result r = runner.run()) {
        return new long[] {((TInt32) r.get(0)).getInt(0), b.corrupted()};
      }
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Measures {@code batches} batches of each pipeline after 10 warm-up batches. */
  public static Report run(int batches, int batchSize, int parallelism) {
    ImageSet set = randomCifarLike(10_000, 42);
    Measurement train = measure("cifar-train (pad 4 + crop + flip + normalise)", set, batches, batchSize, parallelism,
        Augmentation.CIFAR_TRAIN);
    Measurement plain = measure("plain (normalise only)", set, batches, batchSize, parallelism, Augmentation.NONE);
    return new Report(train, plain, train.imagesPerSecond() / plain.imagesPerSecond(), GOAL_IMAGES_PER_SECOND);
  }

  private static Measurement measure(String name, ImageSet set, int batches, int batchSize, int parallelism,
      Augmentation augmentation) {
    PipelineConfig cfg = PipelineConfig.training(batchSize, 1, augmentation, Normalization.CIFAR10)
        .withParallelism(parallelism);
    try (Graph g = new Graph();
        InputPipeline p = InputPipeline.fromImages(Ops.create(g), "bench", 32, 32, 3, cfg);
        Session s = new Session(g)) {
      Operand<TInt32> shape = Ops.create(g).shape(p.images());
      p.initialize(s, set);
      for (int i = 0; i < 10; i++) {
        step(s, shape);
      }
      long images = 0;
      long start = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        images += step(s, shape);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Measurement(name, batchSize, parallelism, images, seconds, images / seconds);
    }
  }

  private static long step(Session s, Operand<TInt32> shape) {
    try (Result r = s.runner().fetch(shape).run()) {
      return ((TInt32) r.get(0)).getInt(0);
    }
  }

  static ImageSet randomCifarLike(int n, long seed) {
    byte[] px = new byte[n * 32 * 32 * 3];
    new Random(seed).nextBytes(px);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
    }
    return new ImageSet(n, 32, 32, 3, px, labels, 10);
  }
}
