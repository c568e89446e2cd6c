package io.github.layeract.datasets.corruptions;

/**
 * How an out-of-range index maps into {@code [0, n)}, in the conventions of the libraries the reference calls.
 * For n = 4 (pixels a b c d) and indices -2 -1 | 0 1 2 3 | 4 5:
 * <ul>
 *   <li>{@link #NEAREST} (scipy {@code nearest}, ImageMagick edge virtual pixels): a a | a b c d | d d</li>
 *   <li>{@link #REFLECT} (scipy {@code reflect}, half-sample symmetric): b a | a b c d | d c</li>
 *   <li>{@link #REFLECT_101} (OpenCV's default {@code BORDER_REFLECT_101}): c b | a b c d | c b</li>
 * </ul>
 */
enum Border {
  NEAREST,
  REFLECT,
  REFLECT_101;

  /** The in-range index that stands for {@code i} in a line of {@code n} samples. */
  int index(int i, int n) {
    if (i >= 0 && i < n) {
      return i;
    }
    switch (this) {
      case NEAREST:
        return i < 0 ? 0 : n - 1;
      case REFLECT: {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
      }
      default: {
        if (n == 1) {
          return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
      }
    }
  }
}
