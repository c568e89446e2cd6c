package io.github.layeract.evaluation.robustness;

import io.github.layeract.evaluation.ProgressListener;
import io.github.layeract.evaluation.data.TestImages;
import io.github.layeract.evaluation.model.Classifier;
import io.github.layeract.evaluation.report.RobustnessReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Top-1 accuracy of a classifier on clean and corrupted test sets, gathered into a {@link RobustnessReport}. */
public final class RobustnessEvaluator {

  private RobustnessEvaluator() {}

  /** Top-1 accuracy in percent of {@code c} on {@code images} (the order of the images does not matter). */
  public static double accuracy(Classifier c, TestImages images) {
    long[] correct = {0};
    images.forEachBatch(Classifier.BATCH, (pixels, n, labels) -> {
      int[] predicted = c.predict(pixels, n);
      for (int i = 0; i < n; i++) {
        correct[0] += predicted[i] == labels[i] ? 1 : 0;
      }
    });
    return images.count() == 0 ? Double.NaN : 100.0 * correct[0] / images.count();
  }

  /**
   * Evaluates {@code c} on {@code clean} and on every ({@code corruption}, {@code severity}) set of {@code sets}
   * (which may hold fewer images than {@code clean}, e.g. a class-balanced subset).
   *
   * @param progress receives one unit per evaluated set
   * @param task the task's name for {@code progress}
   */
  public static RobustnessReport evaluate(Classifier c, TestImages clean, List<String> corruptions, int[] severities,
      CorruptionSource sets, ProgressListener progress, String task) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    double cleanAcc;
    try (ProgressListener.Task p = progress.start(task, 1 + (long) corruptions.size() * severities.length)) {
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
