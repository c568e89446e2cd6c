package io.github.layeract.models;

import io.github.layeract.models.mlp.Mlp;
import io.github.layeract.models.resnet.CifarResNet;
import io.github.layeract.models.resnet.ImageNetResNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model registry by name: {@code mlp}, {@code resnet20/32/44/56/110} (CIFAR, 6n+2) and
 * {@code resnet18/34/50/101/152} (ImageNet).
 *
 * <pre>{@code
 * Model m = Models.create("resnet20", ModelConfig.cifar10().withActivation("la_silu"));
 * ModelSummary s = m.summary();                         // 269,722 parameters, 19 activation sites
 * Model big = Models.create("resnet50", Models.defaultConfig("resnet50"));   // 1000 classes, 224x224x3
 * }</pre>
 */
public final class Models {

  private Models() {}

  /** All model names, in a stable order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(Mlp.NAME);
    CifarResNet.DEPTHS.forEach(d -> names.add("resnet" + d));
    ImageNetResNet.DEPTHS.forEach(d -> names.add("resnet" + d));
    return List.copyOf(names);
  }

  /** Builds the named model (case-insensitive); fails with the list of valid names. */
  public static Model create(String name, ModelConfig config) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (n.equals(Mlp.NAME)) {
      return new Mlp(config);
    }
    Integer depth = depthOf(n);
    if (depth != null && CifarResNet.DEPTHS.contains(depth)) {
      return new CifarResNet(depth, config);
    }
    if (depth != null && ImageNetResNet.DEPTHS.contains(depth)) {
      return new ImageNetResNet(depth, config);
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; valid names: " + String.join(", ", names()));
  }

  /** True for the ImageNet ResNets (18..152). */
  public static boolean isImageNet(String name) {
    Integer depth = depthOf(name.trim().toLowerCase(Locale.ROOT));
    return depth != null && ImageNetResNet.DEPTHS.contains(depth);
  }

  /**
   * The reference configuration of a model: ImageNet ResNets 1000 classes at 224x224x3, CIFAR ResNets 10 classes at
   * 32x32x3, {@code mlp} 10 classes at 28x28x1; ReLU, He initialisation, seed 0.
   */
  public static ModelConfig defaultConfig(String name) {
    create(name, ModelConfig.cifar10());       // validates the name
    if (isImageNet(name)) {
      return ModelConfig.imageNet();
    }
    return name.trim().equalsIgnoreCase(Mlp.NAME)
        ? ModelConfig.cifar10().withInput(new InputShape(28, 28, 1)) : ModelConfig.cifar10();
  }

  private static Integer depthOf(String n) {
    if (!n.startsWith("resnet")) {
      return null;
    }
    try {
      return Integer.parseInt(n.substring("resnet".length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
