package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.JsonOption;
import io.github.layeract.evaluation.Output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.layeract.tf.Activations;
import io.github.layeract.tf.NativeKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code layeract activations [--json]}: the registered activations with aliases and options, and what LayerAct's
 * default implementation ({@code impl=native}) is in this JVM ({@link NativeKernels#describe()}: the native kernels'
 * instruction set and threads, or why it falls back to fused).
 */
@Command(name = "activations", mixinStandardHelpOptions = true,
    description = "List the activations (names are case-insensitive; options as name(key=value)).")
final class ActivationsCommand implements Callable<Integer> {

  private static final String IMPL = "impl";

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (json.json) {
      String implementation = NativeKernels.describe();
      ArrayNode out = Output.JSON.createArrayNode();
      for (Activations.Entry e : Activations.entries()) {
        var o = out.addObject().put("name", e.name()).put("description", e.description());
        e.aliases().forEach(o.putArray("aliases")::add);
        e.options().stream().sorted().forEach(o.putArray("options")::add);
        if (e.options().contains(IMPL)) {
          o.put("default_implementation", implementation);
        }
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
    System.out.println();
    System.out.println(defaultImplementationLine());
    return 0;
  }

  /** The line {@code bench} and {@code activations} print: what a LayerAct without {@code impl=} runs as here. */
  static String defaultImplementationLine() {
    return "LayerAct default implementation (impl=native) in this JVM: " + NativeKernels.describe();
  }
}
