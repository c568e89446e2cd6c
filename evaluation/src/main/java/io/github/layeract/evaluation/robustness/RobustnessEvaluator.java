package io.github.layeract.evaluation.robustness;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.evaluation.Progress;
import io.github.layeract.evaluation.model.Classifier;
import io.github.layeract.evaluation.report.RobustnessReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Top-1 accuracy of a classifier on clean and corrupted test sets, gathered into a {@link RobustnessReport}. */
public final class RobustnessEvaluator {

  private RobustnessEvaluator() {}

  /** Top-1 accuracy in percent of {@code c} on {@code set}. */
  public static double accuracy(Classifier c, ImageSet set) {
    int[] predicted = c.predict(set.pixels(), set.count());
    long correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == set.labels()[i] ? 1 : 0;
    }
    return set.count() == 0 ? Double.NaN : 100.0 * correct / set.count();
  }

  /**
   * Evaluates {@code c} on {@code clean} and on every ({@code corruption}, {@code severity}) set of {@code sets}
   * (which may hold fewer images than {@code clean}, e.g. a class-balanced subset).
   *
   * @param progressName label of the progress bar (one unit per evaluated set)
   */
  public static RobustnessReport evaluate(Classifier c, ImageSet clean, List<String> corruptions, int[] severities,
      CorruptionSource sets, String progressName) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    double cleanAcc;
    try (Progress p = Progress.start(progressName, 1 + (long) corruptions.size() * severities.length)) {
      cleanAcc = accuracy(c, clean);
      p.step(1, String.format(java.util.Locale.ROOT, "clean %.2f%%", cleanAcc));
      for (String name : corruptions) {
        double[] a = new double[severities.length];
        for (int i = 0; i < severities.length; i++) {
          a[i] = accuracy(c, sets.get(name, severities[i]));
          p.step(1, String.format(java.util.Locale.ROOT, "%s s%d %.2f%%", name, severities[i], a[i]));
        }
        acc.put(name, a);
      }
    }
    return new RobustnessReport(cleanAcc, severities, acc);
  }
}
