package io.github.layeract.evaluation.report;

import io.github.layeract.datasets.corruptions.Category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessReportTest {

  private static final int[] SEVERITIES = {1, 2, 3, 4, 5};

  /** A report whose corruptions all have their category's published mean at every severity. */
  private static RobustnessReport fromCategories(double clean, double noise, double blur, double digital,
      double weather, double extra) {
    double[] means = {noise, blur, digital, weather, extra};
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (Category k : Category.values()) {
      for (String c : Taxonomy.members(k)) {
        double m = means[k.ordinal()];
        acc.put(c, new double[] {m + 2, m + 1, m, m - 1, m - 2});   // severity mean = m
      }
    }
    return new RobustnessReport(clean, SEVERITIES, acc);
  }

  @Test
  void total20ReproducesAppTable7() {
    // the paper's appendix, checked examples: Table 6 clean + Table 7 categories -> Table 7 Total; the inputs are
    // published rounded to 2 decimals, so the totals reproduce to +-0.01
    assertEquals(72.00, fromCategories(92.03, 53.07, 67.62, 74.75, 80.44, 74.41).total20WithClean(), 0.0101);
    assertEquals(72.80, fromCategories(92.20, 54.02, 68.42, 75.13, 81.36, 75.51).total20WithClean(), 0.0101);
    assertEquals(46.83, fromCategories(65.51, 30.85, 45.83, 48.93, 52.5, 47.35).total20WithClean(), 0.0101);
  }

  @Test
  void total19IsTheCategoryWeightedMean() {
    RobustnessReport r = fromCategories(92.03, 53.07, 67.62, 74.75, 80.44, 74.41);
    double expected = (3 * 53.07 + 4 * (67.62 + 74.75 + 80.44 + 74.41)) / 19;
    assertEquals(expected, r.total19(), 1e-9);
    assertEquals(53.07, r.category(Category.NOISE), 1e-9);
    assertEquals(74.41, r.category(Category.EXTRA), 1e-9);
    assertTrue(r.complete());
    assertEquals(53.07 + 2, r.category(Category.NOISE, 0), 1e-9);
  }

  @Test
  void corruptionErrorsFollowHendrycks() {
    Map<String, double[]> a = new LinkedHashMap<>();
    Map<String, double[]> b = new LinkedHashMap<>();
    for (String c : Taxonomy.all()) {
      a.put(c, new double[] {90, 80});     // errors 10, 20 -> 30
      b.put(c, new double[] {85, 75});     // errors 15, 25 -> 40
    }
    a.put("gaussian_noise", new double[] {70, 50});   // errors 30, 50 -> 80
    RobustnessReport model = new RobustnessReport(95, new int[] {1, 2}, a);
    RobustnessReport base = new RobustnessReport(92, new int[] {1, 2}, b);
    assertEquals(200.0, model.corruptionErrors(base).get("gaussian_noise"), 1e-9);
    assertEquals(75.0, model.corruptionErrors(base).get("snow"), 1e-9);
    assertEquals((200 + 14 * 75) / 15.0, model.meanCorruptionError(base), 1e-9);
    // relative: (10-5)+(20-5) = 20 vs (15-8)+(25-8) = 24
    assertEquals(100 * 20 / 24.0, model.relativeCorruptionErrors(base).get("snow"), 1e-9);
    // gaussian: (30-5)+(50-5) = 70 vs 24
    assertEquals((100 * 70 / 24.0 + 14 * 100 * 20 / 24.0) / 15, model.relativeMeanCorruptionError(base), 1e-9);
  }

  @Test
  void partialEvaluationHasNoMce() {
    RobustnessReport r = new RobustnessReport(90, new int[] {3}, Map.of("fog", new double[] {60}));
    assertEquals(60, r.corruptionMean(), 1e-12);
    assertTrue(Double.isNaN(r.total19()), "the paper's totals need all 19 corruptions");
    assertTrue(Double.isNaN(r.total20WithClean()));
    assertTrue(Double.isNaN(r.meanCorruptionError(r)));
    assertTrue(Double.isNaN(r.category(Category.NOISE)));
    assertThrows(IllegalArgumentException.class,
        () -> new RobustnessReport(90, new int[] {1}, Map.of("fogg", new double[] {1})));
  }

  @Test
  void aSubsetIsNeverLabelledTotal19(@TempDir Path tmp) {
    List<Comparison.Run> runs = new ArrayList<>();
    for (String act : List.of("relu", "la_silu")) {
      for (int seed = 0; seed < 2; seed++) {
        double x = act.equals("relu") ? 50 + seed : 55 + seed;
        RobustnessReport r = new RobustnessReport(90, new int[] {1, 2},
            new LinkedHashMap<>(Map.of("gaussian_noise", new double[] {x, x - 10},
                "contrast", new double[] {x + 10, x})));
        Path dir = tmp.resolve(act + seed);
        ObjectNode meta = Output.object()
            .put("activation", act).put("seed", seed);
        ObjectNode json = ReportFiles.write(dir, r, meta, null);
        assertEquals(2, json.get("corruptions_evaluated").asInt());
        assertEquals(x, json.get("corruption_mean").asDouble(), 1e-12);
        assertTrue(json.get("total19").isNull() && json.get("total20_with_clean").isNull(), json.toString());
        String md = ReportFiles.markdown(r, json);
        assertTrue(md.contains("| mean of 2 corruptions |") && !md.contains("total19"), md);
        runs.add(Comparison.load(dir));
      }
    }
    Comparison c = new Comparison(runs, "relu");
    assertEquals(Comparison.SUBSET_COLUMNS, c.columns());
    assertEquals(55.5, c.summary("la_silu", "corruption_mean").mean(), 1e-12);
    assertTrue(!c.csv().contains("total19") && !c.markdown().contains("total19"), c.markdown());
    assertTrue(c.markdown().contains("mean of the 2 corruptions"), c.markdown());
    // a category none of the runs' corruptions is in (Blur) gives no test instead of failing the whole comparison
    assertTrue(Double.isNaN(c.wilcoxon("la_silu", "Blur").p()) && Double.isNaN(c.welch("la_silu", "Blur").p()));
  }
}
