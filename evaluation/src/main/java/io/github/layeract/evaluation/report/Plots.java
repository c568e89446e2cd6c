package io.github.layeract.evaluation.report;

import io.github.layeract.evaluation.Output;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** PNG charts of reports (XChart, rendered headless). */
public final class Plots {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /**
   * A line chart: one series per entry of {@code series} (name to y values over {@code x}).
   */
  public static void lines(Path png, String title, String xTitle, String yTitle, double[] x,
      Map<String, double[]> series) {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    series.forEach((name, y) -> chart.addSeries(name, x, y));
    save(png, chart);
  }

  /**
   * A grouped bar chart: categories on the x axis, one bar series per entry of {@code series}, optional error bars
   * ({@code errors} may be null or hold a series' half-widths under the same name).
   */
  public static void bars(Path png, String title, String yTitle, List<String> categories,
      Map<String, List<Double>> series, Map<String, List<Double>> errors) {
    CategoryChart chart = new CategoryChartBuilder().width(Math.max(800, 45 * categories.size() * series.size()))
        .height(520).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    series.forEach((name, y) -> {
      List<Double> e = errors == null ? null : errors.get(name);
      List<Double> ys = y.stream().map(v -> Double.isNaN(v) ? 0.0 : v).toList();
      if (e == null || e.stream().anyMatch(v -> Double.isNaN(v))) {
        chart.addSeries(name, categories, ys);
      } else {
        chart.addSeries(name, categories, ys, e);
      }
    });
    save(png, chart);
  }

  private static void save(Path png, Chart<?, ?> chart) {
    try {
      byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      Output.writeBytes(png, out -> out.write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + png, e);
    }
  }
}
