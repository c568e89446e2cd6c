package io.github.layeract.evaluation.report;

import io.github.layeract.datasets.corruptions.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The files of one robustness evaluation: {@code report.json} (everything, machine-readable), {@code report.csv}
 * (one row per corruption with its per-severity accuracies), {@code report.md}, and two PNG plots:
 * {@code accuracy_vs_severity.png} (per category) and {@code corruptions.png} (per-corruption bars).
 */
public final class ReportFiles {

  /** The report file name inside a report directory. */
  public static final String JSON = "report.json";

  private ReportFiles() {}

  /**
   * The JSON form: {@code meta} fields (model, activation, dataset, ...), then {@code clean}, {@code severities},
   * {@code corruptions} (per corruption: category, accuracy per severity, mean), {@code categories},
   * {@code total19}, {@code total20_with_clean}, and with a baseline {@code mce}, {@code relative_mce} and per
   * corruption {@code ce}, {@code relative_ce}.
   */
  public static ObjectNode toJson(RobustnessReport r, ObjectNode meta, RobustnessReport baseline) {
    ObjectNode o = meta.deepCopy();
    o.put("clean", r.clean());
    var sev = o.putArray("severities");
    for (int s : r.severities()) {
      sev.add(s);
    }
    Map<String, Double> ce = baseline == null ? Map.of() : r.corruptionErrors(baseline);
    Map<String, Double> rce = baseline == null ? Map.of() : r.relativeCorruptionErrors(baseline);
    ObjectNode cs = o.putObject("corruptions");
    r.accuracy().forEach((name, acc) -> {
      ObjectNode c = cs.putObject(name).put("category", Taxonomy.category(name).title());
      ObjectNode bySev = c.putObject("accuracy");
      for (int i = 0; i < acc.length; i++) {
        bySev.put(Integer.toString(r.severities()[i]), acc[i]);
      }
      c.put("mean", r.corruption(name));
      if (ce.containsKey(name)) {
        c.put("ce", ce.get(name)).put("relative_ce", rce.get(name));
      }
    });
    ObjectNode cat = o.putObject("categories");
    for (Category k : Category.values()) {
      putNumber(cat, k.title(), r.category(k));
    }
    o.put("complete", r.complete());
    o.put("corruptions_evaluated", r.accuracy().size());
    putNumber(o, "corruption_mean", r.corruptionMean());
    putNumber(o, "total19", r.total19());
    putNumber(o, "total20_with_clean", r.total20WithClean());
    if (baseline != null) {
      putNumber(o, "mce", r.meanCorruptionError(baseline));
      putNumber(o, "relative_mce", r.relativeMeanCorruptionError(baseline));
    }
    return o;
  }

  /** Reads the report part of a {@code report.json} (clean, severities, per-corruption accuracies). */
  public static RobustnessReport fromJson(Path file, JsonNode o) {
    try {
      int[] severities = new int[o.get("severities").size()];
      for (int i = 0; i < severities.length; i++) {
        severities[i] = o.get("severities").get(i).asInt();
      }
      Map<String, double[]> acc = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.get("corruptions").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        double[] a = new double[severities.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = e.getValue().get("accuracy").get(Integer.toString(severities[i])).asDouble();
        }
        acc.put(e.getKey(), a);
      }
      return new RobustnessReport(o.get("clean").asDouble(), severities, acc);
    } catch (RuntimeException e) {
      throw new UserException(file + ": not a layeract report (" + e.getMessage() + ")");
    }
  }

  /** The report file of a report directory ({@code DIR/report.json}) or a run directory ({@code DIR/eval/...}). */
  public static Path find(Path dir) {
    Path file = java.nio.file.Files.isRegularFile(dir.resolve(JSON)) ? dir.resolve(JSON)
        : dir.resolve("eval").resolve(JSON);
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new UserException(dir + ": no report.json here or in eval/ (run `layeract evaluate` first)");
    }
    return file;
  }

  /** Reads the report of a report or run directory (see {@link #find}). */
  public static RobustnessReport read(Path dir) {
    Path file = find(dir);
    return fromJson(file, Output.readJson(file));
  }

  /** Writes the JSON, CSV, Markdown and PNG files of {@code r} into {@code dir}; returns the JSON written. */
  public static ObjectNode write(Path dir, RobustnessReport r, ObjectNode meta, RobustnessReport baseline) {
    ObjectNode json = toJson(r, meta, baseline);
    Output.writeJson(dir.resolve(JSON), json);
    Output.writeText(dir.resolve("report.csv"), csv(r));
    Output.writeText(dir.resolve("report.md"), markdown(r, json));
    double[] x = new double[r.severities().length];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.severities()[i];
    }
    Map<String, double[]> lines = new LinkedHashMap<>();
    for (Category k : Category.values()) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = r.category(k, i);
      }
      if (!Double.isNaN(y[0])) {
        lines.put(k.title(), y);
      }
    }
    double[] clean = new double[x.length];
    java.util.Arrays.fill(clean, r.clean());
    lines.put("clean", clean);
    String title = json.path("activation").asText("") + " " + json.path("model").asText("");
    Plots.lines(dir.resolve("accuracy_vs_severity.png"), "Accuracy vs severity " + title.strip(), "severity",
        "top-1 accuracy (%)", x, lines);
    List<String> names = new ArrayList<>(r.accuracy().keySet());
    Plots.bars(dir.resolve("corruptions.png"), "Accuracy per corruption " + title.strip(), "top-1 accuracy (%)",
        names, Map.of("mean over severities", names.stream().map(r::corruption).toList()), null);
    return json;
  }

  /** What the mean of an incomplete report averages, e.g. {@code mean of 2 corruptions}. */
  public static String subsetLabel(RobustnessReport r) {
    int n = r.accuracy().size();
    return "mean of " + n + (n == 1 ? " corruption" : " corruptions");
  }

  /** One row per corruption: corruption, category, accuracy at each severity, mean. */
  static String csv(RobustnessReport r) {
    List<String> header = new ArrayList<>(List.of("corruption", "category"));
    for (int s : r.severities()) {
      header.add("severity" + s);
    }
    header.add("mean");
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
        .get())) {
      r.accuracy().forEach((name, acc) -> {
        List<Object> row = new ArrayList<>(List.of(name, Taxonomy.category(name).title()));
        for (double a : acc) {
          row.add(a);
        }
        row.add(r.corruption(name));
        print(p, row);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void print(CSVPrinter p, List<Object> row) {
    try {
      p.printRecord(row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String markdown(RobustnessReport r, ObjectNode json) {
    StringBuilder md = new StringBuilder("# Robustness report\n\n");
    for (String key : List.of("model", "activation", "dataset", "source", "clean_images", "images", "run",
        "savedmodel")) {
      if (json.has(key)) {
        md.append("- ").append(key).append(": ").append(json.get(key).asText()).append('\n');
      }
    }
    json.path("notes").forEach(n -> md.append("- note: ").append(n.asText()).append('\n'));
    md.append("\nTop-1 accuracy (%). Per corruption the mean over severities ")
        .append(java.util.Arrays.toString(r.severities())).append("; categories as the LayerAct paper; ");
    List<String> header = new ArrayList<>(List.of("clean"));
    List<String> row = new ArrayList<>(List.of(Output.f2(r.clean())));
    if (r.complete()) {
      md.append("total19 = mean of the 19 corruptions, total20 = (clean + 19 total19) / 20.\n\n");
      header.addAll(List.of("total19", "total20_with_clean"));
      row.addAll(List.of(Output.f2(r.total19()), Output.f2(r.total20WithClean())));
    } else {
      String label = subsetLabel(r);
      md.append(label).append(" = their mean (the paper's totals need all 19).\n\n");
      header.add(label);
      row.add(Output.f2(r.corruptionMean()));
    }
    for (Category k : Category.values()) {
      header.add(k.title());
      row.add(Output.f2(r.category(k)));
    }
    if (json.has("mce")) {
      header.add("mCE");
      row.add(Output.f2(json.get("mce").asDouble(Double.NaN)));
      header.add("relative mCE");
      row.add(Output.f2(json.get("relative_mce").asDouble(Double.NaN)));
    }
    md.append(Output.markdownTable(header, List.of(row))).append('\n');
    List<String> h2 = new ArrayList<>(List.of("corruption", "category"));
    for (int s : r.severities()) {
      h2.add("s" + s);
    }
    h2.add("mean");
    List<List<String>> rows = new ArrayList<>();
    r.accuracy().forEach((name, acc) -> {
      List<String> cells = new ArrayList<>(List.of(name, Taxonomy.category(name).title()));
      for (double a : acc) {
        cells.add(Output.f2(a));
      }
      cells.add(Output.f2(r.corruption(name)));
      rows.add(cells);
    });
    md.append(Output.markdownTable(h2, rows)).append("\n![accuracy vs severity](accuracy_vs_severity.png)\n\n")
        .append("![per corruption](corruptions.png)\n");
    return md.toString();
  }

  /** Puts {@code v}, or JSON null for NaN (JSON has no NaN). */
  static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }
}
