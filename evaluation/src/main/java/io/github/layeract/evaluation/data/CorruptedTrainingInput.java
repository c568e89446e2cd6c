package io.github.layeract.evaluation.data;

import io.github.layeract.datasets.pipeline.CorruptedBatches;
import io.github.layeract.models.train.StepInput;
import java.util.Map;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The trainer's input through the training-time corruption stage ({@link CorruptedBatches}): step {@code s}
 * trains on the pipeline's {@code s}-th batch corrupted with the keys of step {@code s}. {@link #start}
 * re-initialises the seeded pipeline and draws (without corrupting or training) the batches of the steps already
 * done, so a resumed run sees the same corrupted images as an uninterrupted one. The corruption runs between two
 * training steps, on the trainer's thread and the stage's worker threads.
 */
public final class CorruptedTrainingInput implements StepInput {

  private final CorruptedBatches batches;
  private final Consumer<Session> initialize;
  private Session session;

  /** {@code initialize} (re)starts the stage's pipeline on the training set. */
  public CorruptedTrainingInput(CorruptedBatches batches, Consumer<Session> initialize) {
    this.batches = batches;
    this.initialize = initialize;
  }

  @Override
  public void start(Session s, long step) {
    this.session = s;
    initialize.accept(s);
    StepInput.replaying(batches.pipeline().labels()).start(s, step);
  }

  @Override
  public Map<Operand<?>, Tensor> feeds(long step) {
    if (session == null) {
      throw new IllegalStateException("start(session, step) was not called");
    }
    return batches.next(session, step).feeds();
  }
}
