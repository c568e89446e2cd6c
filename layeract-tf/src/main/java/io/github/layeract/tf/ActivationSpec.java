package io.github.layeract.tf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed activation spec: a case-insensitive name and optional {@code key=value} options, e.g.
 * {@code la_silu(alpha=0.1, variance=biased)}.
 *
 * @param name the lower-case name as typed (aliases not yet resolved)
 * @param options option values by lower-case key, in the order given
 */
public record ActivationSpec(String name, Map<String, String> options) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");
  private static final Pattern OPTION = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*([^=,\\s]+)\\s*");

  public ActivationSpec {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** Parses {@code name} or {@code name(key=value, ...)}; throws {@link IllegalArgumentException} naming the problem. */
  public static ActivationSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty activation spec");
    }
    String text = spec.trim();
    long opens = text.chars().filter(c -> c == '(').count();
    long closes = text.chars().filter(c -> c == ')').count();
    if (opens != closes || opens > 1) {
      throw new IllegalArgumentException("malformed activation spec '" + spec
          + "': unbalanced or nested parentheses; expected name or name(key=value, ...)");
    }
    int open = text.indexOf('(');
    String name = open < 0 ? text : text.substring(0, open).trim();
    if (!NAME.matcher(name).matches() || (open >= 0 && text.indexOf(')') != text.length() - 1)) {
      throw new IllegalArgumentException(
          "malformed activation spec '" + spec + "': expected name or name(key=value, ...)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    String body = open < 0 ? "" : text.substring(open + 1, text.length() - 1);
    if (!body.isBlank()) {
      for (String part : body.split(",", -1)) {
        Matcher o = OPTION.matcher(part);
        if (!o.matches()) {
          throw new IllegalArgumentException(
              "malformed option '" + part.trim() + "' in activation spec '" + spec + "': expected key=value");
        }
        String key = o.group(1).toLowerCase(Locale.ROOT);
        if (options.put(key, o.group(2)) != null) {
          throw new IllegalArgumentException("option '" + key + "' given twice in activation spec '" + spec + "'");
        }
      }
    }
    return new ActivationSpec(name.toLowerCase(Locale.ROOT).replace('-', '_'), options);
  }

  /** Fails unless every option key is one of {@code allowed}. */
  void requireOnly(String canonical, Set<String> allowed) {
    for (String key : options.keySet()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException("activation '" + canonical + "' has no option '" + key + "'"
            + (allowed.isEmpty() ? " (it takes none)" : "; valid options: " + String.join(", ", allowed)));
      }
    }
  }

  /** The option {@code key} as a finite double, or {@code fallback} when absent. */
  double number(String key, double fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("option " + key + "=" + v + " of activation '" + name + "' is not a finite number");
  }

  /** The option {@code key} as an int, or {@code fallback} when absent. */
  int integer(String key, int fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + key + "=" + v + " of activation '" + name + "' is not an integer");
    }
  }

  /** The option {@code key} as a constant of {@code type} (case-insensitive), or {@code fallback} when absent. */
  <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      valid.append(valid.length() > 0 ? ", " : "").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(
        "option " + key + "=" + v + " of activation '" + name + "' is not one of: " + valid);
  }
}
