package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.Output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.layeract.tf.Activations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layeract activations [--json]}: the registered activations with aliases and options. */
@Command(name = "activations", mixinStandardHelpOptions = true,
    description = "List the activations (names are case-insensitive; options as name(key=value)).")
final class ActivationsCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print JSON to stdout.")
  boolean json;

  @Override
  public Integer call() {
    if (json) {
      ArrayNode out = Output.JSON.createArrayNode();
      for (Activations.Entry e : Activations.entries()) {
        var o = out.addObject().put("name", e.name()).put("description", e.description());
        e.aliases().forEach(o.putArray("aliases")::add);
        e.options().stream().sorted().forEach(o.putArray("options")::add);
      }
      System.out.println(Output.json(out));
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Activations.Entry e : Activations.entries()) {
      rows.add(List.of(e.name(), String.join(", ", e.aliases()),
          String.join(", ", e.options().stream().sorted().toList()), e.description()));
    }
    System.out.print(Output.table(List.of("name", "aliases", "options", "description"), rows));
    return 0;
  }
}
