package io.github.layeract.sweep;

import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.report.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep report}: the {@code compare} of each group of done cells that differ only by activation and seed,
 * written to {@code DIR/report/GROUP/} (compare.md/.csv/.json/.png).
 */
public final class SweepReport {

  /** One group's comparison and where it was written. */
  public record Group(String name, Path dir, Comparison comparison) {}

  private SweepReport() {}

  /** @param baseline a canonical activation spec, or null for relu when present, else the group's first */
  public static List<Group> write(Path sweepDir, String baseline) {
    Map<String, List<Comparison.Run>> groups = new LinkedHashMap<>();
    for (Cell c : Status.cells(sweepDir)) {
      CellDirectory cd = CellDirectory.of(sweepDir, c);
      if (cd.state() == CellDirectory.State.DONE) {
        groups.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(Comparison.load(cd.dir()));
      }
    }
    if (groups.isEmpty()) {
      throw new UserException(sweepDir + ": no cell is done yet (see `sweep status`)");
    }
    List<Group> out = new ArrayList<>();
    for (Map.Entry<String, List<Comparison.Run>> g : groups.entrySet()) {
      List<Comparison.Run> runs = g.getValue();
      String base = baseline != null ? baseline
          : runs.stream().anyMatch(r -> r.activation().equals("relu")) ? "relu" : runs.get(0).activation();
      Comparison c = new Comparison(runs, base);
      Path dir = sweepDir.resolve("report").resolve(g.getKey());
      c.write(dir);
      out.add(new Group(g.getKey(), dir, c));
    }
    return out;
  }

  /** The text {@code sweep report} prints for one group. */
  static String text(Group g) {
    Comparison c = g.comparison();
    StringBuilder s = new StringBuilder("== " + g.name() + " (" + g.dir() + ")\n");
    s.append(Output.table(c.summaryHeader(), c.summaryRows()));
    if (!c.significanceRows().isEmpty()) {
      List<String> h = new ArrayList<>(List.of("p vs " + c.baseline() + " (Welch / Wilcoxon)"));
      h.addAll(c.columns());
      s.append('\n').append(Output.table(h, c.significanceRows()));
    }
    return s.toString();
  }
}
