package io.github.layeract.models.train;

import java.util.Map;
import org.tensorflow.Session;

/**
 * Validates the model in the training session, e.g. through {@link TrainingGraph#inferenceForward} on validation
 * data. Returns named metrics such as {@code val_accuracy}.
 */
@FunctionalInterface
public interface Validator {
  Map<String, Double> validate(Session session, long step);
}
