package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.evaluation.cli.options.DeprecatedAliases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** One option name means one thing in every subcommand; the old spellings still work, with a notice. */
class OptionVocabularyTest {

  @Test
  void eachOptionNameHasOneTypeAcrossAllSubcommands() {
    Map<String, Set<String>> kinds = new TreeMap<>();
    Map<String, List<String>> where = new TreeMap<>();
    walk(new CommandLine(new Main()), (command, o) -> {
      for (String name : o.names()) {
        if (!DeprecatedAliases.of(command).containsKey(name)) {
          kinds.computeIfAbsent(name, k -> new TreeSet<>()).add(kind(o));
          where.computeIfAbsent(name, k -> new ArrayList<>()).add(command + ":" + kind(o));
        }
      }
    });
    List<String> mixed = kinds.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(e -> e.getKey() + " " + where.get(e.getKey())).toList();
    assertEquals(List.of(), mixed);
    // the names the vocabulary settled on are really there
    for (String name : List.of("--saved-model", "--corruption-table", "--corruption-seed", "--noise-seed", "--out",
        "--threads", "--input-shape", "--json", "--data-dir", "--download")) {
      assertTrue(kinds.containsKey(name), name);
    }
    assertEquals(Set.of("Path"), kinds.get("--out"));
    assertEquals(Set.of("String"), kinds.get("--model"), "--model is a model name wherever it is not deprecated");
  }

  @Test
  void everyDeprecatedSpellingIsAnAliasOfItsReplacement() {
    Map<String, CommandSpec> specs = new TreeMap<>();
    walkCommands(new CommandLine(new Main()), specs);
    assertTrue(specs.keySet().containsAll(DeprecatedAliases.commands()), specs.keySet().toString());
    for (String command : DeprecatedAliases.commands()) {
      CommandSpec spec = specs.get(command);
      DeprecatedAliases.of(command).forEach((old, replacement) -> {
        OptionSpec o = spec.findOption(old);
        assertNotNull(o, command + " " + old);
        assertSame(o, spec.findOption(replacement), command + ": " + old + " and " + replacement);
      });
    }
  }

  @Test
  void aDeprecatedSpellingWorksAndPrintsOneNotice(@TempDir Path dir) {
    CliRun old = CliRun.run("predict", "--model", dir.resolve("missing").toString(), "--input", "x.npy", "--json");
    CliRun now = CliRun.run("predict", "--saved-model", dir.resolve("missing").toString(), "--input", "x.npy",
        "--json");
    assertEquals(now.code(), old.code(), "same behaviour: " + old.err());
    assertEquals("layeract predict: --model is deprecated; use --saved-model\n" + now.err(), old.err());
    CliRun corrupt = CliRun.run("corrupt", "--input", "x.npy", "--output=o.npy", "--corruption", "fog",
        "--severity", "1", "--seed", "3");
    assertTrue(corrupt.err().startsWith("layeract corrupt: --output is deprecated; use --out\n"
        + "layeract corrupt: --seed is deprecated; use --corruption-seed\n"), corrupt.err());
    CliRun train = CliRun.run("train", "--seed", "3", "--model", "resnet9", "--out", dir.resolve("r").toString());
    assertTrue(!train.err().contains("deprecated"), "--seed and --model are current names in train: " + train.err());
  }

  private interface Visitor {
    void option(String command, OptionSpec o);
  }

  private static void walk(CommandLine cli, Visitor v) {
    Map<String, CommandSpec> specs = new TreeMap<>();
    walkCommands(cli, specs);
    specs.forEach((command, spec) -> spec.options().forEach(o -> v.option(command, o)));
  }

  private static void walkCommands(CommandLine cli, Map<String, CommandSpec> out) {
    for (CommandLine sub : new java.util.LinkedHashSet<>(cli.getSubcommands().values())) {
      String command = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
      out.put(command, sub.getCommandSpec());
      walkCommands(sub, out);
    }
  }

  /** The value type: whole numbers as one, other primitives boxed, lists as their element type plus {@code []}. */
  private static String kind(OptionSpec o) {
    Class<?> t = o.typeInfo().isMultiValue() ? o.typeInfo().getAuxiliaryTypeInfos().get(0).getType() : o.type();
    String name = t == int.class || t == Integer.class || t == long.class || t == Long.class ? "WholeNumber"
        : t == boolean.class || t == Boolean.class ? "Boolean" : t == double.class || t == Double.class ? "Double"
        : t.getSimpleName();
    return o.typeInfo().isMultiValue() ? name + "[]" : name;
  }
}
