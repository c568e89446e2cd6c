package io.github.layeract.datasets.corruptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One training-time corruption rule: each training image is corrupted with probability {@code p} by one of
 * {@code corruptions} (chosen uniformly) at a severity drawn uniformly from {@code minSeverity..maxSeverity}.
 *
 * <p>Text form {@code WHAT:SEVERITIES[:p=P]}: {@code WHAT} is a corruption name ({@code gaussian_noise}), a
 * category ({@code noise}, {@code blur}, {@code digital}, {@code weather}, {@code extra}) or {@code all};
 * {@code SEVERITIES} is {@code S} or {@code LO-HI} within 1..5; {@code p} in (0, 1], default 1. Examples:
 * {@code gaussian_noise:1-3:p=0.5}, {@code noise:1-5:p=0.3}, {@code contrast:2}.
 *
 * @param what the name, category or {@code all} as written (lower case)
 * @param corruptions the corruptions it stands for, in the paper's order
 * @param probability chance that an image gets this rule's corruption
 */
public record TrainingCorruption(String what, List<Corruption> corruptions, int minSeverity, int maxSeverity,
    double probability) {

  public TrainingCorruption {
    corruptions = List.copyOf(corruptions);
    if (corruptions.isEmpty()) {
      throw new IllegalArgumentException("a training corruption needs at least one corruption");
    }
    if (minSeverity < 1 || maxSeverity > 5 || minSeverity > maxSeverity) {
      throw new IllegalArgumentException("severities must be within 1..5 and ordered, got " + minSeverity + "-"
          + maxSeverity);
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("p must be in (0, 1], got " + probability);
    }
  }

  /**
   * Parses the text form; every error is one line that quotes the spec and names the bad part.
   *
   * @throws IllegalArgumentException for a malformed spec
   */
  public static TrainingCorruption parse(String spec) {
    String text = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw bad(spec, "expected WHAT:SEVERITIES[:p=P], e.g. gaussian_noise:1-3:p=0.5");
    }
    List<Corruption> list = resolve(spec, parts[0].trim());
    int[] severities = severities(spec, parts[1].trim());
    double p = parts.length == 3 ? probability(spec, parts[2].trim()) : 1;
    return new TrainingCorruption(parts[0].trim(), list, severities[0], severities[1], p);
  }

  private static List<Corruption> resolve(String spec, String what) {
    if (what.equals("all")) {
      return Corruptions.all();
    }
    for (Category c : Category.values()) {
      if (c.title().equalsIgnoreCase(what)) {
        List<Corruption> members = new ArrayList<>();
        Corruptions.all().stream().filter(x -> x.category() == c).forEach(members::add);
        return members;
      }
    }
    try {
      return List.of(Corruptions.of(what));
    } catch (IllegalArgumentException e) {
      throw bad(spec, "unknown corruption or category '" + what + "' (a name such as gaussian_noise, a category "
          + "noise, blur, digital, weather, extra, or all)");
    }
  }

  private static int[] severities(String spec, String text) {
    String[] range = text.split("-", -1);
    try {
      int lo = Integer.parseInt(range[0].trim());
      int hi = range.length == 2 ? Integer.parseInt(range[1].trim()) : lo;
      if (range.length > 2 || lo < 1 || hi > 5 || lo > hi) {
        throw new NumberFormatException();
      }
      return new int[] {lo, hi};
    } catch (NumberFormatException e) {
      throw bad(spec, "severities '" + text + "' must be S or LO-HI within 1..5, e.g. 1-3");
    }
  }

  private static double probability(String spec, String text) {
    if (!text.startsWith("p=")) {
      throw bad(spec, "the third part must be p=P, got '" + text + "'");
    }
    try {
      double p = Double.parseDouble(text.substring(2).trim());
      if (p > 0 && p <= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(spec, "p must be a number in (0, 1], got '" + text.substring(2) + "'");
  }

  private static IllegalArgumentException bad(String spec, String problem) {
    return new IllegalArgumentException("bad training corruption '" + spec + "': " + problem);
  }

  /** The canonical text form, e.g. {@code gaussian_noise:1-3:p=0.5}; {@link #parse} of it gives an equal rule. */
  public String text() {
    String s = minSeverity == maxSeverity ? Integer.toString(minSeverity) : minSeverity + "-" + maxSeverity;
    return what + ":" + s + ":p=" + probability;
  }

  @Override
  public String toString() {
    return text();
  }
}
