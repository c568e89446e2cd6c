package io.github.layeract.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tensorflow.framework.activations.Activation;

/**
 * The registry of activations by name: LayerAct and the paper's element-level baselines with PyTorch's defaults.
 *
 * <p>Names are case-insensitive ({@code -} and {@code _} are the same) and have aliases; options go in the spec:
 *
 * <pre>{@code
 * Activation a = Activations.create("la_silu");                 // LA-SiLU, alpha 1e-5
 * Activation b = Activations.create("LA_HardSiLU(alpha=0.1)");  // alias, option
 * String spec = Activations.spec(b);                            // "la_hard_silu(alpha=0.1)"
 * }</pre>
 *
 * <p>Options: {@code la_silu} and {@code la_hard_silu} take {@code alpha} (default 1e-5), {@code axes} (0 = all
 * non-batch axes, or the last k), {@code variance} ({@code unbiased} or {@code biased}) and {@code impl}
 * ({@code native}, {@code fused} or {@code composed}, see {@link LayerAct.Implementation}); {@code leaky_relu} takes {@code slope}
 * (0.01), {@code elu} {@code alpha} (1.0), {@code prelu} {@code init} (0.25). Bad specs fail with an
 * {@link IllegalArgumentException} that names the problem (and, for an unknown name, lists the valid ones).
 *
 * <p>{@code create} returns a new instance per call for activations with options (stateless ones may be shared): use
 * one per activation site, which matters for activations that own variables ({@link TrainableActivation}, e.g.
 * {@code prelu}).
 */
public final class Activations {

  /** A registered activation: its canonical name, aliases, options and factory. */
  public record Entry(String name, List<String> aliases, Set<String> options, String description,
      Function<ActivationSpec, Activation> factory) {}

  private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, Entry> BY_ALIAS = new TreeMap<>();

  static {
    register(new Entry(LayerAct.NAME_SILU, List.of("layeract", "la_swish"), Set.of("alpha", "axes", "variance", "impl"),
        "LayerAct with sigmoid scale: y * sigmoid((y - mean) / sqrt(var + alpha))",
        s -> layerAct(s, LayerAct.Scale.SIGMOID)));
    register(new Entry(LayerAct.NAME_HARD_SILU, List.of("la_hardsilu", "la_hardswish"),
        Set.of("alpha", "axes", "variance", "impl"),
        "LayerAct with hard-sigmoid scale: y * clip(n / 6 + 1/2, 0, 1)",
        s -> layerAct(s, LayerAct.Scale.HARD_SIGMOID)));
    simple("relu", List.of(), "max(x, 0)", ElementActivation::relu);
    register(new Entry(LeakyRelu.NAME, List.of("lrelu", "leakyrelu"), Set.of("slope"),
        "x if x > 0 else slope * x (slope 0.01)", s -> new LeakyRelu(s.number("slope", LeakyRelu.DEFAULT_SLOPE))));
    register(new Entry(PRelu.NAME, List.of(), Set.of("init"),
        "max(x, 0) + a * min(x, 0), one trainable slope a per site (init 0.25)",
        s -> new PRelu(s.number("init", PRelu.DEFAULT_INIT))));
    register(new Entry(Elu.NAME, List.of(), Set.of("alpha"), "x if x > 0 else alpha * (exp(x) - 1) (alpha 1)",
        s -> new Elu(s.number("alpha", Elu.DEFAULT_ALPHA))));
    simple("selu", List.of(), "scaled ELU (Klambauer et al.)", ElementActivation::selu);
    simple("silu", List.of("swish"), "x * sigmoid(x)", ElementActivation::silu);
    simple("hard_silu", List.of("hardswish", "hard_swish", "hardsilu"), "x * relu6(x + 3) / 6",
        ElementActivation::hardSilu);
    simple("mish", List.of(), "x * tanh(softplus(x))", ElementActivation::mish);
    simple("gelu", List.of(), "x * Phi(x), exact (erf)", ElementActivation::gelu);
    simple("relu6", List.of(), "min(max(x, 0), 6)", ElementActivation::relu6);
    simple("tanh", List.of(), "tanh(x)", ElementActivation::tanh);
    simple("sigmoid", List.of(), "1 / (1 + exp(-x))", ElementActivation::sigmoid);
  }

  private Activations() {}

  private static Activation layerAct(ActivationSpec s, LayerAct.Scale scale) {
    return LayerAct.builder()
        .scale(scale)
        .alpha(s.number("alpha", LayerAct.DEFAULT_ALPHA))
        .axes(s.integer("axes", LayerAct.ALL_AXES))
        .variance(s.choice("variance", LayerAct.Variance.class, LayerAct.Variance.UNBIASED))
        .implementation(s.choice("impl", LayerAct.Implementation.class, LayerAct.Implementation.NATIVE))
        .build();
  }

  private static void simple(String name, List<String> aliases, String description, ElementActivation.Function f) {
    ElementActivation shared = new ElementActivation(name, f);   // stateless: one instance serves every site
    register(new Entry(name, aliases, Set.of(), description, s -> shared));
  }

  /**
   * Adds an activation to the registry, e.g. one of a user's own. The factory receives the parsed spec (options not in
   * {@code entry.options()} are rejected before it is called); names and aliases must be new.
   */
  public static synchronized void register(Entry entry) {
    List<String> keys = new ArrayList<>();
    keys.add(entry.name());
    keys.addAll(entry.aliases());
    for (String key : keys) {
      if (BY_ALIAS.containsKey(normalise(key))) {
        throw new IllegalArgumentException("activation name '" + key + "' is already registered");
      }
    }
    BY_NAME.put(normalise(entry.name()), entry);
    keys.forEach(k -> BY_ALIAS.put(normalise(k), entry));
  }

  /** Builds a new activation from a spec such as {@code relu}, {@code swish} or {@code la_silu(alpha=0.1)}. */
  public static synchronized Activation create(String spec) {
    ActivationSpec parsed = ActivationSpec.parse(spec);
    Entry entry = entry(parsed.name());
    parsed.requireOnly(entry.name(), entry.options());
    return entry.factory().apply(parsed);
  }

  /** The registry entry for a name or alias; fails with the list of valid names. */
  public static synchronized Entry entry(String nameOrAlias) {
    Entry entry = BY_ALIAS.get(normalise(nameOrAlias));
    if (entry == null) {
      throw new IllegalArgumentException("unknown activation '" + nameOrAlias + "'; valid names: "
          + String.join(", ", BY_NAME.keySet()) + " (aliases: " + String.join(", ", aliases()) + ")");
    }
    return entry;
  }

  /** The canonical spec of an activation made here: {@code create(spec(a))} builds the same function. */
  public static String spec(Activation activation) {
    if (activation instanceof Specified s) {
      return s.spec();
    }
    throw new IllegalArgumentException("activation " + activation.getClass().getName()
        + " does not implement Specified, so it has no spec");
  }

  /** The canonical spec for any spec, e.g. {@code SWISH} gives {@code silu}; validates it on the way. */
  public static String canonical(String spec) {
    return spec(create(spec));
  }

  /** The canonical names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** All registered entries, in registration order. */
  public static synchronized List<Entry> entries() {
    return List.copyOf(BY_NAME.values());
  }

  private static List<String> aliases() {
    List<String> out = new ArrayList<>();
    BY_ALIAS.forEach((k, e) -> {
      if (!k.equals(normalise(e.name()))) {
        out.add(k);
      }
    });
    return Collections.unmodifiableList(out);
  }

  private static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
