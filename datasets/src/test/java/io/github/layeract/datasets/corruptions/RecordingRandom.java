package io.github.layeract.datasets.corruptions;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A SplittableRandom that records every bounded int, bounded double and Gaussian it hands out, one per line, so a
 * Python reference can replay the same random numbers.
 */
final class RecordingRandom implements RandomGenerator {

  private final SplittableRandom rng;
  private final StringBuilder values = new StringBuilder();

  RecordingRandom(long seed) {
    rng = new SplittableRandom(seed);
  }

  /** The recorded values, one per line ({@link Double#toString} round-trips exactly through Python's float). */
  String values() {
    return values.toString();
  }

  @Override
  public long nextLong() {
    return rng.nextLong();
  }

  @Override
  public int nextInt(int origin, int bound) {
    int v = rng.nextInt(origin, bound);
    values.append(v).append('\n');
    return v;
  }

  @Override
  public double nextDouble(double origin, double bound) {
    double v = rng.nextDouble(origin, bound);
    values.append(v).append('\n');
    return v;
  }

  @Override
  public double nextGaussian() {
    double v = rng.nextGaussian();
    values.append(v).append('\n');
    return v;
  }
}
