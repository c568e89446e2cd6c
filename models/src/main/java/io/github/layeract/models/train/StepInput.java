package io.github.layeract.models.train;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The data of each training step. A resumed run gives the same result as an uninterrupted one when the data of step
 * {@code s} depends only on {@code s} (and the seed): fed inputs return the batch of step {@code s}; an in-graph
 * pipeline repositions itself in {@link #start} (e.g. re-initialises its iterator for the epoch of {@code step}, with
 * that epoch's shuffle seed, and skips the batches of the epoch already trained).
 */
public interface StepInput {

  /** An in-graph pipeline that is never repositioned (resumed runs then see other batches). */
  StepInput IN_GRAPH = step -> Map.of();

  /**
   * An in-graph pipeline that is repositioned on resume by drawing and discarding the batches of the steps already
   * trained: exact for a seeded, deterministic pipeline, at the cost of running the pipeline (not the model) for
   * those steps. {@code batchComponent} is any output of the pipeline's {@code IteratorGetNext} (or an identity of
   * it), e.g. the images; the iterator must be initialised before {@link Trainer#run}.
   */
  static StepInput replaying(Operand<?> batchComponent) {
    return new StepInput() {
      @Override
      public Map<Operand<?>, Tensor> feeds(long step) {
        return Map.of();
      }

      @Override
      public void start(Session session, long step) {
        for (long i = 0; i < step; i++) {
          session.runner().fetch(batchComponent).run().close();
        }
      }
    };
  }

  /** The tensors to feed for step {@code step} (0-based); the trainer closes them after the step. */
  Map<Operand<?>, Tensor> feeds(long step);

  /** Called once before the first step with the step training starts at: 0, or the step of the restored checkpoint. */
  default void start(Session session, long step) {}
}
