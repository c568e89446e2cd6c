package io.github.layeract.evaluation.analysis;

import io.github.layeract.tf.LayerAct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.framework.activations.Activation;

/**
 * Clean-input statistics of one activation site, accumulated over chunks of samples: the input's mean and standard
 * deviation, the per-sample (unbiased) input variance of every sample, the output's standard deviation, and for a
 * LayerAct site the fraction of elements whose scale is saturated.
 *
 * <p>Saturated means the scale is flat there: LA-HardSiLU's {@code n <= -3 or n >= 3} (the clip), LA-SiLU's
 * {@code s(n) < 0.01 or s(n) > 0.99}, i.e. {@code |n| > ln 99}. {@code n} is recomputed from the input with the site's
 * own alpha, axes and variance (as LayerAct's forward does, in double). Element activations have no layer scale: the
 * fraction is {@code NaN} for them.
 */
final class SiteStatistics {

  private static final double SIGMOID_EDGE = Math.log(99);
  private static final double HARD_EDGE = 3;

  private final LayerAct layerAct;
  private final List<Double> sampleVariances = new ArrayList<>();
  private double inSum;
  private double inSquares;
  private double outSum;
  private double outSquares;
  private long elements;
  private long saturated;

  SiteStatistics(Activation activation) {
    this.layerAct = activation instanceof LayerAct l ? l : null;
  }

  /**
   * Adds {@code samples} samples.
   *
   * @param input the site's input, sample-major
   * @param output the site's output, same layout
   * @param groupSize elements per LayerAct statistics group (the sample, or its last {@code axes} axes)
   */
  void add(float[] input, float[] output, int samples, int groupSize) {
    int perSample = input.length / samples;
    for (int i = 0; i < samples; i++) {
      sampleVariances.add(variance(input, i * perSample, perSample, true));
    }
    for (int i = 0; i < input.length; i++) {
      inSum += input[i];
      inSquares += (double) input[i] * input[i];
      outSum += output[i];
      outSquares += (double) output[i] * output[i];
    }
    elements += input.length;
    if (layerAct != null) {
      boolean unbiased = layerAct.variance() == LayerAct.Variance.UNBIASED;
      double edge = layerAct.scale() == LayerAct.Scale.HARD_SIGMOID ? HARD_EDGE : SIGMOID_EDGE;
      boolean inclusive = layerAct.scale() == LayerAct.Scale.HARD_SIGMOID;
      for (int g = 0; g < input.length; g += groupSize) {
        double mean = mean(input, g, groupSize);
        double r = 1 / Math.sqrt(variance(input, g, groupSize, unbiased) + layerAct.alpha());
        for (int i = g; i < g + groupSize; i++) {
          double n = Math.abs((input[i] - mean) * r);
          if (inclusive ? n >= edge : n > edge) {
            saturated++;
          }
        }
      }
    }
  }

  private static double mean(float[] a, int from, int count) {
    double s = 0;
    for (int i = from; i < from + count; i++) {
      s += a[i];
    }
    return s / count;
  }

  private static double variance(float[] a, int from, int count, boolean unbiased) {
    double m = mean(a, from, count);
    double s = 0;
    for (int i = from; i < from + count; i++) {
      s += (a[i] - m) * (a[i] - m);
    }
    return s / (unbiased ? count - 1 : count);
  }

  double inputMean() {
    return inSum / elements;
  }

  double inputStd() {
    return std(inSum, inSquares);
  }

  double outputMean() {
    return outSum / elements;
  }

  double outputStd() {
    return std(outSum, outSquares);
  }

  private double std(double sum, double squares) {
    double m = sum / elements;
    return Math.sqrt(Math.max(0, squares / elements - m * m));
  }

  /** Minimum, median and maximum of the per-sample input variances. */
  double[] sampleVarianceSpread() {
    List<Double> v = new ArrayList<>(sampleVariances);
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new double[] {v.get(0), median, v.get(n - 1)};
  }

  /** Fraction of saturated scale elements, {@code NaN} for an element activation. */
  double saturatedFraction() {
    return layerAct == null ? Double.NaN : (double) saturated / elements;
  }

  long elements() {
    return elements;
  }

  /** Elements per LayerAct statistics group for a sample of {@code dims} (non-batch dimensions). */
  int groupSize(long[] dims) {
    int k = layerAct == null || layerAct.axes() == LayerAct.ALL_AXES ? dims.length : layerAct.axes();
    long g = 1;
    for (int i = dims.length - k; i < dims.length; i++) {
      g *= dims[i];
    }
    return (int) g;
  }
}
