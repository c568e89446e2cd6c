package io.github.layeract.models.train;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The learning rate as a function of the 0-based iteration, fed to the graph every step. Composable:
 *
 * <pre>{@code
 * LrSchedule paper = LrSchedule.multiStep(0.1, 0.1, 32_000, 48_000);          // the paper's CIFAR schedule
 * LrSchedule cos = LrSchedule.cosine(0.1, 10_000, 0).withWarmup(500, 0.01);   // linear warm-up, then cosine
 * }</pre>
 *
 * <p>{@link Spec} is the text form a recipe and {@code config.json} use: {@code constant}, {@code cosine} or
 * {@code multistep:M1,M2,...}; {@link #parse} reads it and {@link Spec#toString()} prints it.
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

  /** Parses the text form of a {@link Spec}: {@code constant}, {@code cosine} or {@code multistep:M1,M2,...}. */
  static Spec parse(String text) {
    return Spec.parse(text);
  }

  /**
   * The shape of a schedule without its rate and length, as written in recipes and {@code config.json}:
   *
   * <pre>
   *   constant                 lr at every step
   *   cosine                   cosine annealing from lr to 0 over the run
   *   multistep:M1,M2,...      lr, x0.1 at each iteration milestone Mi (PyTorch's MultiStepLR per iteration)
   *   multistep:40ep,60ep      the same with milestones in epochs, turned into iterations by {@link #inIterations}
   * </pre>
   */
  sealed interface Spec permits Constant, Cosine, MultiStep {

    /** The factor of each multistep milestone. */
    double GAMMA = 0.1;

    /** The schedule of a run of {@code steps} iterations starting at {@code lr}; milestones must be in iterations. */
    LrSchedule build(double lr, long steps);

    /** This spec with epoch milestones turned into iterations ({@code stepsPerEpoch} each). */
    default Spec inIterations(long stepsPerEpoch) {
      return this;
    }

    /** Parses the text form; a malformed one fails with one line naming it. */
    static Spec parse(String text) {
      String s = text == null ? "" : text.trim();
      if (s.equals("constant")) {
        return new Constant();
      }
      if (s.equals("cosine")) {
        return new Cosine();
      }
      if (s.startsWith("multistep:")) {
        List<String> parts = Arrays.stream(s.substring("multistep:".length()).split(",", -1)).map(String::trim).toList();
        boolean epochs = parts.get(0).endsWith("ep");
        try {
          long[] m = parts.stream().mapToLong(p -> {
            if (p.endsWith("ep") != epochs) {
              throw new NumberFormatException("mixed units");
            }
            return Long.parseLong(epochs ? p.substring(0, p.length() - 2) : p);
          }).toArray();
          return new MultiStep(m, epochs);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad schedule '" + text
              + "': multistep needs iteration numbers, e.g. multistep:32000,48000 (or epochs: multistep:40ep,60ep)");
        }
      }
      throw new IllegalArgumentException("unknown schedule '" + text + "': constant, cosine or multistep:M1,M2,...");
    }
  }

  /** {@code constant}. */
  record Constant() implements Spec {
    @Override
    public LrSchedule build(double lr, long steps) {
      return constant(lr);
    }

    @Override
    public String toString() {
      return "constant";
    }
  }

  /** {@code cosine}: from lr to 0 over the run. */
  record Cosine() implements Spec {
    @Override
    public LrSchedule build(double lr, long steps) {
      return cosine(lr, steps, 0);
    }

    @Override
    public String toString() {
      return "cosine";
    }
  }

  /** {@code multistep:M1,M2,...}: x{@link Spec#GAMMA} at each milestone, in iterations or (epochs) in epochs. */
  record MultiStep(long[] milestones, boolean epochs) implements Spec {
    public MultiStep {
      milestones = milestones.clone();
      for (long m : milestones) {
        if (m < 0) {
          throw new IllegalArgumentException("schedule milestones must be >= 0, got " + m);
        }
      }
    }

    @Override
    public long[] milestones() {
      return milestones.clone();
    }

    @Override
    public LrSchedule build(double lr, long steps) {
      if (epochs) {
        throw new IllegalStateException("milestones in epochs: call inIterations(stepsPerEpoch) first");
      }
      return multiStep(lr, GAMMA, milestones);
    }

    @Override
    public Spec inIterations(long stepsPerEpoch) {
      return epochs ? new MultiStep(Arrays.stream(milestones).map(m -> m * stepsPerEpoch).toArray(), false) : this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MultiStep m && m.epochs == epochs && Arrays.equals(m.milestones, milestones);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(milestones) + Boolean.hashCode(epochs);
    }

    @Override
    public String toString() {
      return "multistep:" + Arrays.stream(milestones).mapToObj(m -> m + (epochs ? "ep" : ""))
          .collect(Collectors.joining(","));
    }
  }
}
