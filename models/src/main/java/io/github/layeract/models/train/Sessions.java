package io.github.layeract.models.train;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/** Sessions with explicit thread pools (TF's ConfigProto intra- and inter-op settings). */
public final class Sessions {

  private Sessions() {}

  /**
   * The session config: {@code intraOp} threads per op and {@code interOp} ops in parallel; 0 lets TensorFlow choose
   * (one per core).
   */
  public static ConfigProto config(int intraOp, int interOp) {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0, got intra " + intraOp + ", inter " + interOp);
    }
    return ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOp).setInterOpParallelismThreads(interOp).build();
  }

  /** A session on {@code graph} with the given thread pools. */
  public static Session create(Graph graph, int intraOp, int interOp) {
    return new Session(graph, config(intraOp, interOp));
  }
}
