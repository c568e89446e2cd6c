package io.github.layeract.evaluation.report;

import io.github.layeract.datasets.corruptions.Category;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy of one model on clean and corrupted test images, aggregated as the LayerAct paper does (its appendix
 * tables; the reference code's cifar_c_resnet_test.py).
 * All accuracies are top-1 in percent.
 *
 * <pre>
 *   corruption(c)  = mean over the evaluated severities s of acc(c, s)
 *   category(K)    = mean over the corruptions c in K of corruption(c)
 *   corruptionMean = mean over the evaluated corruptions of corruption(c)
 *   total19        = corruptionMean when all 19 were evaluated = (3 Noise + 4 (Blur + Digital + Weather + Extra)) / 19
 *   total20        = (clean + 19 total19) / 20                      (App Table 7's "Total", clean counted as one set)
 * </pre>
 *
 * <p>Hendrycks and Dietterich's corruption error against a baseline model {@code b}, with errors {@code E = 100 - acc}:
 *
 * <pre>
 *   CE(c)          = 100 * sum_s E(c, s) / sum_s E_b(c, s)
 *   relCE(c)       = 100 * sum_s (E(c, s) - E_clean) / sum_s (E_b(c, s) - E_b,clean)
 *   mCE, rel. mCE  = mean of CE, relCE over the 15 benchmark corruptions (Extra excluded), when all 15 were evaluated
 * </pre>
 *
 * @param clean clean test accuracy
 * @param severities the evaluated severities, ascending (e.g. 1..5)
 * @param accuracy per corruption (in evaluation order) the accuracy at each of {@code severities}, same order
 */
public record RobustnessReport(double clean, int[] severities, Map<String, double[]> accuracy) {

  public RobustnessReport {
    severities = severities.clone();
    Map<String, double[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : accuracy.entrySet()) {
      Taxonomy.category(e.getKey());
      if (e.getValue().length != severities.length) {
        throw new IllegalArgumentException("corruption " + e.getKey() + " has " + e.getValue().length
            + " accuracies for " + severities.length + " severities");
      }
      copy.put(e.getKey(), e.getValue().clone());
    }
    accuracy = Collections.unmodifiableMap(copy);
  }

  /** The mean accuracy of corruption {@code c} over the evaluated severities. */
  public double corruption(String c) {
    double[] acc = accuracy.get(c);
    if (acc == null) {
      throw new IllegalArgumentException("corruption '" + c + "' was not evaluated");
    }
    return mean(acc);
  }

  /** Mean over the evaluated corruptions of {@code k}, or NaN when none of them was evaluated. */
  public double category(Category k) {
    return mean(Taxonomy.members(k).stream().filter(accuracy::containsKey).mapToDouble(this::corruption).toArray());
  }

  /** True when all 19 corruptions were evaluated. */
  public boolean complete() {
    return accuracy.keySet().containsAll(Taxonomy.all());
  }

  /** Mean over the evaluated corruptions, however many; NaN when none was. */
  public double corruptionMean() {
    return mean(accuracy.keySet().stream().mapToDouble(this::corruption).toArray());
  }

  /**
   * The paper's mean over all 19 corruptions; NaN unless {@link #complete()}, so that the mean of a subset is never
   * shown under the paper's label (it is {@link #corruptionMean()}).
   */
  public double total19() {
    return complete() ? corruptionMean() : Double.NaN;
  }

  /** {@code (clean + 19 total19) / 20}, App Table 7's Total; NaN unless {@link #complete()}. */
  public double total20WithClean() {
    return complete() ? (clean + 19 * total19()) / 20 : Double.NaN;
  }

  /** Mean accuracy over the corruptions at severity index {@code i} (of {@link #severities()}). */
  public double severity(int i) {
    return mean(accuracy.values().stream().mapToDouble(a -> a[i]).toArray());
  }

  /** Mean accuracy of category {@code k} at severity index {@code i}, NaN when none of its corruptions ran. */
  public double category(Category k, int i) {
    return mean(Taxonomy.members(k).stream().filter(accuracy::containsKey).mapToDouble(c -> accuracy.get(c)[i]).toArray());
  }

  /** Corruption error CE(c) in percent of the baseline's, per corruption evaluated by both. */
  public Map<String, Double> corruptionErrors(RobustnessReport baseline) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String c : shared(baseline)) {
      out.put(c, 100 * sum(errors(accuracy.get(c), 0)) / sum(errors(baseline.accuracy.get(c), 0)));
    }
    return out;
  }

  /** Relative corruption error relCE(c) in percent, per corruption evaluated by both. */
  public Map<String, Double> relativeCorruptionErrors(RobustnessReport baseline) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String c : shared(baseline)) {
      out.put(c, 100 * sum(errors(accuracy.get(c), 100 - clean))
          / sum(errors(baseline.accuracy.get(c), 100 - baseline.clean)));
    }
    return out;
  }

  /** mCE over the 15 benchmark corruptions; NaN unless both reports evaluated all 15. */
  public double meanCorruptionError(RobustnessReport baseline) {
    return benchmarkMean(corruptionErrors(baseline));
  }

  /** Relative mCE over the 15 benchmark corruptions; NaN unless both reports evaluated all 15. */
  public double relativeMeanCorruptionError(RobustnessReport baseline) {
    return benchmarkMean(relativeCorruptionErrors(baseline));
  }

  private List<String> shared(RobustnessReport baseline) {
    if (!Arrays.equals(severities, baseline.severities)) {
      throw new IllegalArgumentException("the baseline was evaluated at severities " + Arrays.toString(baseline.severities)
          + ", this model at " + Arrays.toString(severities) + "; CE needs the same severities");
    }
    List<String> out = new ArrayList<>(accuracy.keySet());
    out.retainAll(baseline.accuracy.keySet());
    return out;
  }

  private static double benchmarkMean(Map<String, Double> ce) {
    if (!ce.keySet().containsAll(Taxonomy.benchmark15())) {
      return Double.NaN;
    }
    return mean(Taxonomy.benchmark15().stream().mapToDouble(ce::get).toArray());
  }

  private static double[] errors(double[] acc, double minus) {
    return Arrays.stream(acc).map(a -> 100 - a - minus).toArray();
  }

  private static double sum(double[] v) {
    return Arrays.stream(v).sum();
  }

  private static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : sum(v) / v.length;
  }
}
