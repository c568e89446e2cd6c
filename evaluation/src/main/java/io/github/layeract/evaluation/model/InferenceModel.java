package io.github.layeract.evaluation.model;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.models.Forward;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Model;
import io.github.layeract.tf.NativeKernels;
import io.github.layeract.tf.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import io.github.layeract.models.train.Sessions;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * The inference-only graph of a trained model, fed uint8 images, with the preprocessing inside:
 *
 * <pre>
 *   images         uint8 [N, H, W, C]                                   (input "images")
 *   x              = (float(images) / 255 - mean[c]) / std[c]          (the training normalisation)
 *   logits         = model(x), batch norm with its moving statistics    (output "logits", float32 [N, classes])
 *   probabilities  = softmax(logits)                                    (output "probabilities")
 *   classes        = argmax(logits)                                     (output "classes", int64 [N])
 * </pre>
 *
 * <p>The model's variables get the same op names as in the training graph, so {@link #restore} reads a training
 * checkpoint. {@link #export} writes a TF Serving SavedModel.
 */
public final class InferenceModel implements Classifier {

  /** Where an export keeps the run's configuration, relative to the version directory. */
  public static final String METADATA = "assets.extra/layeract.json";
  private static final String XLA_MUST_COMPILE = "_XlaMustCompile";

  private final Graph graph;
  private final Session session;
  private final Placeholder<TUint8> images;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final Operand<TInt64> classes;
  private final int[] imageShape;
  private final int numClasses;

  private InferenceModel(Model model, float[] mean, float[] std, int threads) {
    var in = model.config().input();
    if (mean.length != in.channels() || std.length != in.channels()) {
      throw new IllegalArgumentException("normalisation needs " + in.channels() + " means and stds, got "
          + mean.length + " and " + std.length);
    }
    imageShape = new int[] {in.height(), in.width(), in.channels()};
    numClasses = model.config().classes();
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Ops pre = tf.withSubScope("preprocess");
      images = tf.withName("images").placeholder(TUint8.class,
          Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels())));
      Operand<TFloat32> x = normalise(pre, pre.math.div(pre.dtypes.cast(images, TFloat32.class),
          pre.constant(255f)), mean, std);
      Forward f = model.forward(tf, x, Mode.INFER);
      logits = tf.withName("logits").identity(f.logits());
      probabilities = tf.withName("probabilities").nn.softmax(logits);
      classes = tf.withName("classes").math.argMax(logits, tf.constant(1), TInt64.class);
      session = Sessions.create(graph, threads, 0);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The training normalisation of [0, 1] images: {@code (x - mean[c]) / std[c]} per channel. */
  public static Operand<TFloat32> normalise(Ops tf, Operand<TFloat32> x01, float[] mean, float[] std) {
    return tf.math.div(tf.math.sub(x01, tf.constant(mean)), tf.constant(std));
  }

  /** The inference graph of {@code model} with fresh (initialiser) weights; {@link #restore} loads trained ones. */
  public static InferenceModel build(Model model, float[] mean, float[] std) {
    return build(model, mean, std, 0);
  }

  /** {@link #build(Model, float[], float[])} with {@code threads} in TF's intra-op pool (0: TensorFlow's choice). */
  public static InferenceModel build(Model model, float[] mean, float[] std, int threads) {
    return new InferenceModel(model, mean, std, threads);
  }

  /** Restores the variables from a checkpoint prefix written by the trainer ({@code Session.save}). */
  public InferenceModel restore(Path checkpointPrefix) {
    try {
      session.restore(checkpointPrefix.toString());
    } catch (RuntimeException e) {
      throw new UserException(checkpointPrefix + ": cannot restore the checkpoint into the inference graph ("
          + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    return this;
  }

  @Override
  public int[] imageShape() {
    return imageShape.clone();
  }

  @Override
  public int classes() {
    return numClasses;
  }

  @Override
  public float[] logits(byte[] pixels, int n) {
    return BatchedLogits.compute(pixels, n, imageShape, numClasses,
        t -> session.runner().feed(images, t).fetch(logits).run(),
        r -> (TFloat32) r.get(0));
  }

  /**
   * Writes a SavedModel to {@code base/version/} for TF Serving: tag {@code serve}, signature
   * {@code serving_default} (method {@code tensorflow/serving/predict}) with input {@code images} and outputs
   * {@code logits}, {@code probabilities}, {@code classes}. It is written into a temporary directory beside the
   * target, reloaded, and its logits on {@code check} images compared with this graph's; only then is it renamed into
   * place. On any failure nothing is left at the target. The graph must be portable, without XLA-compiled functions
   * ({@code _XlaMustCompile}, which TF Serving's default CPU runtime refuses) or native LayerAct ops: build it from
   * {@code ModelConfig.portable()} (as {@code Runs.openForExport} does).
   *
   * @param check N x H x W x C uint8 images for the reload check
   * @param metadata written to {@code assets.extra/layeract.json} (TF Serving ignores it), or null
   * @return the largest absolute logit difference between the reloaded model and this graph
   */
  public double export(Path base, long version, byte[] check, int n, String metadata) {
    Path target = base.resolve(Long.toString(version));
    if (Files.exists(target)) {
      throw new UserException(target + " already exists; choose another --version or remove it");
    }
    List<String> compiled = nonPortable(graph.toGraphDef());
    if (!compiled.isEmpty()) {
      throw new IllegalStateException("cannot export a graph with XLA-compiled or native LayerAct ops " + compiled
          + "; build the model from ModelConfig.portable()");
    }
    Path temp = null;
    try {
      Files.createDirectories(base);
      temp = Files.createTempDirectory(base, "." + version + ".tmp");
      Files.delete(temp);   // the exporter creates it
      Signature sig = Signature.builder().key(SavedModelClassifier.SIGNATURE).methodName("tensorflow/serving/predict")
          .input("images", images).output("logits", logits).output("probabilities", probabilities)
          .output("classes", classes).build();
      SavedModelBundle.exporter(temp.toString()).withSession(session).withSignature(sig).export();
      if (metadata != null) {
        Files.createDirectories(temp.resolve("assets.extra"));
        Files.writeString(temp.resolve(METADATA), metadata);
      }
      double diff;
      try (SavedModelClassifier reloaded = SavedModelClassifier.load(temp)) {
        float[] a = logits(check, n);
        float[] b = reloaded.logits(check, n);
        diff = 0;
        for (int i = 0; i < a.length; i++) {
          diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
      }
      if (!(diff <= 1e-4)) {
        throw new UserException("the reloaded SavedModel's logits differ from the graph's by " + diff
            + "; nothing was exported");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return diff;
    } catch (IOException e) {
      throw new UserException(target + ": cannot export (" + e + ")", e);
    } finally {
      FileTrees.deleteQuietly(temp); // a leftover hidden temp dir is harmless
    }
  }

  /**
   * The names of the nodes, in the graph and in its function library, that another runtime cannot run: those marked
   * {@code _XlaMustCompile = true} (TF Serving's default CPU runtime has no XLA JIT) and LayerAct's native ops (a
   * library only this JVM loaded).
   */
  public static List<String> nonPortable(GraphDef graphDef) {
    Stream<NodeDef> nodes = Stream.concat(graphDef.getNodeList().stream(),
        graphDef.getLibrary().getFunctionList().stream().flatMap(f -> f.getNodeDefList().stream()));
    return nodes.filter(n -> NativeKernels.isNativeOp(n.getOp()) || n.getAttrMap().containsKey(XLA_MUST_COMPILE)
        && n.getAttrMap().get(XLA_MUST_COMPILE).getB()).map(NodeDef::getName).toList();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
