package io.github.layeract.models.layers;

import java.nio.charset.StandardCharsets;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Seeded, stateless initial values. Each variable draws from its own stream, keyed by the model seed and a hash of
 * its hierarchical name, so the same seed gives the same weights in any graph and in any build order.
 */
public final class Initializers {

  private final long seed;

  public Initializers(long seed) {
    this.seed = seed;
  }

  /** {@code N(0, std^2)} of {@code shape}. */
  public Operand<TFloat32> normal(Ops init, String name, Shape shape, double std) {
    Operand<TFloat32> z = init.random.statelessRandomNormal(init.constant(shape.asArray()), seedOf(init, name), TFloat32.class);
    return init.math.mul(z, init.constant((float) std));
  }

  /** {@code U(-bound, bound)} of {@code shape}. */
  public Operand<TFloat32> uniform(Ops init, String name, Shape shape, double bound) {
    Operand<TFloat32> u = init.random.statelessRandomUniform(init.constant(shape.asArray()), seedOf(init, name), TFloat32.class);
    return init.math.sub(init.math.mul(u, init.constant((float) (2 * bound))), init.constant((float) bound));
  }

  /** A constant {@code value} of {@code shape}. */
  public static Operand<TFloat32> fill(Ops init, Shape shape, float value) {
    return init.fill(init.constant(shape.asArray()), init.constant(value));
  }

  private Operand<TInt64> seedOf(Ops init, String name) {
    return init.constant(new long[] {seed, fnv1a(name)});
  }

  /** 64-bit FNV-1a: a stable hash (unlike nothing in the JDK's contract for String.hashCode beyond 32 bits). */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
