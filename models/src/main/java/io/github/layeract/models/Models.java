package io.github.layeract.models;

import io.github.layeract.models.mlp.Mlp;
import io.github.layeract.models.resnet.ResNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model registry by name: {@code mlp}, {@code resnet18/34/50/101/152} (ImageNet) and the CIFAR ResNet of any
 * depth 6n+2 ({@code resnet8}, {@code resnet14}, {@code resnet20}, ...; {@link #names()} lists the paper's
 * 20/32/44/56/110). The ImageNet names win where both would apply: {@code resnet50} and {@code resnet152} are also
 * 6n+2 but name the ImageNet models.
 *
 * <pre>{@code
 * Model m = Models.create("resnet20", ModelConfig.cifar10().withActivation("la_silu"));
 * ModelSummary s = m.summary();                         // 269,722 parameters, 19 activation sites
 * Model big = Models.create("resnet50", Models.defaultConfig("resnet50"));   // 1000 classes, 224x224x3
 * }</pre>
 */
public final class Models {

  private Models() {}

  /** The canonical model names, in a stable order (any other CIFAR depth 6n+2 is accepted too, see {@link #isKnown}). */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(Mlp.NAME);
    ResNet.CIFAR_DEPTHS.forEach(d -> names.add("resnet" + d));
    ResNet.IMAGENET_DEPTHS.forEach(d -> names.add("resnet" + d));
    return List.copyOf(names);
  }

  /** Builds the named model (case-insensitive); fails with the list of valid names. */
  public static Model create(String name, ModelConfig config) {
    String n = normalise(name);
    if (n.equals(Mlp.NAME)) {
      return new Mlp(config);
    }
    if (isImageNet(n)) {
      return new ResNet(n, ResNet.imageNet(depthOf(n)), config);
    }
    if (isCifar(n)) {
      return new ResNet(n, ResNet.cifar(depthOf(n)), config);
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; valid names: " + String.join(", ", names())
        + ", or resnetD for any CIFAR depth D = 6n + 2 (e.g. resnet8)");
  }

  /** True when {@link #create} accepts {@code name}: a listed name or any CIFAR ResNet depth 6n+2 (n >= 1). */
  public static boolean isKnown(String name) {
    String n = normalise(name);
    return n.equals(Mlp.NAME) || isImageNet(n) || isCifar(n);
  }

  /** True for the ImageNet ResNets (18..152). */
  public static boolean isImageNet(String name) {
    Integer depth = depthOf(normalise(name));
    return depth != null && ResNet.IMAGENET_DEPTHS.contains(depth);
  }

  /** A CIFAR ResNet name: depth 6n + 2, n >= 1, not taken by an ImageNet ResNet. */
  private static boolean isCifar(String n) {
    Integer depth = depthOf(n);
    return depth != null && depth >= 8 && (depth - 2) % 6 == 0 && !ResNet.IMAGENET_DEPTHS.contains(depth);
  }

  private static String normalise(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
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

  /** The depth of {@code resnetD} (D written without sign or leading zeros, at most 5 digits), else null. */
  private static Integer depthOf(String n) {
    return n.matches("resnet[1-9][0-9]{0,4}") ? Integer.valueOf(n.substring("resnet".length())) : null;
  }
}
