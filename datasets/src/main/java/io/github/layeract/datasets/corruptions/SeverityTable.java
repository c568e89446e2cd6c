package io.github.layeract.datasets.corruptions;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One corruption's parameters: for each {@link Preset}, a row of numbers per severity 1..5. Rows are looked up by
 * the preset itself, never by its position, so adding or reordering presets cannot hand a corruption another
 * table's row. Each corruption declares its table beside the code that uses it; a table missing a preset, a
 * severity or a column fails when the corruption's class loads.
 */
final class SeverityTable {

  static final int SEVERITIES = 5;

  private final Map<Preset, double[][]> rows;
  private final int width;

  private SeverityTable(Map<Preset, double[][]> rows) {
    EnumMap<Preset, double[][]> copy = new EnumMap<>(Preset.class);
    int columns = -1;
    for (Preset p : Preset.values()) {
      double[][] table = rows.get(p);
      if (table == null || table.length != SEVERITIES) {
        throw new IllegalArgumentException("the " + p + " table needs " + SEVERITIES + " rows, got "
            + (table == null ? "none" : table.length));
      }
      for (double[] row : table) {
        if (columns >= 0 && row.length != columns || row.length == 0) {
          throw new IllegalArgumentException("the " + p + " table has a row of " + row.length + " numbers, not "
              + columns);
        }
        columns = row.length;
      }
      copy.put(p, Arrays.stream(table).map(double[]::clone).toArray(double[][]::new));
    }
    this.rows = copy;
    this.width = columns;
  }

  /** A table of one number per severity (a sigma, a factor, a quality ...). */
  static SeverityTable ofValues(Map<Preset, double[]> values) {
    EnumMap<Preset, double[][]> rows = new EnumMap<>(Preset.class);
    values.forEach((p, v) -> rows.put(p, Arrays.stream(v).mapToObj(x -> new double[] {x}).toArray(double[][]::new)));
    return new SeverityTable(rows);
  }

  /** A table of several numbers per severity, in the order the corruption's javadoc lists them. */
  static SeverityTable ofRows(Map<Preset, double[][]> rows) {
    return new SeverityTable(rows);
  }

  /** How many numbers each row has. */
  int width() {
    return width;
  }

  /** The row for {@code preset} at {@code level} = severity - 1 (a copy). */
  double[] row(Preset preset, int level) {
    return rows.get(preset)[level].clone();
  }

  /** The number of a one-column table for {@code preset} at {@code level} = severity - 1. */
  double value(Preset preset, int level) {
    if (width != 1) {
      throw new IllegalStateException("rows have " + width + " numbers; use row()");
    }
    return rows.get(preset)[level][0];
  }
}
