package io.github.layeract.evaluation.stats;

import java.util.stream.IntStream;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaturalRanking;

/**
 * Summary statistics and the paper's significance tests (App §J) for per-seed results.
 *
 * <pre>
 *   std          = sqrt(sum (x - mean)^2 / (n - 1))                      (ddof 1, over runs)
 *   Welch t      = (mean_a - mean_b) / sqrt(s_a^2 / n_a + s_b^2 / n_b),  Welch-Satterthwaite df, two-sided p
 *   Wilcoxon     = signed-rank test of the paired differences a_i - b_i (runs paired by seed order), two-sided p,
 *                  exact distribution for n <= 30, normal approximation above
 * </pre>
 */
public final class Significance {

  private Significance() {}

  /** Mean and sample standard deviation (ddof 1; NaN for a single value). */
  public record Summary(int n, double mean, double std) {}

  /** A two-sided test result. */
  public record Test(double statistic, double p) {}

  /** Mean and sample standard deviation of {@code x}. */
  public static Summary summary(double[] x) {
    if (x.length == 0) {
      return new Summary(0, Double.NaN, Double.NaN);
    }
    double std = x.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(x));
    return new Summary(x.length, StatUtils.mean(x), std);
  }

  /** Welch's unequal-variance t-test of {@code a} vs {@code b}; NaN when either has fewer than 2 values or a NaN. */
  public static Test welch(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2 || hasNaN(a) || hasNaN(b)) {
      return new Test(Double.NaN, Double.NaN);
    }
    TTest t = new TTest();
    if (StatUtils.variance(a) + StatUtils.variance(b) == 0) {
      return new Test(Double.NaN, Double.NaN);
    }
    return new Test(t.t(a, b), t.tTest(a, b));
  }

  /**
   * Wilcoxon signed-rank test of the paired samples: statistic W+ (sum of the ranks of positive differences) and the
   * two-sided p; NaN unless both have the same length of at least 2 and no NaN.
   */
  public static Test wilcoxon(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2 || hasNaN(a) || hasNaN(b)) {
      return new Test(Double.NaN, Double.NaN);
    }
    WilcoxonSignedRankTest w = new WilcoxonSignedRankTest();
    double plus = 0;
    double[] ranks = new NaturalRanking()
        .rank(IntStream.range(0, a.length).mapToDouble(i -> Math.abs(a[i] - b[i])).toArray());
    for (int i = 0; i < a.length; i++) {
      if (a[i] - b[i] > 0) {
        plus += ranks[i];
      }
    }
    return new Test(plus, w.wilcoxonSignedRankTest(a, b, a.length <= 30));
  }

  /** A column a run does not have (a category none of its corruptions is in) is NaN: no test, not an exception. */
  private static boolean hasNaN(double[] x) {
    return java.util.Arrays.stream(x).anyMatch(Double::isNaN);
  }
}
