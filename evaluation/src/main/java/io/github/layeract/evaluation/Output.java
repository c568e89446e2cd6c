package io.github.layeract.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.datasets.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JSON, tables and files written by the commands; every file is written to a temporary name and renamed. */
public final class Output {

  /** Pretty-printing JSON mapper shared by all commands. */
  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  /** A new JSON object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code value} as indented JSON text. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} as JSON to {@code file} atomically. */
  public static void writeJson(Path file, Object value) {
    writeText(file, json(value) + "\n");
  }

  /** Writes {@code text} (UTF-8) to {@code file} atomically. */
  public static void writeText(Path file, String text) {
    AtomicFiles.write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Writes the bytes that {@code writer} produces to {@code file} atomically. */
  public static void writeBytes(Path file, AtomicFiles.Writer writer) {
    AtomicFiles.write(file, writer);
  }

  /** Reads a JSON object from {@code file}; a missing or malformed file is a user error naming it. */
  public static ObjectNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + ": file not found");
    }
    try {
      return (ObjectNode) JSON.readTree(file.toFile());
    } catch (IOException | ClassCastException e) {
      throw new UserException(file + ": not a JSON object (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /**
   * A plain-text table with a header row, columns padded to their widest cell; numeric-looking cells right-aligned.
   */
  public static String table(List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendRow(sb, header, w);
    for (int i = 0; i < w.length; i++) {
      sb.append(i > 0 ? "  " : "").append("-".repeat(w[i]));
    }
    sb.append('\n');
    rows.forEach(r -> appendRow(sb, r, w));
    return sb.toString();
  }

  /** The same table as GitHub Markdown. */
  public static String markdownTable(List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
    for (int i = 0; i < header.size(); i++) {
      sb.append(i == 0 ? "---|" : "---:|");
    }
    sb.append('\n');
    rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
    for (int i = 0; i < w.length; i++) {
      String c = cells.get(i);
      boolean numeric = i > 0 && c.matches("[-+0-9.,eE±() %]*[0-9][-+0-9.,eE±() %]*");
      sb.append(i > 0 ? "  " : "").append(numeric ? pad(c, w[i], true) : pad(c, w[i], false));
    }
    sb.append('\n');
    int end = sb.length() - 1;
    while (end > 0 && sb.charAt(end - 1) == ' ') {
      sb.deleteCharAt(--end);
    }
  }

  private static String pad(String s, int width, boolean left) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return left ? fill + s : s + fill;
  }

  /** Formats a number with 2 decimals, {@code n/a} for NaN. */
  public static String f2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", v);
  }
}
