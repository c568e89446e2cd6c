package io.github.layeract.evaluation.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.Datasets;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.Splits;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.analysis.ActivationAnalysis;
import io.github.layeract.evaluation.report.Plots;
import io.github.layeract.evaluation.run.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The paper's activation analysis over trained runs ({@link ActivationAnalysis} per run), written as analyze.md,
 * analyze.csv, analyze.json, fluctuation_vs_sigma.png and fluctuation_by_site.png.
 */
public final class Analysis {

  private Analysis() {}

  /**
   * What to analyse.
   *
   * @param dataset test images; null: each run's dataset
   * @param download fetches a missing dataset by name before it is read; null: nothing is downloaded
   * @param images class-balanced test images per run
   * @param sigmas noise standard deviations on the [0, 1] pixel scale
   * @param noiseSeed seed of the input noise
   * @param threads TF's intra-op pool
   */
  public record Request(List<Path> runs, String dataset, Path dataDir, Consumer<String> download, int images,
      double[] sigmas, long noiseSeed, int threads, Path out) {
    public Request {
      runs = List.copyOf(runs);
      sigmas = sigmas.clone();
      Objects.requireNonNull(out, "out");
      if (runs.isEmpty() || sigmas.length == 0) {
        throw new IllegalArgumentException("the analysis needs at least one run and one sigma");
      }
    }
  }

  /** The table written to analyze.csv/.md (one row per run and site) and the JSON written to analyze.json. */
  public record Result(List<String> header, List<List<String>> rows, ObjectNode json) {}

  /** Analyses every run of {@code r} and writes the files into {@code r.out()}. */
  public static Result run(Request r) {
    double[] sigmas = r.sigmas();
    List<String> header = new ArrayList<>(List.of("run", "activation", "site", "mean_activation", "activation_std",
        "input_mean", "input_std", "sample_var_min", "sample_var_median", "sample_var_max", "saturated_fraction"));
    for (double s : sigmas) {
      header.add("fluct@" + s);
    }
    for (double s : sigmas) {
      header.add("rel_fluct@" + s);
    }
    List<List<String>> rows = new ArrayList<>();
    ObjectNode result = Output.object();
    ArrayNode sig = result.putArray("sigmas");
    for (double s : sigmas) {
      sig.add(s);
    }
    ArrayNode runNodes = result.putArray("runs");
    Map<String, double[]> bySigma = new LinkedHashMap<>();
    Map<String, List<Double>> bySite = new LinkedHashMap<>();
    List<String> siteNames = null;
    for (Path run : r.runs()) {
      RunConfig c = RunConfig.read(run);
      String d = r.dataset() != null ? r.dataset() : c.dataset();
      if (r.download() != null && r.dataDir() == null) {
        r.download().accept(d);
      }
      ImageSet test = Datasets.load(d, Split.TEST, r.dataDir());
      ImageSet subset = Splits.firstPerClass(test, Math.max(1, r.images() / test.classes()));
      List<ActivationAnalysis.Site> sites = ActivationAnalysis.run(run, subset, sigmas, r.noiseSeed(), r.threads());
      String label = c.activation() + " (" + run.getFileName() + ")";
      ObjectNode rn = runNodes.addObject().put("run", run.toString()).put("model", c.model())
          .put("activation", c.activation()).put("dataset", d).put("images", subset.count());
      ArrayNode sn = rn.putArray("sites");
      for (ActivationAnalysis.Site s : sites) {
        List<String> row = new ArrayList<>(List.of(run.getFileName().toString(), c.activation(), s.name()));
        ObjectNode o = sn.addObject().put("site", s.name()).put("mean_activation", s.meanActivation())
            .put("activation_std", s.activationStd()).put("input_mean", s.inputMean()).put("input_std", s.inputStd());
        o.putObject("sample_variance").put("min", s.sampleVariance()[0]).put("median", s.sampleVariance()[1])
            .put("max", s.sampleVariance()[2]);
        if (Double.isNaN(s.saturatedFraction())) {
          o.putNull("saturated_fraction");
        } else {
          o.put("saturated_fraction", s.saturatedFraction());
        }
        for (double v : new double[] {s.meanActivation(), s.activationStd(), s.inputMean(), s.inputStd(),
            s.sampleVariance()[0], s.sampleVariance()[1], s.sampleVariance()[2], s.saturatedFraction()}) {
          row.add(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v));
        }
        ArrayNode fl = o.putArray("fluctuation");
        ArrayNode rel = o.putArray("relative_fluctuation");
        for (int j = 0; j < sigmas.length; j++) {
          row.add(String.format(Locale.ROOT, "%.4f", s.fluctuation()[j]));
          fl.add(s.fluctuation()[j]);
          rel.add(s.relativeFluctuation()[j]);
        }
        for (double v : s.relativeFluctuation()) {
          row.add(String.format(Locale.ROOT, "%.4f", v));
        }
        rows.add(row);
      }
      double[] mean = ActivationAnalysis.meanFluctuation(sites, sigmas.length);
      ArrayNode mf = rn.putArray("mean_fluctuation");
      for (double v : mean) {
        mf.add(v);
      }
      bySigma.put(label, mean);
      List<String> names = sites.stream().map(ActivationAnalysis.Site::name).toList();
      if (siteNames == null || siteNames.equals(names)) {
        siteNames = names;
        bySite.put(label, sites.stream().map(s -> s.fluctuation()[sigmas.length - 1]).toList());
      }
    }
    Path out = r.out();
    Output.writeJson(out.resolve("analyze.json"), result);
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    rows.forEach(row -> csv.append(String.join(",", row)).append('\n'));
    Output.writeText(out.resolve("analyze.csv"), csv.toString());
    Output.writeText(out.resolve("analyze.md"), "# Activation analysis\n\nMean activation on clean images and mean "
        + "|a(x+e) - a(x)| for e ~ N(0, sigma^2) on the [0, 1] scale, per site; rel_fluct divides it by the clean "
        + "activation's std. Input statistics are of the activation input on clean images; sample_var_* spread the "
        + "per-sample input variance over the images; saturated_fraction is the share of LayerAct scale elements "
        + "with n <= -3 or n >= 3 (LA-HardSiLU) or s(n) outside [0.01, 0.99] (LA-SiLU), empty for element "
        + "activations.\n\n"
        + Output.markdownTable(header, rows) + "\n![fluctuation vs sigma](fluctuation_vs_sigma.png)\n\n"
        + "![fluctuation by site](fluctuation_by_site.png)\n");
    Plots.lines(out.resolve("fluctuation_vs_sigma.png"), "Noise-induced fluctuation (mean over sites)", "sigma",
        "mean |a(x+e) - a(x)|", sigmas, bySigma);
    Plots.bars(out.resolve("fluctuation_by_site.png"), "Fluctuation per site at sigma " + sigmas[sigmas.length - 1],
        "mean |a(x+e) - a(x)|", siteNames, bySite, null);
    return new Result(List.copyOf(header), List.copyOf(rows), result);
  }
}
