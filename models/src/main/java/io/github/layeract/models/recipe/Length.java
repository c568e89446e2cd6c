package io.github.layeract.models.recipe;

/**
 * How long a run trains: {@code count} epochs or {@code count} iterations (steps).
 *
 * @param count at least 1
 * @param epochs true for epochs, false for iterations
 */
public record Length(long count, boolean epochs) {

  public Length {
    if (count < 1) {
      throw new RecipeException(epochs ? "epochs" : "iterations", "must be at least 1, got " + count);
    }
  }

  public static Length epochs(long n) {
    return new Length(n, true);
  }

  public static Length iterations(long n) {
    return new Length(n, false);
  }

  /** The number of iterations, with {@code stepsPerEpoch} iterations per epoch. */
  public long steps(long stepsPerEpoch) {
    return epochs ? Math.multiplyExact(count, stepsPerEpoch) : count;
  }

  @Override
  public String toString() {
    return count + (epochs ? " epochs" : " iterations");
  }
}
