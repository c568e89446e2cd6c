package io.github.layeract.models.recipe;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The training augmentation of a recipe, by its text form. It names what is done; the input pipeline that does it
 * lives with the datasets (the evaluation layer maps each value to its pipeline stage).
 */
public enum Augment {
  /** Nothing (image files: the evaluation resize and center crop). */
  NONE,
  /** 4-pixel zero padding, a random crop back to the image size, a random horizontal flip (images of one size). */
  PAD_CROP_FLIP,
  /** Inception-style random resized crop and a random flip (image-folder datasets, images of any size). */
  RANDOM_RESIZED_CROP_FLIP;

  /** Parses the text form ({@code none}, {@code pad_crop_flip}, {@code random_resized_crop_flip}), any case. */
  public static Augment parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (Augment a : values()) {
      if (a.name().equals(t)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown augmentation '" + text + "': " + Arrays.stream(values())
        .map(Augment::toString).collect(Collectors.joining(", ")));
  }

  /** The text form: the lower-case name. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
