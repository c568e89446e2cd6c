package io.github.layeract.models;

import java.util.Locale;

/**
 * The normalisation layer of the ResNets, directly before each activation (and on projection shortcuts).
 *
 * <ul>
 *   <li>{@link #BATCH}: batch normalisation, the paper's main setting;</li>
 *   <li>{@link #LAYER}: each convolution output normalised per sample over H, W and C, with a learned per-channel
 *       scale and shift;</li>
 *   <li>{@link #NONE}: no normalisation; every convolution then has a bias (a bias-free convolution directly before
 *       an activation would lose its offset). The paper trains these networks with learning rate 0.01.</li>
 * </ul>
 */
public enum Norm {
  BATCH,
  LAYER,
  NONE;

  /** The text form used by the CLI and config.json: {@code batch}, {@code layer}, {@code none}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code batch}, {@code layer} or {@code none} (case-insensitive); fails with the valid names. */
  public static Norm parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Norm n : values()) {
      if (n.text().equals(t)) {
        return n;
      }
    }
    throw new IllegalArgumentException("unknown norm '" + text + "'; valid: batch, layer, none");
  }
}
