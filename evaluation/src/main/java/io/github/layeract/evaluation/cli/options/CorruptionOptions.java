package io.github.layeract.evaluation.cli.options;

import io.github.layeract.datasets.corruptions.Corruption;
import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.Preset;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which corruptions a command generates, and how: the list, the parameter table, the seed, the frost images. */
public final class CorruptionOptions {

  @Option(names = "--corruptions", defaultValue = "all", paramLabel = "LIST", description = "all, or a "
      + "comma-separated list of corruptions or categories (default: ${DEFAULT-VALUE}).")
  String corruptions;

  @Option(names = {"--corruption-table", "--preset"}, paramLabel = "TABLE", description = "Corruption parameter "
      + "table: cifar or imagenet (default: by image size; --preset is a deprecated alias).")
  String table;

  @Option(names = {"--corruption-seed", "--seed"}, paramLabel = "N", defaultValue = "0", description = "Seed of the "
      + "generated corruptions (default: ${DEFAULT-VALUE}; --seed is a deprecated alias).")
  public long seed;

  @Option(names = "--frost-dir", paramLabel = "DIR", description = "Published frost images (default: procedural).")
  public Path frostDir;

  /** The corruptions of {@code --corruptions}, in the paper's order. */
  public List<Corruption> list() {
    return Corruptions.parseList(corruptions, frostDir);
  }

  /** True when {@code --corruptions} was left at {@code all}. */
  public boolean all() {
    return "all".equals(corruptions);
  }

  /** The parameter table of {@code --corruption-table}, or null to choose it by image size. */
  public Preset table() {
    return table == null ? null : Preset.parse(table);
  }
}
