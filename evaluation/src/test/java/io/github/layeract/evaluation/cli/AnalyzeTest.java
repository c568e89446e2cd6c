package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.model.InferenceModel;
import io.github.layeract.evaluation.run.RunConfig;
import io.github.layeract.evaluation.run.Runs;
import io.github.layeract.models.Forward;
import io.github.layeract.models.Mode;
import io.github.layeract.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class AnalyzeTest {

  private static final String[] ACTIVATIONS = {"relu", "la_silu", "la_hard_silu"};
  private static final int IMAGES = 50;

  @Test
  void analyzesAnMlpPerSite(@TempDir Path dir) throws Exception {
    String[] args = new String[ACTIVATIONS.length + 7];
    args[0] = "analyze";
    for (int i = 0; i < ACTIVATIONS.length; i++) {
      assertEquals(0, Main.execute("train", "--model", "mlp", "--hidden-width", "32", "--activation", ACTIVATIONS[i],
          "--iterations", "3", "--batch", "64", "--out", dir.resolve(ACTIVATIONS[i]).toString()));
      args[i + 1] = dir.resolve(ACTIVATIONS[i]).toString();
    }
    System.arraycopy(new String[] {"--images", String.valueOf(IMAGES), "--sigmas", "0,0.1,0.4", "--out",
        dir.resolve("an").toString()}, 0, args, ACTIVATIONS.length + 1, 6);
    assertEquals(0, Main.execute(args));
    JsonNode r = Output.readJson(dir.resolve("an/analyze.json"));
    assertEquals(ACTIVATIONS.length, r.get("runs").size());
    for (JsonNode run : r.get("runs")) {
      assertEquals(1, run.get("sites").size(), "the mlp has one activation site");
      JsonNode site = run.get("sites").get(0);
      assertEquals(0.0, site.get("fluctuation").get(0).asDouble(), 0.0, "no noise, no fluctuation");
      assertTrue(site.get("fluctuation").get(2).asDouble() > 0);
      if (run.get("activation").asText().equals("relu")) {
        assertTrue(site.get("mean_activation").asDouble() >= 0, "relu outputs are non-negative");
      }
      assertMatchesReference(Path.of(run.get("run").asText()), site);
    }
    for (String f : new String[] {"analyze.md", "analyze.csv", "fluctuation_vs_sigma.png", "fluctuation_by_site.png"}) {
      assertTrue(Files.size(dir.resolve("an").resolve(f)) > 0, f);
    }
  }

  /** The site statistics against plain double loops over the site's fetched input and output on the same images. */
  private static void assertMatchesReference(Path run, JsonNode site) {
    RunConfig c = RunConfig.read(run);
    ImageSet test = Datasets.load(c.dataset(), Split.TEST, null);
    ImageSet images = Splits.firstPerClass(test, Math.max(1, IMAGES / test.classes()));
    int n = images.count();
    float[] pixels = new float[n * images.imageSize()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (images.pixels()[i] & 0xFF) / 255f;
    }
    float[] in;
    float[] out;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(-1, images.height(), images.width(), images.channels())));
      Forward f = Models.create(c.model(), c.modelConfig()).forward(tf,
          InferenceModel.normalise(tf, x, c.mean(), c.std()), Mode.INFER);
      try (Session s = new Session(g);
          TFloat32 t = TFloat32.tensorOf(Shape.of(n, images.height(), images.width(), images.channels()),
              DataBuffers.of(pixels, true, false))) {
        s.restore(Runs.latestCheckpoint(run).prefix());
        try (Result res = s.runner().feed(x, t).fetch(f.siteInputs().get(site.get("site").asText()))
            .fetch(f.sites().get(site.get("site").asText())).run()) {
          in = read((TFloat32) res.get(0));
          out = read((TFloat32) res.get(1));
        }
      }
    }
    int per = in.length / n;
    double[] inMoments = moments(in);
    assertEquals(inMoments[0], site.get("input_mean").asDouble(), 1e-4 * (1 + Math.abs(inMoments[0])), "input mean");
    assertEquals(inMoments[1], site.get("input_std").asDouble(), 1e-4 * inMoments[1], "input std");
    assertEquals(moments(out)[1], site.get("activation_std").asDouble(), 1e-4 * moments(out)[1], "activation std");
    double[] variances = new double[n];
    int saturated = 0;
    String activation = RunConfig.read(run).activation();
    for (int i = 0; i < n; i++) {
      double[] m = moments(Arrays.copyOfRange(in, i * per, (i + 1) * per));
      variances[i] = m[1] * m[1] * per / (per - 1);
      for (int k = i * per; k < (i + 1) * per; k++) {
        double z = (in[k] - m[0]) / Math.sqrt(variances[i] + 1e-5);
        double scale = 1 / (1 + Math.exp(-z));
        boolean flat = activation.equals("la_hard_silu") ? z <= -3 || z >= 3 : scale < 0.01 || scale > 0.99;
        saturated += flat ? 1 : 0;
      }
    }
    Arrays.sort(variances);
    JsonNode sv = site.get("sample_variance");
    assertEquals(variances[0], sv.get("min").asDouble(), 1e-4 * variances[0], "min per-sample variance");
    assertEquals(variances[n - 1], sv.get("max").asDouble(), 1e-4 * variances[n - 1], "max per-sample variance");
    double median = n % 2 == 1 ? variances[n / 2] : (variances[n / 2 - 1] + variances[n / 2]) / 2;
    assertEquals(median, sv.get("median").asDouble(), 1e-4 * median, "median per-sample variance");
    if (activation.equals("relu")) {
      assertTrue(site.get("saturated_fraction").isNull(), "an element activation has no layer scale");
    } else {
      assertEquals((double) saturated / in.length, site.get("saturated_fraction").asDouble(), 2.0 / in.length,
          activation + " saturated fraction");
    }
    JsonNode fl = site.get("fluctuation");
    JsonNode rel = site.get("relative_fluctuation");
    assertEquals(fl.get(2).asDouble() / moments(out)[1], rel.get(2).asDouble(), 1e-6 * rel.get(2).asDouble());
  }

  private static float[] read(TFloat32 t) {
    float[] a = new float[(int) t.shape().size()];
    t.asRawTensor().data().asFloats().read(a);
    return a;
  }

  /** Mean and population standard deviation, two-pass in double. */
  private static double[] moments(float[] a) {
    double sum = 0;
    for (float v : a) {
      sum += v;
    }
    double mean = sum / a.length;
    double sq = 0;
    for (float v : a) {
      sq += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(sq / a.length)};
  }
}
