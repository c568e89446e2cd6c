package io.github.layeract.evaluation.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import io.github.layeract.datasets.io.ImageFolder;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.ProgressListener;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.data.ImageFiles;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.evaluation.model.Classifier;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.model.SavedModelClassifier;
import io.github.layeract.evaluation.report.ReportFiles;
import io.github.layeract.evaluation.report.RobustnessReport;
import io.github.layeract.evaluation.robustness.CorruptionSource;
import io.github.layeract.evaluation.robustness.RobustnessEvaluator;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.RunLock;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.InputShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Evaluates a run directory or a SavedModel on clean test images and on corrupted ones (published files or generated
 * in Java), aggregated as the paper, and writes the report directory ({@link ReportFiles}).
 *
 * <pre>{@code
 * Evaluation.Result r = Evaluation.run(Evaluation.ofRun(runDir).severities(1, 3, 5).build(), ProgressListener.NONE);
 * }</pre>
 */
public final class Evaluation {

  private Evaluation() {}

  /** Where the corrupted images come from. */
  public enum Source {
    /** The published files of {@code <dataset>-c} (or {@link Request#cDataDir()}). */
    PUBLISHED,
    /** Generated in Java from the clean test set. */
    GENERATED,
    /** Published when the files can be found, otherwise generated. */
    AUTO
  }

  /**
   * What to evaluate and how; built with {@link #ofRun} or {@link #ofSavedModel}.
   *
   * @param dataset clean test set; null: the run's (a corruption benchmark name such as {@code cifar10-c} means its
   *     clean set plus the published files)
   * @param download fetches a missing dataset by name before it is read; null: nothing is downloaded
   * @param images class-balanced test images of the generated corruptions; null: all
   * @param table corruption parameter table; null: by image size
   * @param baseline report or run directory of the baseline model for mCE; may be null
   * @param out report directory; null: {@code RUN_DIR/eval}
   * @param threads TF's intra-op pool and the corruption generator's pool
   */
  public record Request(Path run, Path savedModel, String dataset, Path dataDir, Consumer<String> download,
      Path cDataDir, int[] severities, Source source, Integer images, List<Corruption> corruptions, Preset table,
      long corruptionSeed, Path frostDir, int threads, Path baseline, Path out) {}

  /**
   * What an evaluation found and wrote.
   *
   * @param baseline the baseline's report, or null without one
   * @param written the report JSON as written to {@code reportDir}
   */
  public record Result(RobustnessReport report, RobustnessReport baseline, ObjectNode written, Path reportDir) {}

  /** A request for the run directory {@code run}. */
  public static Builder ofRun(Path run) {
    return new Builder(Objects.requireNonNull(run), null);
  }

  /** A request for the exported SavedModel {@code dir} (a version directory or its base). */
  public static Builder ofSavedModel(Path dir) {
    return new Builder(null, Objects.requireNonNull(dir));
  }

  /** Builds a {@link Request}; the defaults are the CLI's. */
  public static final class Builder {
    private final Path run;
    private final Path savedModel;
    private String dataset;
    private Path dataDir;
    private Consumer<String> download;
    private Path cDataDir;
    private int[] severities = {1, 2, 3, 4, 5};
    private Source source = Source.AUTO;
    private Integer images;
    private List<Corruption> corruptions;
    private Preset table;
    private long corruptionSeed;
    private Path frostDir;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Path baseline;
    private Path out;

    private Builder(Path run, Path savedModel) {
      this.run = run;
      this.savedModel = savedModel;
    }

    public Builder dataset(String name) {
      this.dataset = name;
      return this;
    }

    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Fetches a missing dataset (clean or published corrupted) by name before it is read. */
    public Builder download(Consumer<String> fetch) {
      this.download = fetch;
      return this;
    }

    public Builder cDataDir(Path dir) {
      this.cDataDir = dir;
      return this;
    }

    /** Ascending severities within 1..5. */
    public Builder severities(int... s) {
      this.severities = s.clone();
      return this;
    }

    public Builder source(Source s) {
      this.source = Objects.requireNonNull(s);
      return this;
    }

    public Builder images(Integer n) {
      this.images = n;
      return this;
    }

    /** The corruptions to evaluate (default: all 19, procedural frost unless {@link #frostDir}). */
    public Builder corruptions(List<Corruption> list) {
      this.corruptions = List.copyOf(list);
      return this;
    }

    public Builder table(Preset p) {
      this.table = p;
      return this;
    }

    public Builder corruptionSeed(long seed) {
      this.corruptionSeed = seed;
      return this;
    }

    public Builder frostDir(Path dir) {
      this.frostDir = dir;
      return this;
    }

    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    public Builder baseline(Path dir) {
      this.baseline = dir;
      return this;
    }

    public Builder out(Path dir) {
      this.out = dir;
      return this;
    }

    public Request build() {
      List<Corruption> list = corruptions != null ? corruptions : Corruptions.parseList("all", frostDir);
      return new Request(run, savedModel, dataset, dataDir, download, cDataDir, severities.clone(), source, images,
          list, table, corruptionSeed, frostDir, threads, baseline, out);
    }
  }

  /** Evaluates as {@code r} asks, writes the report directory, and returns what it found. */
  public static Result run(Request r, ProgressListener progress) {
    if (r.images() != null && r.images() < 1) {
      throw new UserException("images must be at least 1, got " + r.images());
    }
    RunConfig config = r.run() != null ? RunConfig.read(r.run()) : exportConfig(r.savedModel());
    String named = r.dataset() != null ? r.dataset() : config != null ? config.dataset() : null;
    if (named == null) {
      throw new UserException("give --dataset (the SavedModel carries no run configuration)");
    }
    Path reportDir = r.out() != null ? r.out() : r.run() != null ? r.run().resolve("eval") : null;
    if (reportDir == null) {
      throw new UserException("give --out REPORT_DIR");
    }
    try (RunLock lock = RunLock.acquire(reportDir)) {
      return evaluate(r, config, named, reportDir, progress);
    }
  }

  private static Result evaluate(Request r, RunConfig config, String named, Path reportDir,
      ProgressListener progress) {
    // a corruption benchmark name (cifar10-c) means its clean dataset plus the published files
    String d = named.endsWith("-c") ? named.substring(0, named.length() - 2) : named;
    int[] sev = r.severities();
    List<String> names = r.corruptions().stream().map(Corruption::name).toList();
    RobustnessReport baseReport = r.baseline() == null ? null : ReportFiles.read(r.baseline());
    if (baseReport != null && !Arrays.equals(baseReport.severities(), sev)) {
      throw new UserException("the baseline " + r.baseline() + " was evaluated at severities "
          + Arrays.toString(baseReport.severities()) + "; evaluate at the same --severities for mCE");
    }
    String cName = d.endsWith("-c") ? d : d + "-c";
    boolean registered = Datasets.names().contains(cName);
    if (r.download() != null && r.dataDir() == null) {
      r.download().accept(d);
    }
    if (r.download() != null && r.cDataDir() == null && registered && r.source() != Source.GENERATED) {
      r.download().accept(cName);
    }
    Source kind = r.source();
    if (kind == Source.AUTO) {
      kind = r.cDataDir() != null || registered && canLocate(cName) ? Source.PUBLISHED : Source.GENERATED;
    }
    if (kind == Source.PUBLISHED && r.cDataDir() == null && !registered) {
      throw new UserException("no published corrupted set is registered for " + d + "; give --c-data-dir (a "
          + "CIFAR-10-C style folder, e.g. from `layeract corrupt --dataset " + d + "`, or for image folders an "
          + "ImageNet-C style <corruption>/<severity>/<class>/ folder) or use --source generated");
    }
    RobustnessReport report;
    CorruptionSource sets;
    int cleanImages;
    try (Classifier c = r.run() != null ? Runs.open(r.run(), r.threads())
        : SavedModelClassifier.load(r.savedModel(), r.threads())) {
      int[] s = c.imageShape();
      InputShape shape = new InputShape(s[0], s[1], s[2]);
      TestImages test;
      ImageSet inMemory;
      List<String> classes;
      if (ImageFiles.streamed(d)) {
        // image folders are streamed at the model's input size, not loaded
        ImageFolder.Listing listing = Datasets.listFiles(d, Split.TEST, r.dataDir());
        test = TestImages.files(listing, shape, ImageFiles.evaluation(shape));
        classes = listing.classes();
        inMemory = kind == Source.GENERATED ? TestImages.collect(test, shape, classes.size()) : null;
      } else {
        inMemory = Datasets.load(d, Split.TEST, r.dataDir());
        if (s[0] != inMemory.height() || s[1] != inMemory.width() || s[2] != inMemory.channels()) {
          throw new UserException("the model takes " + shape + " images but " + d + " has " + inMemory.height()
              + "x" + inMemory.width() + "x" + inMemory.channels());
        }
        test = TestImages.of(inMemory);
        classes = null;
      }
      if (kind == Source.PUBLISHED) {
        Path dir = r.cDataDir() != null ? r.cDataDir() : Datasets.locate(cName, null);
        sets = classes != null ? CorruptionSource.publishedFolders(dir, classes, shape)
            : CorruptionSource.published(dir, inMemory.classes());
      } else {
        ImageSet corruptBase = r.images() == null ? inMemory
            : Splits.firstPerClass(inMemory, Math.max(1, r.images() / inMemory.classes()));
        Preset p = r.table() != null ? r.table() : Preset.forSize(shape.height(), shape.width());
        sets = CorruptionSource.generated(corruptBase, p, r.corruptionSeed(), r.frostDir(), false, r.threads());
      }
      cleanImages = test.count();
      report = RobustnessEvaluator.evaluate(c, test, names, sev, sets, progress, "evaluate");
    }
    ObjectNode meta = Output.object();
    if (config != null) {
      meta.put("model", config.model()).put("activation", config.activation()).put("seed", config.seed());
    }
    meta.put("dataset", d).put("source", kind.name().toLowerCase(java.util.Locale.ROOT))
        .put("clean_images", cleanImages)
        .put(r.run() != null ? "run" : "savedmodel", (r.run() != null ? r.run() : r.savedModel()).toString());
    meta.putArray("notes").add(sets.description());
    ObjectNode written = ReportFiles.write(reportDir, report, meta, baseReport);
    return new Result(report, baseReport, written, reportDir);
  }

  private static boolean canLocate(String name) {
    try {
      Datasets.locate(name, null);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The run configuration an export carries in {@code assets.extra/layeract.json}, or null. */
  private static RunConfig exportConfig(Path model) {
    Path version = SavedModelClassifier.versionDir(model);
    Path file = version.resolve(InferenceModel.METADATA);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    return RunConfig.read(version, InferenceModel.METADATA);
  }
}
