package io.github.layeract.evaluation.analysis;

import io.github.layeract.datasets.ImageSet;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.Forward;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Models;
import io.github.layeract.models.train.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The paper's activation analysis (App Figs. 3-4) for a trained run: at every activation site, the mean activation on
 * clean inputs and the noise-induced fluctuation
 *
 * <pre>
 *   fluctuation(site, sigma) = mean over images and elements of |a(x + e) - a(x)|,   e ~ N(0, sigma^2) per pixel
 * </pre>
 *
 * where x is the image on the [0, 1] scale (noise added before normalisation, not clipped) and a the site's output
 * in the inference graph (BN moving statistics). On the clean images each site also gets the statistics of
 * {@link SiteStatistics}: the input's mean and standard deviation, the spread (min, median, max) of the per-sample
 * input variance, the fraction of saturated LayerAct scale elements, and the fluctuation divided by the clean output's
 * standard deviation, so sites of different scale (and depths) compare.
 */
public final class ActivationAnalysis {

  private static final int CHUNK = 100;

  private ActivationAnalysis() {}

  /**
   * One site's numbers.
   *
   * @param inputMean mean of the activation input over images and elements
   * @param inputStd standard deviation of the activation input over images and elements
   * @param sampleVariance min, median and max over images of the per-sample (unbiased) input variance
   * @param saturatedFraction fraction of saturated scale elements; {@code NaN} for element activations
   * @param activationStd standard deviation of the clean activation output
   * @param relativeFluctuation {@code fluctuation / activationStd} per sigma
   */
  public record Site(String name, double meanActivation, double[] fluctuation, double inputMean, double inputStd,
      double[] sampleVariance, double saturatedFraction, double activationStd, double[] relativeFluctuation) {}

  /**
   * Analyses {@code runDir} on {@code images} at each of {@code sigmas}; sites in graph order. {@code threads} sizes
   * TF's intra-op pool (0: TensorFlow's choice); the noise, drawn in Java, does not depend on it.
   */
  public static List<Site> run(Path runDir, ImageSet images, double[] sigmas, long seed, int threads) {
    RunConfig c = RunConfig.read(runDir);
    String prefix = Runs.latestCheckpoint(runDir).prefix();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(-1, images.height(), images.width(), images.channels())));
      Forward f = Models.create(c.model(), c.modelConfig()).forward(tf,
          InferenceModel.normalise(tf.withSubScope("preprocess"), x, c.mean(), c.std()), Mode.INFER);
      List<String> names = new ArrayList<>(f.sites().keySet());
      List<Operand<TFloat32>> sites = new ArrayList<>(f.sites().values());
      List<Operand<TFloat32>> both = new ArrayList<>(sites);
      both.addAll(f.siteInputs().values());
      List<SiteStatistics> stats = names.stream().map(n -> new SiteStatistics(f.params().activations().get(n)))
          .toList();
      double[][] fluct = new double[names.size()][sigmas.length];
      Random rng = new Random(seed);
      try (Session s = Sessions.create(g, threads, 0)) {
        s.restore(prefix);
        int size = images.imageSize();
        for (int start = 0; start < images.count(); start += CHUNK) {
          int n = Math.min(CHUNK, images.count() - start);
          float[] clean = new float[n * size];
          for (int i = 0; i < clean.length; i++) {
            clean[i] = (images.pixels()[start * size + i] & 0xFF) / 255f;
          }
          List<float[]> a = activations(s, x, both, clean, n, images);
          for (int k = 0; k < names.size(); k++) {
            long[] dims = both.get(k).shape().tail().asArray();
            stats.get(k).add(a.get(names.size() + k), a.get(k), n, stats.get(k).groupSize(dims));
          }
          for (int j = 0; j < sigmas.length; j++) {
            float[] noisy = clean.clone();
            for (int i = 0; i < noisy.length; i++) {
              noisy[i] += (float) (sigmas[j] * rng.nextGaussian());
            }
            List<float[]> b = activations(s, x, sites, noisy, n, images);
            for (int k = 0; k < b.size(); k++) {
              float[] p = a.get(k);
              float[] q = b.get(k);
              double d = 0;
              for (int i = 0; i < p.length; i++) {
                d += Math.abs(q[i] - p[i]);
              }
              fluct[k][j] += d;
            }
          }
        }
      }
      List<Site> out = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        SiteStatistics st = stats.get(k);
        double[] fl = new double[sigmas.length];
        double[] rel = new double[sigmas.length];
        for (int j = 0; j < sigmas.length; j++) {
          fl[j] = fluct[k][j] / st.elements();
          rel[j] = fl[j] / st.outputStd();
        }
        out.add(new Site(names.get(k), st.outputMean(), fl, st.inputMean(), st.inputStd(), st.sampleVarianceSpread(),
            st.saturatedFraction(), st.outputStd(), rel));
      }
      return out;
    }
  }

  private static List<float[]> activations(Session s, Placeholder<TFloat32> x, List<Operand<TFloat32>> sites,
      float[] input, int n, ImageSet images) {
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(n, images.height(), images.width(), images.channels()),
        DataBuffers.of(input, true, false))) {
      Session.Runner r = s.runner().feed(x, t);
      sites.forEach(r::fetch);
      try (Result res = r.run()) {
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < sites.size(); k++) {
          TFloat32 v = (TFloat32) res.get(k);
          float[] a = new float[(int) v.shape().size()];
          v.asRawTensor().data().asFloats().read(a);
          out.add(a);
        }
        return out;
      }
    }
  }

  /** Mean over sites of the fluctuation at each sigma. */
  public static double[] meanFluctuation(List<Site> sites, int sigmas) {
    double[] m = new double[sigmas];
    for (Site s : sites) {
      for (int j = 0; j < sigmas; j++) {
        m[j] += s.fluctuation()[j] / sites.size();
      }
    }
    return m;
  }
}
