package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/** The registry: names, aliases, options, errors and the spec round trip. */
class ActivationsTest {

  /** The issue's names and aliases and what each must resolve to. */
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("la_silu", "la_silu"), Map.entry("la_hard_silu", "la_hard_silu"),
      Map.entry("la_hardsilu", "la_hard_silu"), Map.entry("la_hardswish", "la_hard_silu"),
      Map.entry("relu", "relu"), Map.entry("leaky_relu", "leaky_relu"), Map.entry("prelu", "prelu"),
      Map.entry("elu", "elu"), Map.entry("selu", "selu"), Map.entry("silu", "silu"), Map.entry("swish", "silu"),
      Map.entry("hard_silu", "hard_silu"), Map.entry("hardswish", "hard_silu"), Map.entry("mish", "mish"),
      Map.entry("gelu", "gelu"), Map.entry("relu6", "relu6"), Map.entry("tanh", "tanh"),
      Map.entry("sigmoid", "sigmoid"));

  @Test
  void everyIssueNameAndAliasCreatesTheRightActivation() {
    NAMES.forEach((name, canonical) -> {
      assertEquals(canonical, Activations.spec(Activations.create(name)), name);
      assertEquals(canonical, Activations.spec(Activations.create(name.toUpperCase())), name.toUpperCase());
    });
    assertTrue(Activations.names().containsAll(Set.copyOf(NAMES.values())));
  }

  @Test
  void everyRegisteredNameAndAliasCreates() {
    for (Activations.Entry e : Activations.entries()) {
      assertEquals(e.name(), Activations.spec(Activations.create(e.name())));
      for (String alias : e.aliases()) {
        assertEquals(e.name(), Activations.spec(Activations.create(alias)), alias);
      }
    }
  }

  @Test
  void namesAreCaseInsensitiveAndDashesAreUnderscores() {
    assertEquals("la_hard_silu", Activations.canonical("LA-HardSiLU"));
    assertEquals("silu", Activations.canonical("  Swish "));
    assertEquals("la_silu(alpha=0.1)", Activations.canonical("LA_SILU(ALPHA=0.1)"));
  }

  @Test
  void specsWithOptionsParse() {
    LayerAct a = assertInstanceOf(LayerAct.class,
        Activations.create("la_hardswish(alpha=0.1, axes=2, variance=Biased)"));
    assertEquals(LayerAct.Scale.HARD_SIGMOID, a.scale());
    assertEquals(0.1, a.alpha());
    assertEquals(2, a.axes());
    assertEquals(LayerAct.Variance.BIASED, a.variance());
    assertEquals(0.2, assertInstanceOf(LeakyRelu.class, Activations.create("leaky_relu(slope=0.2)")).slope());
    assertEquals(0.5, assertInstanceOf(Elu.class, Activations.create("elu( alpha = 5e-1 )")).alpha());
    assertEquals(0.1, assertInstanceOf(PRelu.class, Activations.create("prelu(init=0.1)")).init());
    assertEquals("la_silu", Activations.canonical("la_silu()"));
    assertEquals("la_silu", Activations.canonical("la_silu(alpha=1e-5)"));
  }

  @Test
  void unknownNameListsTheValidOnes() {
    String m = error("la_gelu");
    assertTrue(m.contains("unknown activation 'la_gelu'"), m);
    for (String name : NAMES.keySet()) {
      assertTrue(m.contains(name), name + " missing from: " + m);
    }
  }

  @Test
  void badSpecsGiveClearErrors() {
    assertTrue(error("la_silu(beta=1)").contains("has no option 'beta'"));
    assertTrue(error("la_silu(beta=1)").contains("alpha"));
    assertTrue(error("relu(alpha=1)").contains("takes none"));
    assertTrue(error("la_silu(alpha=abc)").contains("alpha=abc"));
    assertTrue(error("la_silu(alpha=-1)").contains("alpha"));
    assertTrue(error("la_silu(alpha=NaN)").contains("alpha"));
    assertTrue(error("la_silu(axes=1.5)").contains("not an integer"));
    assertTrue(error("la_silu(axes=7)").contains("axes"));
    assertTrue(error("la_silu(variance=sample)").contains("biased"));
    assertTrue(error("elu(alpha=0)").contains("alpha"));
    assertTrue(error("leaky_relu(slope=Infinity)").contains("slope"));
    assertTrue(error("la_silu(alpha=0.1").contains("parenthes"));
    assertTrue(error("la_silu(alpha=0.1))").contains("parenthes"));
    assertTrue(error("la_silu)alpha=0.1(").contains("malformed"));
    assertTrue(error("la_silu(alpha=(0.1))").contains("parenthes"));
    assertTrue(error("la_silu(alpha)").contains("key=value"));
    assertTrue(error("la_silu(alpha=0.1,)").contains("key=value"));
    assertTrue(error("la_silu(alpha=0.1, ALPHA=0.2)").contains("given twice"));
    assertTrue(error("").contains("empty"));
    assertTrue(error("relu swish").contains("malformed"));
  }

  static List<String> roundTripSpecs() {
    List<String> out = new ArrayList<>();
    for (Activations.Entry e : Activations.entries()) {
      out.add(e.name());
    }
    out.addAll(List.of("la_silu(alpha=0.1)", "la_silu(alpha=3.0E-7, axes=1, variance=biased)",
        "la_hard_silu(axes=2)", "leaky_relu(slope=0.2)", "elu(alpha=0.5)", "prelu(init=0.1)"));
    return out;
  }

  @ParameterizedTest
  @MethodSource("roundTripSpecs")
  void specRoundTripsToTheSameFunction(String spec) {
    Activation a = Activations.create(spec);
    String canonical = Activations.spec(a);
    Activation b = Activations.create(canonical);
    assertEquals(canonical, Activations.spec(b));
    if (!(a instanceof TrainableActivation)) {
      assertEquals(a, b);
    }
    Shape shape = Shape.of(2, 3, 4, 5);
    double[] x = TfRunner.normal(new Random(5), TfRunner.size(shape), 0.2, 2);
    double[] ya = TfRunner.run(a, TFloat64.class, shape, x).output();
    double[] yb = TfRunner.run(Activations.create(canonical), TFloat64.class, shape, x).output();
    Close.assertClose(spec + " -> " + canonical, ya, yb, x, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"la_silu", "prelu", "leaky_relu"})
  void everyCreateIsANewInstance(String spec) {
    assertNotSame(Activations.create(spec), Activations.create(spec));
  }

  @Test
  void userActivationsCanBeRegisteredOnceWithOptionsChecked() {
    Activations.register(new Activations.Entry("test_scaled_tanh", List.of("test_stanh"), Set.of("gain"),
        "gain * tanh(x)", s -> new LeakyRelu(s.number("gain", 1))));
    assertInstanceOf(LeakyRelu.class, Activations.create("TEST_STANH(gain=2)"));
    assertTrue(error("test_stanh(bias=1)").contains("valid options: gain"));
    assertThrows(IllegalArgumentException.class, () -> Activations.register(new Activations.Entry("other",
        List.of("swish"), Set.of(), "", s -> new LeakyRelu())));
    Activation anonymous = new Activation() {
      @Override
      public <T extends org.tensorflow.types.family.TNumber> org.tensorflow.Operand<T> call(
          org.tensorflow.op.Ops tf, org.tensorflow.Operand<T> x) {
        return x;
      }
    };
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Activations.spec(anonymous)).getMessage()
        .contains("Specified"));
  }

  private static String error(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> Activations.create(spec)).getMessage();
  }
}
