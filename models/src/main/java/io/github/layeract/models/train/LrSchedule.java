package io.github.layeract.models.train;

import java.util.Arrays;

/**
 * The learning rate as a function of the 0-based iteration, fed to the graph every step. Composable:
 *
 * <pre>{@code
 * LrSchedule paper = LrSchedule.multiStep(0.1, 0.1, 32_000, 48_000);          // the paper's CIFAR schedule
 * LrSchedule cos = LrSchedule.cosine(0.1, 10_000, 0).withWarmup(500, 0.01);   // linear warm-up, then cosine
 * }</pre>
 */
@FunctionalInterface
public interface LrSchedule {

  /** The learning rate of iteration {@code step} (0-based). */
  double at(long step);

  /** Always {@code lr}. */
  static LrSchedule constant(double lr) {
    return step -> lr;
  }

  /**
   * PyTorch's {@code MultiStepLR} stepped per iteration: {@code base * gamma^k}, k = number of milestones
   * {@code <= step}.
   */
  static LrSchedule multiStep(double base, double gamma, long... milestones) {
    long[] sorted = milestones.clone();
    Arrays.sort(sorted);
    return step -> {
      int k = 0;
      while (k < sorted.length && sorted[k] <= step) {
        k++;
      }
      return base * Math.pow(gamma, k);
    };
  }

  /** Cosine annealing from {@code base} to {@code min} over {@code total} iterations, then {@code min}. */
  static LrSchedule cosine(double base, long total, double min) {
    if (total < 1) {
      throw new IllegalArgumentException("cosine schedule needs total >= 1 iterations, got " + total);
    }
    return step -> step >= total ? min : min + (base - min) * (1 + Math.cos(Math.PI * step / total)) / 2;
  }

  /** The paper's CIFAR schedule: 0.1, x0.1 at 32k and 48k (of 64k) iterations. */
  static LrSchedule paperCifar() {
    return multiStep(0.1, 0.1, 32_000, 48_000);
  }

  /** The paper's ImageNet schedule: 0.1, x0.1 at 180k, 360k and 540k (of 600k) iterations. */
  static LrSchedule paperImageNet() {
    return multiStep(0.1, 0.1, 180_000, 360_000, 540_000);
  }

  /**
   * Linear warm-up over the first {@code steps} iterations: {@code at(step) * f}, f rising linearly from
   * {@code startFactor} at step 0 to 1 at {@code steps}.
   */
  default LrSchedule withWarmup(long steps, double startFactor) {
    if (steps < 0 || !(startFactor >= 0 && startFactor <= 1)) {
      throw new IllegalArgumentException("warm-up needs steps >= 0 and a start factor in [0, 1], got " + steps + ", "
          + startFactor);
    }
    return step -> step >= steps ? at(step) : at(step) * (startFactor + (1 - startFactor) * step / (double) steps);
  }
}
