package io.github.layeract.evaluation.experiment;

import io.github.layeract.evaluation.UserException;
import io.github.layeract.evaluation.report.Comparison;
import io.github.layeract.tf.Activations;
import java.nio.file.Path;
import java.util.List;

/** Compares evaluated runs grouped by activation and writes compare.md, .csv, .json and .png. */
public final class Compare {

  private Compare() {}

  /**
   * Compares the runs of {@code dirs} (each holding report.json or eval/report.json) against {@code baseline}
   * (an activation name; null: relu if present, else the first run's) and writes the files into {@code out}.
   */
  public static Comparison run(List<Path> dirs, String baseline, Path out) {
    List<Comparison.Run> runs = dirs.stream().map(Comparison::load).toList();
    String base;
    if (baseline == null) {
      base = runs.stream().anyMatch(r -> r.activation().equals("relu")) ? "relu" : runs.get(0).activation();
    } else {
      try {
        base = Activations.canonical(baseline);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
    }
    Comparison c = new Comparison(runs, base);
    c.write(out);
    return c;
  }
}
