package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.Output;
import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.experiment.Compare;
import io.github.layeract.evaluation.report.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layeract compare RUN_DIR... --out DIR [--baseline ACT] [--json]}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Group evaluated runs by activation: mean ± std (ddof 1) of clean, total and per-category "
        + "accuracy, and Welch / Wilcoxon p-values against a baseline activation.",
        "Each RUN_DIR holds report.json or eval/report.json (from `layeract evaluate`)."})
final class CompareCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run or report directories.")
  List<Path> dirs = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where compare.md/.csv/.json/.png go.")
  Path out;

  @Option(names = "--baseline", paramLabel = "ACT",
      description = "Baseline activation for the p-values (default: relu if present, else the first).")
  String baseline;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    Comparison c = Compare.run(dirs, baseline, out);
    if (json.json) {
      System.out.println(Output.json(c.toJson()));
    } else {
      System.out.print(Output.table(c.summaryHeader(), c.summaryRows()));
      List<String> h = new ArrayList<>(List.of("p vs " + c.baseline() + " (Welch / Wilcoxon)"));
      h.addAll(c.columns());
      if (!c.significanceRows().isEmpty()) {
        System.out.println();
        System.out.print(Output.table(h, c.significanceRows()));
      }
      System.out.println("wrote " + out.resolve("compare.md") + ", compare.csv, compare.json, compare.png");
    }
    return 0;
  }
}
