package io.github.layeract.evaluation.cli.options;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * Option spellings kept for one release after the option vocabulary was unified, so that one name means one thing in
 * every subcommand. Each still works and prints one notice naming its replacement.
 */
public final class DeprecatedAliases {

  /** Per command path (as typed after {@code layeract}), the deprecated spelling and the name to use. */
  static final Map<String, Map<String, String>> BY_COMMAND = Map.of(
      "evaluate", Map.of("--model", "--saved-model", "--preset", "--corruption-table", "--seed", "--corruption-seed",
          "--baseline", "--mce-baseline"),
      "export", Map.of("--version", "--model-version"),
      "bench op", Map.of("--iterations", "--steps", "--warmup", "--untimed-steps"),
      "predict", Map.of("--model", "--saved-model", "--output", "--out"),
      "corrupt", Map.of("--output", "--out", "--preset", "--corruption-table", "--seed", "--corruption-seed"),
      "analyze", Map.of("--seed", "--noise-seed"),
      "train", Map.of("--input", "--input-shape"),
      "models", Map.of("--input", "--input-shape"),
      "bench train", Map.of("--input", "--input-shape", "--model", "--models", "--batch", "--batches"),
      "bench pipeline", Map.of("--batches", "--steps"));

  private DeprecatedAliases() {}

  /** The deprecated spellings of {@code command} (e.g. {@code "bench train"}) and the names to use instead. */
  public static Map<String, String> of(String command) {
    return BY_COMMAND.getOrDefault(command, Map.of());
  }

  /** Every command that has deprecated spellings. */
  public static java.util.Set<String> commands() {
    return BY_COMMAND.keySet();
  }

  /** Prints one notice per deprecated spelling used on the parsed command line. */
  public static void warn(ParseResult top, PrintWriter err) {
    ParseResult p = top;
    while (p.hasSubcommand()) {
      p = p.subcommand();
    }
    String command = p.commandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
    Map<String, String> aliases = of(command);
    List<String> args = top.originalArgs();
    aliases.keySet().stream().sorted()
        .filter(old -> args.stream().anyMatch(a -> a.equals(old) || a.startsWith(old + "=")))
        .forEach(old -> err.println("layeract " + command + ": " + old + " is deprecated; use " + aliases.get(old)));
    err.flush();
  }
}
