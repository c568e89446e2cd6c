package io.github.layeract.datasets.corruptions;

/**
 * scikit-image 0.13's {@code rgb2hsv} / {@code hsv2rgb} on [0, 1] doubles, one pixel at a time, reproducing its
 * tie and wrap-around rules (the brightness and saturate corruptions are deterministic, so this decides bytes):
 * <ul>
 *   <li>V = max, delta = max - min, S = delta / V (0 when delta = 0);</li>
 *   <li>H = (G - B)/delta if R is the max, 2 + (B - R)/delta if G is, 4 + (R - G)/delta if B is, assigned in
 *       that order so B wins ties, then G; H = (H / 6) mod 1 with Python's sign rule (a tiny negative value
 *       becomes 1.0, which hsv2rgb treats like 0); H = 0 when delta = 0;</li>
 *   <li>hsv2rgb: i = floor(6H) mod 6, f = 6H - floor(6H), p = V(1 - S), q = V(1 - fS), t = V(1 - (1 - f)S);
 *       i = 0..5 give (V,t,p) (q,V,p) (p,V,t) (p,q,V) (t,p,V) (V,p,q).</li>
 * </ul>
 */
final class Hsv {

  private Hsv() {}

  /** Converts {@code rgb[0..2]} to {@code hsv[0..2]}. */
  static void rgbToHsv(double r, double g, double b, double[] hsv) {
    double v = Math.max(r, Math.max(g, b));
    double delta = v - Math.min(r, Math.min(g, b));
    double h = 0;
    double s = 0;
    if (delta != 0) {
      s = delta / v;
      if (b == v) {
        h = 4.0 + (r - g) / delta;
      } else if (g == v) {
        h = 2.0 + (b - r) / delta;
      } else {
        h = (g - b) / delta;
      }
      h = h / 6.0 % 1.0;
      if (h < 0) {
        h += 1.0;
      }
    }
    hsv[0] = h;
    hsv[1] = s;
    hsv[2] = v;
  }

  /** Converts (h, s, v) to {@code rgb[0..2]}. */
  static void hsvToRgb(double h, double s, double v, double[] rgb) {
    double hi = Math.floor(h * 6);
    double f = h * 6 - hi;
    double p = v * (1 - s);
    double q = v * (1 - f * s);
    double t = v * (1 - (1 - f) * s);
    switch (((int) hi) % 6) {
      case 0 -> set(rgb, v, t, p);
      case 1 -> set(rgb, q, v, p);
      case 2 -> set(rgb, p, v, t);
      case 3 -> set(rgb, p, q, v);
      case 4 -> set(rgb, t, p, v);
      default -> set(rgb, v, p, q);
    }
  }

  private static void set(double[] rgb, double r, double g, double b) {
    rgb[0] = r;
    rgb[1] = g;
    rgb[2] = b;
  }
}
