package io.github.layeract.models.train;

import io.github.layeract.models.Forward;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * The training graph of a model: forward in {@link Mode#TRAIN}, loss, gradients of the explicit trainable list, SGD
 * with momentum and a fed learning rate, BN moving-average updates and a global step, all run by {@link #trainOp()}.
 *
 * <pre>
 * loss  = mean_i CE(softmax(logits_i), (1 - eps) * onehot(y_i) + eps / K)  +  wd * sum_w ||w||^2 / 2
 * v    <- m * v + dloss/dw                       (PyTorch SGD: gradient + wd * w, then momentum)
 * w    <- w - lr * v                             (Nesterov: w <- w - lr * (dloss/dw + m * v))
 * </pre>
 *
 * <pre>{@code
 * Ops tf = Ops.create(graph);
 * TrainingGraph t = TrainingGraph.builder(model).labelSmoothing(0.1).build(tf, images, labels);   // in-graph input
 * TrainingGraph p = TrainingGraph.builder(model).buildWithPlaceholders(tf);                       // fed input
 * // each step: runner.feed(t.learningRate(), lr).fetch(t.loss()).fetch(t.accuracy()).addTarget(t.trainOp())
 * }</pre>
 *
 * <p>Every variable, momentum slots and the global step included, is created here, before the first checkpoint
 * (TF Java's first {@code session.save} adds the save ops, so a variable created later is not saved). Slots are named
 * {@code momentum/<variable name with '/' as '.'>}.
 */
public final class TrainingGraph {

  /** Name of the int64 step counter variable, saved in every checkpoint. */
  public static final String GLOBAL_STEP = "global_step";

  private final Model model;
  private final Ops tf;
  private final Forward forward;
  private final Operand<TFloat32> crossEntropy;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> accuracy;
  private final Operand<TInt64> batchSize;
  private final Placeholder<TFloat32> learningRate;
  private final Variable<TInt64> globalStep;
  private final Op trainOp;
  private final List<Variable<TFloat32>> slots;
  private final Placeholder<TFloat32> imagesPlaceholder;
  private final Placeholder<TInt32> labelsPlaceholder;

  private TrainingGraph(Builder b, Ops tf, Operand<TFloat32> images, Operand<? extends TNumber> labels,
      Placeholder<TFloat32> imagesPh, Placeholder<TInt32> labelsPh) {
    this.model = b.model;
    this.tf = tf;
    this.imagesPlaceholder = imagesPh;
    this.labelsPlaceholder = labelsPh;
    this.forward = model.forward(tf, images, Mode.TRAIN);
    Ops t = tf.withSubScope("train");
    int classes = model.config().classes();
    Operand<TFloat32> onehot = t.oneHot(labels, t.constant(classes), t.constant(1f), t.constant(0f));
    if (b.labelSmoothing > 0) {
      onehot = t.math.add(t.math.mul(onehot, t.constant((float) (1 - b.labelSmoothing))),
          t.constant((float) (b.labelSmoothing / classes)));
    }
    Operand<TFloat32> logits = forward.logits();
    this.crossEntropy = t.withName("cross_entropy").math.mean(
        t.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), t.constant(0));
    List<Variable<TFloat32>> vars = forward.params().trainable();
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Variable<TFloat32> v : vars) {
      squares.add(t.nn.l2Loss(forward.params().read(t, v)));
    }
    this.loss = b.weightDecay == 0 ? crossEntropy : t.withName("loss").math.add(crossEntropy,
        t.math.mul(t.constant((float) b.weightDecay), t.math.addN(squares)));
    Operand<TInt64> predicted = t.math.argMax(logits, t.constant(1), TInt64.class);
    this.accuracy = t.withName("accuracy").math.mean(t.dtypes.cast(
        t.math.equal(predicted, t.dtypes.cast(labels, TInt64.class)), TFloat32.class), t.constant(0));
    this.batchSize = t.withName("batch_size").gather(t.shape(images, TInt64.class), t.constant(0), t.constant(0));
    this.learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    Gradients grads = t.gradients(loss, vars);
    List<Op> gradOps = new ArrayList<>();
    grads.dy().forEach(g -> gradOps.add(g::op));
    this.slots = new ArrayList<>();
    Ops slotOps = tf.withSubScope("momentum");
    // updates start only when every gradient is computed: a variable read through identity aliases its buffer, so an
    // early in-place update could change a backward pass still reading it (and make runs non-deterministic)
    Ops apply = t.withControlDependencies(gradOps);
    List<Op> updates = new ArrayList<>(forward.params().updates());
    Operand<TFloat32> momentum = t.constant((float) b.momentum);
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Variable<TFloat32> slot = slotOps.withName(v.op().name().replace('/', '.'))
          .variable(slotOps.withInitScope().zeros(slotOps.withInitScope().constant(v.shape()), TFloat32.class));
      slots.add(slot);
      updates.add(apply.train.applyMomentum(v, slot, learningRate, grads.<TFloat32>dy(i), momentum,
          ApplyMomentum.useNesterov(b.nesterov)));
    }
    this.globalStep = tf.withName(GLOBAL_STEP).variable(tf.withInitScope().constant(0L));
    updates.add(apply.assignAdd(globalStep, t.constant(1L)));
    this.trainOp = t.withControlDependencies(updates).withName("step").noOp();
  }

  /** A builder with the paper's defaults: weight decay 1e-4, momentum 0.9, no Nesterov, no label smoothing. */
  public static Builder builder(Model model) {
    return new Builder(model);
  }

  /**
   * An inference-mode forward sharing this graph's variables (moving BN statistics; no updates), e.g. for validation
   * on another input in the same session.
   */
  public Forward inferenceForward(Operand<TFloat32> images) {
    return model.forward(tf, images, Mode.INFER, forward.params());
  }

  public Model model() {
    return model;
  }

  /** The training-mode forward: logits, activation sites, parameters and BN updates. */
  public Forward forward() {
    return forward;
  }

  /** Mean softmax cross-entropy of the batch (with label smoothing, if set). */
  public Operand<TFloat32> crossEntropy() {
    return crossEntropy;
  }

  /** Cross-entropy plus weight decay: what the gradients are of. */
  public Operand<TFloat32> loss() {
    return loss;
  }

  /** Fraction of the batch whose arg-max logit is the label. */
  public Operand<TFloat32> accuracy() {
    return accuracy;
  }

  /** The batch size of the images operand at run time (int64 scalar). */
  public Operand<TInt64> batchSize() {
    return batchSize;
  }

  /** The float32 scalar to feed the learning rate into, every step. */
  public Placeholder<TFloat32> learningRate() {
    return learningRate;
  }

  /** Steps taken so far; incremented by {@link #trainOp()} and saved with checkpoints. */
  public Variable<TInt64> globalStep() {
    return globalStep;
  }

  /** One SGD step: momentum updates of every trainable variable, BN moving averages and the global step. */
  public Op trainOp() {
    return trainOp;
  }

  /** The momentum slots, in the order of {@code forward().params().trainable()}. */
  public List<Variable<TFloat32>> slots() {
    return List.copyOf(slots);
  }

  /** The images placeholder ({@code [batch, H, W, C]}) when built with placeholders. */
  public Optional<Placeholder<TFloat32>> imagesPlaceholder() {
    return Optional.ofNullable(imagesPlaceholder);
  }

  /** The int32 labels placeholder ({@code [batch]}) when built with placeholders. */
  public Optional<Placeholder<TInt32>> labelsPlaceholder() {
    return Optional.ofNullable(labelsPlaceholder);
  }

  /** Hyper-parameters of the loss and optimizer. */
  public static final class Builder {
    private final Model model;
    private double labelSmoothing;
    private double weightDecay = 1e-4;
    private double momentum = 0.9;
    private boolean nesterov;

    private Builder(Model model) {
      this.model = model;
    }

    /** Label smoothing {@code eps} in [0, 1): targets {@code (1 - eps) * onehot + eps / classes}. */
    public Builder labelSmoothing(double eps) {
      if (!(eps >= 0 && eps < 1)) {
        throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
      }
      this.labelSmoothing = eps;
      return this;
    }

    /** L2 weight decay on every trainable variable, PyTorch style (adds {@code wd * w} to the gradient). */
    public Builder weightDecay(double wd) {
      if (!(wd >= 0) || Double.isInfinite(wd)) {
        throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + wd);
      }
      this.weightDecay = wd;
      return this;
    }

    /** Momentum coefficient in [0, 1). */
    public Builder momentum(double m) {
      if (!(m >= 0 && m < 1)) {
        throw new IllegalArgumentException("momentum must be in [0, 1), got " + m);
      }
      this.momentum = m;
      return this;
    }

    public Builder nesterov(boolean on) {
      this.nesterov = on;
      return this;
    }

    /** The training graph on in-graph inputs, e.g. the components of a tf.data iterator. */
    public TrainingGraph build(Ops tf, Operand<TFloat32> images, Operand<? extends TNumber> labels) {
      return new TrainingGraph(this, tf, images, labels, null, null);
    }

    /** The training graph on placeholders {@code images [batch, H, W, C]} float32 and {@code labels [batch]} int32. */
    public TrainingGraph buildWithPlaceholders(Ops tf) {
      InputShape in = model.config().input();
      Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, in.height(), in.width(), in.channels())));
      Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      return new TrainingGraph(this, tf, images, labels, images, labels);
    }
  }
}
