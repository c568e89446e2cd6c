package io.github.layeract.models.recipe;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Init;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.Norm;
import io.github.layeract.models.train.LrSchedule;
import io.github.layeract.tf.Activations;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to train one model: immutable and validated, built with named defaults ({@link #builder()}) or from one of
 * the paper's presets ({@link #PAPER_CIFAR}, {@link #PAPER_IMAGENET}, {@link #PAPER_MNIST}).
 *
 * <pre>{@code
 * TrainingRecipe r = TrainingRecipe.PAPER_CIFAR.toBuilder().activation("la_silu").seed(22).build();
 * long perEpoch = r.stepsPerEpoch(45_000);              // training images after the validation split
 * LrSchedule lr = r.learningRate(perEpoch);             // 0.1, x0.1 at 32k and 48k iterations
 * }</pre>
 *
 * <p>A bad value fails when the recipe is built, with a {@link RecipeException} naming the field. What depends on
 * the data (steps per epoch, the augmentation default of image files) is resolved against the data's size:
 * {@link #resolved(long)} gives the same recipe with its length and milestones in iterations, as a run records it.
 * {@link #threads()} changes how fast a run goes, not what it computes.
 */
public final class TrainingRecipe {

  /** The default dataset: the Fashion-MNIST sample bundled with the project. */
  public static final String DEFAULT_DATASET = "fashion-mnist-sample";

  /** The paper's CIFAR recipe: resnet20, batch 128, 64,000 iterations, lr 0.1 x0.1 at 32k and 48k, pad-4 crop + flip. */
  public static final TrainingRecipe PAPER_CIFAR = builder().preset("paper-cifar").dataset("cifar10").model("resnet20")
      .batch(128).length(Length.iterations(64_000)).lr(0.1).schedule("multistep:32000,48000")
      .augmentation(Augment.PAD_CROP_FLIP).build();

  /** The paper's ImageNet recipe: resnet50, batch 256, 600,000 iterations, lr 0.1 x0.1 at 180k/360k/540k, alpha 0.1. */
  public static final TrainingRecipe PAPER_IMAGENET = builder().preset("paper-imagenet").dataset("imagenet")
      .model("resnet50").batch(256).length(Length.iterations(600_000)).lr(0.1)
      .schedule("multistep:180000,360000,540000").layerActAlpha(0.1).build();

  /** The paper's MNIST recipe: mlp, batch 128 (not stated in the paper), 80 epochs, lr 0.01 x0.1 at epochs 40, 60. */
  public static final TrainingRecipe PAPER_MNIST = builder().preset("paper-mnist").model("mlp").batch(128)
      .length(Length.epochs(80)).lr(0.01).schedule("multistep:40ep,60ep").build();

  private static final List<TrainingRecipe> PRESETS = List.of(PAPER_CIFAR, PAPER_IMAGENET, PAPER_MNIST);

  private final String preset;
  private final String model;
  private final String activation;
  private final Double layerActAlpha;
  private final String dataset;
  private final InputShape input;
  private final int batch;
  private final Length length;
  private final double lr;
  private final LrSchedule.Spec schedule;
  private final long warmup;
  private final Augment augmentation;
  private final double momentum;
  private final double weightDecay;
  private final Init init;
  private final long seed;
  private final double validationFraction;
  private final int threads;
  private final int hiddenWidth;

  private TrainingRecipe(Builder b) {
    preset = b.preset;
    model = b.model;
    activation = b.activation;
    layerActAlpha = b.layerActAlpha;
    dataset = b.dataset;
    input = b.input;
    batch = b.batch;
    length = b.length;
    lr = b.lr;
    schedule = b.schedule;
    warmup = b.warmup;
    augmentation = b.augmentation;
    momentum = b.momentum;
    weightDecay = b.weightDecay;
    init = b.init;
    seed = b.seed;
    validationFraction = b.validationFraction;
    threads = b.threads;
    hiddenWidth = b.hiddenWidth;
  }

  /** A builder with the defaults: resnet20, relu, the bundled sample, batch 128, 10 epochs, lr 0.1 cosine, seed 11. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this recipe's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The paper's presets, in a stable order. */
  public static List<TrainingRecipe> presets() {
    return PRESETS;
  }

  /** The preset named {@code name} (case-insensitive); unknown names fail with the list of presets. */
  public static TrainingRecipe preset(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return PRESETS.stream().filter(p -> p.preset.equals(n)).findFirst().orElseThrow(() -> new RecipeException(
        "preset", "'" + name + "' is unknown: " + String.join(", ", PRESETS.stream().map(p -> p.preset).toList())));
  }

  /** The preset this recipe was built from (with any overrides), if any. */
  public Optional<String> presetName() {
    return Optional.ofNullable(preset);
  }

  /** The model name (see {@link Models}). */
  public String model() {
    return model;
  }

  /**
   * The canonical activation spec: as given, and for a LayerAct activation given without options and a recipe with
   * {@link #layerActAlpha()}, with that alpha ({@code la_silu} becomes {@code la_silu(alpha=0.1)}).
   */
  public String activation() {
    String a = activation;
    if (layerActAlpha != null && a.trim().toLowerCase(Locale.ROOT).startsWith("la_") && !a.contains("(")) {
      a = a.trim() + "(alpha=" + layerActAlpha + ")";
    }
    return Activations.canonical(a);
  }

  /** The LayerAct alpha given to LayerAct activations named without options, if set. */
  public Optional<Double> layerActAlpha() {
    return Optional.ofNullable(layerActAlpha);
  }

  /** The dataset name. */
  public String dataset() {
    return dataset;
  }

  /** The image size of image-folder datasets (their files are cropped to it); empty: the dataset's own. */
  public Optional<InputShape> input() {
    return Optional.ofNullable(input);
  }

  public int batch() {
    return batch;
  }

  public Length length() {
    return length;
  }

  /** The initial learning rate. */
  public double lr() {
    return lr;
  }

  public LrSchedule.Spec schedule() {
    return schedule;
  }

  /** Linear warm-up iterations from 0.1 x the scheduled rate (0: none). */
  public long warmup() {
    return warmup;
  }

  /** The training augmentation; empty: the data's default ({@code none}, image files {@code random_resized_crop_flip}). */
  public Optional<Augment> augmentation() {
    return Optional.ofNullable(augmentation);
  }

  /** SGD momentum. */
  public double momentum() {
    return momentum;
  }

  /** L2 weight decay (PyTorch SGD semantics). */
  public double weightDecay() {
    return weightDecay;
  }

  public Init init() {
    return init;
  }

  /** Seed of initialisation, split, shuffle and augmentation. */
  public long seed() {
    return seed;
  }

  /** The stratified validation fraction of the training set. */
  public double validationFraction() {
    return validationFraction;
  }

  /** TF intra-op threads and the corruption generator's pool; 0: all cores. Not part of the result. */
  public int threads() {
    return threads;
  }

  /** The thread count to use: {@link #threads()}, or all cores for 0. */
  public int threadCount() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** The hidden width of {@code mlp}. */
  public int hiddenWidth() {
    return hiddenWidth;
  }

  /** Training images per epoch after the validation split of {@code trainSetSize} images. */
  public long trainImages(long trainSetSize) {
    return trainSetSize - Math.round(trainSetSize * validationFraction);
  }

  /** Iterations per epoch on {@code trainImages} images (the last batch of an epoch may be short). */
  public long stepsPerEpoch(long trainImages) {
    return Math.max(1, (trainImages + batch - 1) / batch);
  }

  /** The run's total iterations with {@code stepsPerEpoch} iterations per epoch. */
  public long steps(long stepsPerEpoch) {
    return length.steps(stepsPerEpoch);
  }

  /** The learning rate of every iteration: {@link #schedule()} from {@link #lr()} over the run, after the warm-up. */
  public LrSchedule learningRate(long stepsPerEpoch) {
    LrSchedule base = schedule.inIterations(stepsPerEpoch).build(lr, steps(stepsPerEpoch));
    return warmup > 0 ? base.withWarmup(warmup, 0.1) : base;
  }

  /** This recipe with its length and schedule milestones in iterations ({@code stepsPerEpoch} per epoch). */
  public TrainingRecipe resolved(long stepsPerEpoch) {
    return toBuilder().length(Length.iterations(steps(stepsPerEpoch))).schedule(schedule.inIterations(stepsPerEpoch))
        .build();
  }

  /** The model configuration for data of {@code classes} classes of {@code input} images. */
  public ModelConfig modelConfig(int classes, InputShape input) {
    return new ModelConfig(classes, input, activation(), hiddenWidth, init, seed, Norm.BATCH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingRecipe r && Objects.equals(preset, r.preset) && model.equals(r.model)
        && activation.equals(r.activation) && Objects.equals(layerActAlpha, r.layerActAlpha)
        && dataset.equals(r.dataset) && Objects.equals(input, r.input) && batch == r.batch && length.equals(r.length)
        && lr == r.lr && schedule.equals(r.schedule) && warmup == r.warmup && augmentation == r.augmentation
        && momentum == r.momentum && weightDecay == r.weightDecay && init == r.init && seed == r.seed
        && validationFraction == r.validationFraction && threads == r.threads && hiddenWidth == r.hiddenWidth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(preset, model, activation, layerActAlpha, dataset, input, batch, length, lr, schedule, warmup,
        augmentation, momentum, weightDecay, init, seed, validationFraction, threads, hiddenWidth);
  }

  @Override
  public String toString() {
    return (preset == null ? "" : preset + ": ") + model + " " + activation() + " on " + dataset + ", batch " + batch
        + ", " + length + ", lr " + lr + " " + schedule + (warmup > 0 ? " warm-up " + warmup : "") + ", seed " + seed;
  }

  /** Named options of a {@link TrainingRecipe}; {@link #build()} validates them. */
  public static final class Builder {
    private String preset;
    private String model = "resnet20";
    private String activation = "relu";
    private Double layerActAlpha;
    private String dataset = DEFAULT_DATASET;
    private InputShape input;
    private int batch = 128;
    private Length length = Length.epochs(10);
    private double lr = 0.1;
    private LrSchedule.Spec schedule = new LrSchedule.Cosine();
    private long warmup;
    private Augment augmentation;
    private double momentum = 0.9;
    private double weightDecay = 1e-4;
    private Init init = Init.HE;
    private long seed = 11;
    private double validationFraction = 0.1;
    private int threads;
    private int hiddenWidth = ModelConfig.DEFAULT_HIDDEN_WIDTH;

    private Builder() {}

    private Builder(TrainingRecipe r) {
      preset = r.preset;
      model = r.model;
      activation = r.activation;
      layerActAlpha = r.layerActAlpha;
      dataset = r.dataset;
      input = r.input;
      batch = r.batch;
      length = r.length;
      lr = r.lr;
      schedule = r.schedule;
      warmup = r.warmup;
      augmentation = r.augmentation;
      momentum = r.momentum;
      weightDecay = r.weightDecay;
      init = r.init;
      seed = r.seed;
      validationFraction = r.validationFraction;
      threads = r.threads;
      hiddenWidth = r.hiddenWidth;
    }

    /** The preset name recorded with the recipe (null: none); overriding options keeps it. */
    public Builder preset(String name) {
      this.preset = name;
      return this;
    }

    public Builder model(String name) {
      this.model = name;
      return this;
    }

    /** The activation spec, e.g. {@code la_silu} or {@code la_silu(alpha=0.1)}. */
    public Builder activation(String spec) {
      this.activation = spec;
      return this;
    }

    /** The alpha of LayerAct activations given without options (null: their default). */
    public Builder layerActAlpha(Double alpha) {
      this.layerActAlpha = alpha;
      return this;
    }

    public Builder dataset(String name) {
      this.dataset = name;
      return this;
    }

    /** The image size of image-folder datasets (null: the dataset's). */
    public Builder input(InputShape shape) {
      this.input = shape;
      return this;
    }

    public Builder batch(int n) {
      this.batch = n;
      return this;
    }

    public Builder length(Length l) {
      this.length = l;
      return this;
    }

    public Builder epochs(long n) {
      return length(Length.epochs(n));
    }

    public Builder iterations(long n) {
      return length(Length.iterations(n));
    }

    public Builder lr(double rate) {
      this.lr = rate;
      return this;
    }

    public Builder schedule(LrSchedule.Spec s) {
      this.schedule = s;
      return this;
    }

    /** The schedule in its text form ({@link LrSchedule#parse}). */
    public Builder schedule(String text) {
      try {
        return schedule(LrSchedule.parse(text));
      } catch (IllegalArgumentException e) {
        throw new RecipeException("schedule", e.getMessage());
      }
    }

    public Builder warmup(long iterations) {
      this.warmup = iterations;
      return this;
    }

    /** The augmentation (null: the data's default). */
    public Builder augmentation(Augment a) {
      this.augmentation = a;
      return this;
    }

    public Builder momentum(double m) {
      this.momentum = m;
      return this;
    }

    public Builder weightDecay(double wd) {
      this.weightDecay = wd;
      return this;
    }

    public Builder init(Init i) {
      this.init = i;
      return this;
    }

    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder validationFraction(double f) {
      this.validationFraction = f;
      return this;
    }

    /** Threads (0: all cores). */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    public Builder hiddenWidth(int w) {
      this.hiddenWidth = w;
      return this;
    }

    /** The recipe; the first bad value fails with a {@link RecipeException} naming its field. */
    public TrainingRecipe build() {
      require(model != null && Models.isKnown(model), "model", () -> "'" + model + "' is unknown; see `Models.names()`"
          + " or use resnetD for a CIFAR depth D = 6n + 2");
      require(dataset != null && !dataset.isBlank(), "dataset", () -> "is missing");
      require(batch >= 1, "batch", () -> "must be at least 1, got " + batch);
      require(length != null, "length", () -> "is missing");
      require(lr > 0 && Double.isFinite(lr), "lr", () -> "must be finite and > 0, got " + lr);
      require(schedule != null, "schedule", () -> "is missing");
      require(warmup >= 0, "warmup", () -> "must be at least 0, got " + warmup);
      require(momentum >= 0 && momentum < 1, "momentum", () -> "must be in [0, 1), got " + momentum);
      require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay",
          () -> "must be finite and >= 0, got " + weightDecay);
      require(init != null, "init", () -> "is missing");
      require(validationFraction >= 0 && validationFraction < 1, "validationFraction",
          () -> "must be in [0, 1), got " + validationFraction);
      require(threads >= 0, "threads", () -> "must be at least 0 (0: all cores), got " + threads);
      require(hiddenWidth >= 1, "hiddenWidth", () -> "must be at least 1, got " + hiddenWidth);
      require(layerActAlpha == null || layerActAlpha > 0 && Double.isFinite(layerActAlpha), "layerActAlpha",
          () -> "must be finite and > 0, got " + layerActAlpha);
      TrainingRecipe r = new TrainingRecipe(this);
      try {
        r.activation();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new RecipeException("activation", "'" + activation + "': " + e.getMessage());
      }
      return r;
    }

    private static void require(boolean ok, String field, java.util.function.Supplier<String> problem) {
      if (!ok) {
        throw new RecipeException(field, problem.get());
      }
    }
  }
}
