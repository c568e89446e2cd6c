package io.github.layeract.evaluation.cli;

import io.github.layeract.evaluation.cli.options.JsonOption;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.layeract.evaluation.Output;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.ModelSummary;
import io.github.layeract.models.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code layeract models [--classes N] [--input HxWxC] [--json]}: names, parameter counts, activation sites. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"List the models with their trainable parameters, BN state and activation sites.",
        "Without --classes/--input each model uses its reference configuration (CIFAR nets 10 classes at 32x32x3, "
            + "ImageNet nets 1000 at 224x224x3, mlp 10 at 28x28x1). CIFAR ResNets of any depth 6n+2 (e.g. "
            + "resnet8) are accepted by train as well."})
final class ModelsCommand implements Callable<Integer> {

  @Option(names = "--classes", description = "Number of classes.")
  Integer classes;

  @Option(names = {"--input-shape", "--input"}, paramLabel = "HxWxC", description = "Input shape, e.g. 28x28x1 "
      + "(--input is a deprecated alias).")
  String input;

  @Option(names = "--activation", defaultValue = "relu", description = "Activation (default: ${DEFAULT-VALUE}; "
      + "prelu adds one parameter per site).")
  String activation;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    InputShape shape = input == null ? null : InputShape.parse(input);
    List<List<String>> rows = new ArrayList<>();
    ArrayNode out = Output.JSON.createArrayNode();
    for (String name : Models.names()) {
      ModelConfig cfg = Models.defaultConfig(name).withActivation(activation);
      if (classes != null) {
        cfg = cfg.withClasses(classes);
      }
      if (shape != null) {
        cfg = cfg.withInput(shape);
      }
      ModelSummary s = Models.create(name, cfg).summary();
      rows.add(List.of(name, String.format("%,d", s.parameters()), String.format("%,d", s.stateParameters()),
          Integer.toString(s.activationSites()), cfg.input().toString(), Integer.toString(cfg.classes())));
      var o = out.addObject().put("name", name).put("parameters", s.parameters())
          .put("state", s.stateParameters()).put("activation_sites", s.activationSites())
          .put("classes", cfg.classes());
      o.putArray("input").add(cfg.input().height()).add(cfg.input().width()).add(cfg.input().channels());
    }
    if (json.json) {
      System.out.println(Output.json(out));
    } else {
      System.out.print(Output.table(List.of("model", "parameters", "bn_state", "activation_sites", "input",
          "classes"), rows));
    }
    return 0;
  }
}
