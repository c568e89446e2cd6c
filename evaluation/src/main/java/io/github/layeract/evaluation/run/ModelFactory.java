package io.github.layeract.evaluation.run;

import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import io.github.layeract.models.resnet.CifarResNet;
import java.util.Locale;

/**
 * Models by name: the registry's, plus any CIFAR ResNet depth 6n+2 outside it (e.g. {@code resnet8}, n = 1, which
 * the demo trains because it fits a 5-minute budget on 2 cores).
 */
public final class ModelFactory {

  private ModelFactory() {}

  /** The model {@code name} with {@code config}; fails naming the valid names. */
  public static Model create(String name, ModelConfig config) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (!Models.names().contains(n) && n.matches("resnet\\d+")) {
      int depth = Integer.parseInt(n.substring(6));
      if (depth >= 8 && (depth - 2) % 6 == 0) {
        return new CifarResNet(depth, config);
      }
    }
    return Models.create(n, config);
  }
}
