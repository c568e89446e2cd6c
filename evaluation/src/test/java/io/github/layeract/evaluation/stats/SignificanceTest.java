package io.github.layeract.evaluation.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignificanceTest {

  @Test
  void welchMatchesTheWikipediaExample() {
    // Welch's t-test article, example 2: t = -2.46, df = 24.9, p = 0.021
    double[] a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    double[] a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    Significance.Test t = Significance.welch(a1, a2);
    assertEquals(-2.46, t.statistic(), 0.005);
    assertEquals(0.021, t.p(), 0.0005);
  }

  @Test
  void summaryUsesDdofOne() {
    Significance.Summary s = Significance.summary(new double[] {1, 2, 3, 4});
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
  }

  @Test
  void wilcoxonMatchesExactEnumeration() {
    double[] a = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    double[] b = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    Significance.Test w = Significance.wilcoxon(a, b);
    // independent reference: W+ and the exact two-sided p by enumerating all 2^n sign patterns of the ranks
    int n = a.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = a[i] - b[i];
    }
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (Math.abs(d[j]) <= Math.abs(d[i])) {
          rank[i]++;
        }
      }
    }
    int plus = 0;
    for (int i = 0; i < n; i++) {
      plus += d[i] > 0 ? rank[i] : 0;
    }
    int total = n * (n + 1) / 2;
    int extreme = Math.min(plus, total - plus);
    int atMost = 0;
    for (int mask = 0; mask < 1 << n; mask++) {
      int s = 0;
      for (int i = 0; i < n; i++) {
        s += (mask >> i & 1) == 1 ? rank[i] : 0;
      }
      atMost += s <= extreme ? 1 : 0;
    }
    double p = Math.min(1, 2.0 * atMost / (1 << n));
    assertEquals(plus, w.statistic(), 1e-12);
    assertEquals(40, plus);                  // R's wilcox.test example (Hollander & Wolfe): V = 40, p = 0.03906
    assertEquals(p, w.p(), 1e-9);
    assertEquals(0.03906, w.p(), 1e-5);
  }
}
