package io.github.layeract.models.train;

import io.github.layeract.models.Forward;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Model;
import java.nio.file.Path;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The inference-only graph of a trained model, for evaluation and SavedModel export: BN with
 * moving statistics, no loss or optimizer, and the training graph's variable names, so a training checkpoint
 * restores into it.
 *
 * <pre>{@code
 * try (Graph g = new Graph()) {
 *   Ops tf = Ops.create(g);
 *   Operand<TFloat32> images = preprocess(tf, uint8Images);          // ops that create no variables
 *   Forward f = InferenceGraph.build(tf, model, images);
 *   try (Session s = new Session(g)) {
 *     InferenceGraph.restore(s, runDir.resolve("checkpoints"));       // latest checkpoint
 *     ...                                                             // run f.logits() or export s
 *   }
 * }
 * }</pre>
 */
public final class InferenceGraph {

  private InferenceGraph() {}

  /** The model in {@link Mode#INFER}, built from the root scope of {@code tf}'s graph so names match training. */
  public static Forward build(Ops tf, Model model, Operand<TFloat32> images) {
    return model.forward(tf, images, Mode.INFER);
  }

  /**
   * Restores the latest checkpoint of {@code checkpointDir} (a {@link Checkpoints} directory) into the session's
   * variables; returns its step. Fails with a one-line message when there is none, and with a
   * {@link CheckpointException} naming the file when it is damaged.
   */
  public static long restore(Session session, Path checkpointDir) {
    Checkpoints.Checkpoint c = Checkpoints.latest(checkpointDir).orElseThrow(() -> new IllegalStateException(
        "no checkpoint in " + checkpointDir + " (no '" + Checkpoints.POINTER + "' file): train first"));
    Checkpoints.restore(session, c);
    return c.step();
  }
}
