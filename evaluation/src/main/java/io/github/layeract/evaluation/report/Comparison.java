package io.github.layeract.evaluation.report;

import io.github.layeract.datasets.corruptions.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.stats.Significance;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs grouped by activation (several seeds each): mean and sample std (ddof 1) of every report column, and per
 * column the significance of each activation against a baseline activation (Welch's t-test, and the Wilcoxon
 * signed-rank test on runs paired by seed), as in the paper's App §J.
 */
public final class Comparison {

  /** The compared columns when every run was evaluated on all 19 corruptions: the paper's totals. */
  public static final List<String> COLUMNS = List.of("clean", "total19", "total20_with_clean", "Noise", "Blur",
      "Digital", "Weather", "Extra");

  /**
   * The compared columns when some run was evaluated on a subset: {@code corruption_mean} averages the evaluated
   * corruptions, and the paper's totals, which need all 19, are left out.
   */
  public static final List<String> SUBSET_COLUMNS = List.of("clean", "corruption_mean", "Noise", "Blur", "Digital",
      "Weather", "Extra");

  /** One evaluated run: its activation, seed, report values and how many corruptions it was evaluated on. */
  public record Run(Path dir, String activation, long seed, Map<String, Double> values, int corruptions) {}

  private final Map<String, List<Run>> groups;
  private final String baseline;
  private final List<String> columns;

  /** Groups {@code runs} by activation (in order of first appearance); {@code baseline} must be one of them. */
  public Comparison(List<Run> runs, String baseline) {
    groups = new LinkedHashMap<>();
    runs.forEach(r -> groups.computeIfAbsent(r.activation(), k -> new ArrayList<>()).add(r));
    if (!groups.containsKey(baseline)) {
      throw new UserException("baseline activation '" + baseline + "' is not among the runs' activations "
          + groups.keySet());
    }
    this.baseline = baseline;
    columns = runs.stream().allMatch(r -> r.corruptions() == Taxonomy.all().size()) ? COLUMNS : SUBSET_COLUMNS;
  }

  /** {@link #COLUMNS} when every run was evaluated on all 19 corruptions, else {@link #SUBSET_COLUMNS}. */
  public List<String> columns() {
    return columns;
  }

  /**
   * Loads a run from a report directory or a run directory: {@code DIR/report.json} or {@code DIR/eval/report.json}.
   */
  public static Run load(Path dir) {
    Path file = ReportFiles.find(dir);
    ObjectNode o = Output.readJson(file);
    RobustnessReport r = ReportFiles.fromJson(file, o);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("clean", r.clean());
    values.put("corruption_mean", r.corruptionMean());
    values.put("total19", r.total19());
    values.put("total20_with_clean", r.total20WithClean());
    for (Category k : Category.values()) {
      values.put(k.title(), r.category(k));
    }
    if (!o.hasNonNull("activation")) {
      throw new UserException(file + ": has no 'activation' field");
    }
    return new Run(dir, o.get("activation").asText(), o.path("seed").asLong(0), values, r.accuracy().size());
  }

  /** The activations, in order of first appearance. */
  public List<String> activations() {
    return List.copyOf(groups.keySet());
  }

  /** The baseline activation. */
  public String baseline() {
    return baseline;
  }

  /** Per-seed values of {@code column} for {@code activation}, in run order. */
  public double[] values(String activation, String column) {
    return groups.get(activation).stream().mapToDouble(r -> r.values().get(column)).toArray();
  }

  /** Mean and std of {@code column} for {@code activation}. */
  public Significance.Summary summary(String activation, String column) {
    return Significance.summary(values(activation, column));
  }

  /** Welch's t-test of {@code activation} against the baseline on {@code column}. */
  public Significance.Test welch(String activation, String column) {
    return Significance.welch(values(activation, column), values(baseline, column));
  }

  /**
   * The Wilcoxon signed-rank test of {@code activation} against the baseline on {@code column}, pairing runs with
   * the same seed (runs without a partner are left out).
   */
  public Significance.Test wilcoxon(String activation, String column) {
    Map<Long, Double> base = new LinkedHashMap<>();
    groups.get(baseline).forEach(r -> base.put(r.seed(), r.values().get(column)));
    List<double[]> pairs = new ArrayList<>();
    groups.get(activation).stream().filter(r -> base.containsKey(r.seed()))
        .forEach(r -> pairs.add(new double[] {r.values().get(column), base.get(r.seed())}));
    return Significance.wilcoxon(pairs.stream().mapToDouble(p -> p[0]).toArray(),
        pairs.stream().mapToDouble(p -> p[1]).toArray());
  }

  /** {@code mean ± std} (2 decimals) table rows, one per activation. */
  public List<List<String>> summaryRows() {
    List<List<String>> rows = new ArrayList<>();
    for (String a : groups.keySet()) {
      List<String> row = new ArrayList<>(List.of(a, Integer.toString(groups.get(a).size())));
      for (String c : columns) {
        Significance.Summary s = summary(a, c);
        row.add(Output.f2(s.mean()) + (Double.isNaN(s.std()) ? "" : " ± " + Output.f2(s.std())));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Header of {@link #summaryRows()}. */
  public List<String> summaryHeader() {
    List<String> h = new ArrayList<>(List.of("activation", "runs"));
    h.addAll(columns);
    return h;
  }

  /** p-value rows (Welch / Wilcoxon) of every non-baseline activation against the baseline. */
  public List<List<String>> significanceRows() {
    List<List<String>> rows = new ArrayList<>();
    for (String a : groups.keySet()) {
      if (a.equals(baseline)) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(a));
      for (String c : columns) {
        row.add(p(welch(a, c).p()) + " / " + p(wilcoxon(a, c).p()));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The JSON form of the whole comparison. */
  public ObjectNode toJson() {
    ObjectNode o = Output.object().put("baseline", baseline);
    ArrayNode acts = o.putArray("activations");
    for (String a : groups.keySet()) {
      ObjectNode g = acts.addObject().put("activation", a).put("runs", groups.get(a).size());
      ArrayNode dirs = g.putArray("dirs");
      groups.get(a).forEach(r -> dirs.add(r.dir().toString()));
      for (String c : columns) {
        Significance.Summary s = summary(a, c);
        ObjectNode col = g.putObject(c);
        ReportFiles.putNumber(col, "mean", s.mean());
        ReportFiles.putNumber(col, "std", s.std());
        if (!a.equals(baseline)) {
          ReportFiles.putNumber(col, "welch_t", welch(a, c).statistic());
          ReportFiles.putNumber(col, "welch_p", welch(a, c).p());
          ReportFiles.putNumber(col, "wilcoxon_w", wilcoxon(a, c).statistic());
          ReportFiles.putNumber(col, "wilcoxon_p", wilcoxon(a, c).p());
        }
      }
    }
    return o;
  }

  /** CSV: one row per activation; per column mean, std, and the two p-values against the baseline. */
  public String csv() {
    List<String> header = new ArrayList<>(List.of("activation", "runs"));
    for (String c : columns) {
      header.addAll(List.of(c + "_mean", c + "_std", c + "_welch_p", c + "_wilcoxon_p"));
    }
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
      JsonNode json = toJson();
      for (JsonNode g : json.get("activations")) {
        List<Object> row = new ArrayList<>(List.of(g.get("activation").asText(), g.get("runs").asInt()));
        for (String c : columns) {
          for (String f : List.of("mean", "std", "welch_p", "wilcoxon_p")) {
            JsonNode v = g.get(c).get(f);
            row.add(v == null || v.isNull() ? "" : v.asDouble());
          }
        }
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Markdown: the mean ± std table and the significance table. */
  public String markdown() {
    List<String> sigHeader = new ArrayList<>(List.of("vs " + baseline));
    sigHeader.addAll(columns);
    String subset = columns == COLUMNS ? "" : " corruption_mean is the mean of the "
        + groups.values().stream().flatMap(List::stream).map(r -> Integer.toString(r.corruptions())).distinct()
            .collect(java.util.stream.Collectors.joining(" or "))
        + " corruptions the runs were evaluated on; the paper's totals need all 19.";
    return "# Comparison by activation\n\nTop-1 accuracy (%), mean ± sample std (ddof 1) over runs." + subset + "\n\n"
        + Output.markdownTable(summaryHeader(), summaryRows())
        + "\np-values against `" + baseline + "`: Welch's t-test / Wilcoxon signed-rank (runs paired by seed; "
        + "n/a with fewer than 2 runs or pairs).\n\n" + Output.markdownTable(sigHeader, significanceRows())
        + "\n![comparison](compare.png)\n";
  }

  /** Writes compare.md, compare.csv, compare.json and compare.png into {@code dir}. */
  public void write(Path dir) {
    Output.writeText(dir.resolve("compare.md"), markdown());
    Output.writeText(dir.resolve("compare.csv"), csv());
    Output.writeJson(dir.resolve("compare.json"), toJson());
    Map<String, List<Double>> means = new LinkedHashMap<>();
    Map<String, List<Double>> stds = new LinkedHashMap<>();
    for (String a : groups.keySet()) {
      means.put(a, columns.stream().map(c -> summary(a, c).mean()).toList());
      stds.put(a, columns.stream().map(c -> summary(a, c).std()).toList());
    }
    Plots.bars(dir.resolve("compare.png"), "Accuracy by activation (mean ± std)", "top-1 accuracy (%)", columns,
        means, stds);
  }

  private static String p(double p) {
    return Double.isNaN(p) ? "n/a" : p < 1e-3 ? "<0.001" : String.format(java.util.Locale.ROOT, "%.3f", p);
  }
}
