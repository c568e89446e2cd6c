package io.github.layeract.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.activations.Activation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** PReLU's slope variable: one per site, named in the caller's scope, reused, collected as trainable. */
class TrainableActivationTest {

  @Test
  void eachSiteOwnsOneVariableInItsScopeAndReusesIt() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      List<Activation> sites = List.of(Activations.create("prelu"), Activations.create("PReLU(init=0.1)"));
      List<Variable<?>> trainable = new ArrayList<>();
      for (int i = 0; i < sites.size(); i++) {
        TrainableActivation site = assertInstanceOf(TrainableActivation.class, sites.get(i));
        assertTrue(site.trainableVariables().isEmpty(), "no variable before the first call");
        Ops scope = tf.withSubScope("block" + i).withSubScope("act");
        site.call(scope, x);
        site.call(scope, x);                          // a second call reuses the variable
        trainable.addAll(site.trainableVariables());
      }
      assertEquals(List.of("block0/act/alpha", "block1/act/alpha"),
          trainable.stream().map(v -> v.op().name()).toList());
      long variables = countOps(g, "VariableV2");
      assertEquals(2, variables, "one variable per site, none per call");
      assertEquals(TFloat32.class, trainable.get(0).type());
      assertEquals(Shape.scalar(), trainable.get(0).shape());
    }
  }

  @Test
  void slopeStartsAtItsInitAndIsUsed() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x = tf.constant(new double[][] {{-2, 4}});
      Operand<TFloat64> y = Activations.create("prelu(init=0.1)").call(tf, x);
      try (Result r = s.runner().fetch(y).run()) {
        TFloat64 out = (TFloat64) r.get(0);
        assertEquals(-0.2, out.getDouble(0, 0), 1e-15);
        assertEquals(4, out.getDouble(0, 1), 1e-15);
      }
    }
  }

  @Test
  void aSiteBelongsToOneGraphAndOneDtype() {
    PRelu site = new PRelu();
    try (Graph g1 = new Graph(); Graph g2 = new Graph()) {
      Ops tf1 = Ops.create(g1);
      site.call(tf1, tf1.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2))));
      Ops tf2 = Ops.create(g2);
      var other = tf2.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      assertTrue(assertThrows(IllegalStateException.class, () -> site.call(tf2, other)).getMessage()
          .contains("another graph"));
      var doubles = tf1.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, 2)));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> site.call(tf1, doubles)).getMessage()
          .contains("TFloat32"));
    }
  }

  private static long countOps(Graph g, String type) {
    long[] n = {0};
    g.operations().forEachRemaining(op -> n[0] += op.type().equals(type) ? 1 : 0);
    return n[0];
  }
}
