package io.github.layeract.datasets.pipeline;

import io.github.layeract.datasets.ImageSet;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.data.Iterator;
import org.tensorflow.op.data.ParallelMapDataset;
import org.tensorflow.op.data.ShuffleDataset;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * An in-graph tf.data input pipeline built from TF Java's raw dataset ops, inside a caller's graph:
 *
 * <pre>
 * TensorSlice(images|files, labels) -> Shuffle(full buffer, seeded, reshuffled each epoch)
 *   -> Zip(Range) -> ParallelMap(decode, to [0,1], augment, normalise) -> Batch -> Repeat -> Prefetch -> Iterator
 * </pre>
 *
 * <p>The source tensors are placeholders fed by {@link #initialize}, so one graph serves any number of sets of
 * the same image shape (the training set, the clean test set, every corrupted test set) by re-running the
 * iterator's init op. Each element's augmentation is keyed by {@code [seed, position in the epoch]} through
 * stateless random ops, so a seeded pipeline produces the same batches on every run while each image still gets
 * new random crops and flips every epoch (its position changes with the reshuffle). Shuffling happens on uint8
 * images, before the float conversion, so the buffer costs one byte per pixel.
 *
 * <pre>{@code
 * try (Graph g = new Graph(); InputPipeline train = InputPipeline.fromImages(Ops.create(g), "train", 32, 32, 3,
 *     PipelineConfig.training(128, seed, Augmentation.CIFAR_TRAIN, Normalization.CIFAR10));
 *     Session s = new Session(g)) {
 *   Operand<TFloat32> logits = model.apply(train.images());     // [batch, 32, 32, 3] float32, normalised
 *   train.initialize(s, trainSet);                               // and later, cheaply, another ImageSet
 *   ...
 * }
 * }</pre>
 *
 * <p>A finite pipeline ({@code epochs >= 1}) ends with {@code org.tensorflow.exceptions.TFOutOfRangeException}
 * from the run that fetches past the last batch. Close the pipeline (it owns the map function) before its graph.
 */
public final class InputPipeline implements AutoCloseable {

  private final PipelineConfig config;
  private final ConcreteFunction map;
  private final Placeholder<? extends TType> sources;
  private final Placeholder<TInt32> labelsIn;
  private final Op init;
  private final Operand<TFloat32> images;
  private final Operand<TInt32> labels;
  private final int height;
  private final int width;
  private final int channels;

  private InputPipeline(Ops tf, PipelineConfig config, Placeholder<? extends TType> sources, Shape elementShape,
      ConcreteFunction map, int height, int width, int channels) {
    this.config = config;
    this.map = map;
    this.sources = sources;
    this.height = height;
    this.width = width;
    this.channels = channels;
    labelsIn = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    List<Class<? extends TType>> rawTypes = List.of(sources.type(), TInt32.class);
    List<Shape> rawShapes = List.of(elementShape, Shape.scalar());
    Operand<? extends TType> ds = tf.data.tensorSliceDataset(List.of(sources, labelsIn), rawShapes);
    if (config.shuffle()) {
      Operand<TInt64> count = tf.reshape(tf.shape(labelsIn, TInt64.class), tf.constant(new long[0]));
      ds = tf.data.shuffleDataset(ds, count, tf.constant(config.seed()), tf.constant(config.seed() ^ 0x2545F491L),
          tf.random.dummySeedGenerator(), rawTypes, rawShapes, ShuffleDataset.reshuffleEachIteration(true));
    }
    Operand<? extends TType> positions = tf.data.rangeDataset(tf.constant(0L), tf.constant(Long.MAX_VALUE),
        tf.constant(1L), List.of(TInt64.class), List.of(Shape.scalar()));
    List<Class<? extends TType>> zippedTypes = List.of(sources.type(), TInt32.class, TInt64.class);
    List<Shape> zippedShapes = List.of(elementShape, Shape.scalar(), Shape.scalar());
    ds = tf.data.zipDataset(List.of(ds, positions), zippedTypes, zippedShapes);
    List<Class<? extends TType>> types = List.of(TFloat32.class, TInt32.class);
    List<Shape> shapes = List.of(Shape.of(height, width, channels), Shape.scalar());
    ds = tf.data.parallelMapDataset(ds, List.of(), tf.constant((long) config.parallelism()), map, types, shapes,
        ParallelMapDataset.deterministic("true"));
    List<Shape> batchShapes = List.of(Shape.of(-1, height, width, channels), Shape.of(-1));
    ds = tf.data.batchDataset(ds, tf.constant((long) config.batchSize()), tf.constant(config.dropRemainder()),
        types, batchShapes);
    if (config.epochs() != 1) {
      ds = tf.data.repeatDataset(ds, tf.constant(config.epochs()), types, batchShapes);
    }
    if (config.prefetch() > 0) {
      ds = tf.data.prefetchDataset(ds, tf.constant((long) config.prefetch()), types, batchShapes);
    }
    Iterator iterator = tf.data.iterator("", "", types, batchShapes);
    init = tf.withName("init").data.makeIterator(ds, iterator);
    var next = tf.withName("next").data.iteratorGetNext(iterator, types, batchShapes);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> img = (Operand<TFloat32>) next.components().get(0);
    @SuppressWarnings("unchecked")
    Operand<TInt32> lab = (Operand<TInt32>) next.components().get(1);
    images = tf.withName("images").identity(img);
    labels = tf.withName("labels_out").identity(lab);
  }

  /**
   * A pipeline over in-memory uint8 images of shape {@code height x width x channels}, fed by
   * {@link #initialize(Session, ImageSet)}. {@code name} scopes its ops (unique within the graph).
   */
  public static InputPipeline fromImages(Ops tf, String name, int height, int width, int channels,
      PipelineConfig config) {
    checkChannels(config, channels);
    Ops scope = tf.withSubScope(name);
    Placeholder<TUint8> in = scope.withName("images_in").placeholder(TUint8.class,
        Placeholder.shape(Shape.of(-1, height, width, channels)));
    int[] out = config.augmentation().outputSize(height, width);
    ConcreteFunction fn = ConcreteFunction.create(f -> {
      Placeholder<TUint8> image = f.placeholder(TUint8.class, Placeholder.shape(Shape.of(height, width, channels)));
      Placeholder<TInt32> label = f.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt64> position = f.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> x = toUnit(f, image);
      return signature(f, config, image, x, label, position, out[0], out[1], channels);
    });
    return new InputPipeline(scope, config, in, Shape.of(height, width, channels), fn, out[0], out[1], channels);
  }

  /**
   * A pipeline over image files (JPEG, PNG, GIF or BMP, decoded in the graph to {@code channels} channels), fed by
   * {@link #initialize(Session, List, int[])}. The augmentation must give a fixed output size (e.g.
   * {@link Augmentation#IMAGENET_TRAIN}, {@link Augmentation#IMAGENET_EVAL}).
   */
  public static InputPipeline fromFiles(Ops tf, String name, int channels, PipelineConfig config) {
    checkChannels(config, channels);
    if (!config.augmentation().fixedOutputSize()) {
      throw new IllegalArgumentException("images read from files need an augmentation with a fixed output size, got "
          + config.augmentation());
    }
    Ops scope = tf.withSubScope(name);
    Placeholder<TString> in = scope.withName("files_in").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    int[] out = config.augmentation().outputSize(-1, -1);
    ConcreteFunction fn = ConcreteFunction.create(f -> {
      Placeholder<TString> file = f.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt32> label = f.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt64> position = f.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Operand<TUint8> decoded = f.image.decodeImage(f.io.readFile(file), TUint8.class, DecodeImage.channels((long) channels),
          DecodeImage.expandAnimations(false));
      return signature(f, config, file, toUnit(f, decoded), label, position, out[0], out[1], channels);
    });
    return new InputPipeline(scope, config, in, Shape.scalar(), fn, out[0], out[1], channels);
  }

  private static void checkChannels(PipelineConfig config, int channels) {
    if (config.normalization().channels() != channels) {
      throw new IllegalArgumentException("normalisation has " + config.normalization().channels()
          + " channels, the images " + channels);
    }
  }

  private static Operand<TFloat32> toUnit(Ops f, Operand<TUint8> image) {
    return f.math.mul(f.dtypes.cast(image, TFloat32.class), f.constant(1f / 255f));
  }

  private static Signature signature(Ops f, PipelineConfig config, Placeholder<?> source, Operand<TFloat32> x,
      Placeholder<TInt32> label,
      Placeholder<TInt64> position, int height, int width, int channels) {
    Operand<TInt64> seed = f.stack(List.of(f.constant(config.seed()), position));
    Operand<TFloat32> augmented = config.augmentation().apply(f, x, seed);
    Normalization n = config.normalization();
    Operand<TFloat32> mean = f.constant(NdArrays.wrap(Shape.of(1, 1, channels), DataBuffers.of(n.mean(), true, false)));
    float[] inv = n.std();
    for (int c = 0; c < inv.length; c++) {
      inv[c] = 1f / inv[c];
    }
    Operand<TFloat32> invStd = f.constant(NdArrays.wrap(Shape.of(1, 1, channels), DataBuffers.of(inv, true, false)));
    Operand<TFloat32> normalised = f.ensureShape(f.math.mul(f.math.sub(augmented, mean), invStd),
        Shape.of(height, width, channels));
    // inputs in element order: source, label, position
    return Signature.builder().input("source", source).input("label", label).input("position", position)
        .output("image", normalised).output("label_out", f.identity(label)).build();
  }

  /** Batches of images, float32 {@code [batch, height, width, channels]}, normalised. */
  public Operand<TFloat32> images() {
    return images;
  }

  /** Labels of the same batch, int32 {@code [batch]}. */
  public Operand<TInt32> labels() {
    return labels;
  }

  /** The iterator's init op; run it with {@link #sourcePlaceholder()} and {@link #labelsPlaceholder()} fed. */
  public Op initOp() {
    return init;
  }

  /** The placeholder of the source: uint8 {@code [N, H, W, C]} images, or string {@code [N]} file paths. */
  public Placeholder<? extends TType> sourcePlaceholder() {
    return sources;
  }

  /** The placeholder of the labels, int32 {@code [N]}. */
  public Placeholder<TInt32> labelsPlaceholder() {
    return labelsIn;
  }

  /** Output height. */
  public int height() {
    return height;
  }

  /** Output width. */
  public int width() {
    return width;
  }

  /** Output channels. */
  public int channels() {
    return channels;
  }

  /** The config it was built with. */
  public PipelineConfig config() {
    return config;
  }

  /** Number of batches in one epoch of {@code n} elements. */
  public long batchesPerEpoch(long n) {
    return config.dropRemainder() ? n / config.batchSize() : (n + config.batchSize() - 1) / config.batchSize();
  }

  /**
   * (Re)starts the iterator on {@code set}: from now on {@link #images()} and {@link #labels()} read its batches.
   * Only the set is copied to TensorFlow; the graph is unchanged.
   */
  public void initialize(Session session, ImageSet set) {
    if (sources.type() != TUint8.class) {
      throw new IllegalStateException("this pipeline reads files; use initialize(session, files, labels)");
    }
    if (set.height() != sourceShape(1) || set.width() != sourceShape(2) || set.channels() != sourceShape(3)) {
      throw new IllegalArgumentException("pipeline expects " + sourceShape(1) + "x" + sourceShape(2) + "x"
          + sourceShape(3) + " images, the set has " + set.height() + "x" + set.width() + "x" + set.channels());
    }
    try (TUint8 x = TUint8.tensorOf(Shape.of(set.count(), set.height(), set.width(), set.channels()),
        DataBuffers.of(set.pixels(), true, false));
        TInt32 y = TInt32.vectorOf(set.labels())) {
      session.runner().feed(sources, x).feed(labelsIn, y).addTarget(init).run().close();
    }
  }

  /** (Re)starts the iterator on image files with their labels. */
  public void initialize(Session session, List<Path> files, int[] fileLabels) {
    if (sources.type() != TString.class) {
      throw new IllegalStateException("this pipeline reads in-memory images; use initialize(session, set)");
    }
    if (files.size() != fileLabels.length) {
      throw new IllegalArgumentException(files.size() + " files but " + fileLabels.length + " labels");
    }
    String[] names = files.stream().map(Path::toString).toArray(String[]::new);
    try (TString x = TString.vectorOf(names); TInt32 y = TInt32.vectorOf(fileLabels)) {
      session.runner().feed(sources, x).feed(labelsIn, y).addTarget(init).run().close();
    }
  }

  private long sourceShape(int axis) {
    return sources.shape().get(axis);
  }

  @Override
  public void close() {
    map.close();
  }
}
