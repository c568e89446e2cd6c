package io.github.layeract.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.layeract.evaluation.UserException;
import io.github.layeract.tf.Activations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A grid file: datasets x models x activation specs x seeds, with one training recipe, one evaluation and the
 * resources of each run. Every problem is one {@link UserException} line naming the file and the field.
 *
 * <pre>{"datasets": ["cifar10"], "models": ["resnet20"], "activations": ["relu", "la_silu(alpha=1e-3)"],
 *  "seeds": "1-30", "training": {"preset": "paper-cifar"},
 *  "evaluation": {"corruptions": ["fog"], "severities": [1, 5], "images": 1000, "source": "generated"},
 *  "resources": {"threads": 2, "gpus": 0}}</pre>
 */
public record Grid(List<String> datasets, List<String> models, List<String> activations, List<Long> seeds,
    List<String> trainArgs, List<String> evaluateArgs, int threads, int gpus) {

  private static final Set<String> TOP = Set.of("datasets", "models", "activations", "seeds", "training",
      "evaluation", "resources");
  /** `train` options a grid may set (every option but those the plan sets per cell). */
  private static final Set<String> TRAINING = Set.of("preset", "epochs", "iterations", "batch", "lr", "schedule",
      "warmup", "augment", "input", "weight-decay", "momentum", "val-fraction", "hidden-width", "norm",
      "train-corruption", "init", "data-dir");
  /** Grid names of `evaluate` options and the CLI option each becomes. */
  private static final Map<String, String> EVALUATION = Map.of("corruptions", "--corruptions", "severities",
      "--severities", "images", "--images", "source", "--source", "corruption-table", "--corruption-table",
      "corruption-seed", "--corruption-seed", "c-data-dir", "--c-data-dir", "frost-dir", "--frost-dir", "data-dir",
      "--data-dir");
  private static final Set<String> RESOURCES = Set.of("threads", "gpus");

  /** Reads and validates a JSON grid file. */
  public static Grid read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserException(file + ": file not found");
    } catch (IOException e) {
      throw new UserException(file + ": cannot read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserException(file + ": not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")");
    }
    return parse(root, file.toString());
  }

  /** Validates a parsed grid; {@code source} names it in errors. */
  static Grid parse(JsonNode root, String source) {
    Fields f = new Fields(source);
    if (root == null || !root.isObject()) {
      throw f.error("", "expected a JSON object");
    }
    f.known(root, "", TOP);
    List<String> activations = new ArrayList<>();
    for (String a : f.strings(root, "activations")) {
      try {
        activations.add(Activations.canonical(a));
      } catch (IllegalArgumentException e) {
        throw f.error("activations", e.getMessage());
      }
    }
    List<String> train = f.options(root.get("training"), "training", TRAINING, Map.of());
    List<String> evaluate = f.options(root.get("evaluation"), "evaluation", EVALUATION.keySet(), EVALUATION);
    JsonNode res = root.get("resources");
    int threads = 1;
    int gpus = 0;
    if (res != null) {
      f.known(res, "resources", RESOURCES);
      threads = f.count(res, "resources.threads", "threads", 1, 1);
      gpus = f.count(res, "resources.gpus", "gpus", 0, 0);
    }
    return new Grid(f.strings(root, "datasets"), f.strings(root, "models"), List.copyOf(
        new LinkedHashSet<>(activations)), f.seeds(root.get("seeds")), train, evaluate, threads, gpus);
  }

  /** The cells in plan order: seed-major, so a sweep stopped early has every activation at the same seeds. */
  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    for (long seed : seeds) {
      for (String d : datasets) {
        for (String m : models) {
          for (String a : activations) {
            out.add(new Cell(d, m, a, seed, trainArgs, evaluateArgs, threads, gpus));
          }
        }
      }
    }
    return out;
  }

  /** Field readers that fail with "FILE: field F: problem". */
  private record Fields(String source) {

    UserException error(String field, String problem) {
      return new UserException(source + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    }

    void known(JsonNode node, String where, Set<String> allowed) {
      if (!node.isObject()) {
        throw error(where, "expected an object");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!allowed.contains(name)) {
          throw error(where.isEmpty() ? name : where + "." + name, "unknown field; expected one of "
              + allowed.stream().sorted().toList());
        }
      }
    }

    List<String> strings(JsonNode root, String field) {
      JsonNode n = root.get(field);
      if (n == null) {
        throw error(field, "missing");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : n.isArray() ? n : List.of(n)) {
        if (!e.isTextual() || e.asText().isBlank()) {
          throw error(field, "expected a non-empty string or a list of them, got " + e);
        }
        out.add(e.asText().trim());
      }
      if (out.isEmpty()) {
        throw error(field, "empty list: the grid has no cells");
      }
      return List.copyOf(new LinkedHashSet<>(out));
    }

    List<Long> seeds(JsonNode n) {
      if (n == null) {
        throw error("seeds", "missing");
      }
      List<Long> out = new ArrayList<>();
      if (n.isTextual()) {
        String[] r = n.asText().trim().split("-", -1);
        if (r.length != 2 || !r[0].matches("\\d+") || !r[1].matches("\\d+")
            || Long.parseLong(r[0]) > Long.parseLong(r[1])) {
          throw error("seeds", "expected a list of seeds or a range FIRST-LAST, e.g. \"1-30\", got \"" + n.asText()
              + "\"");
        }
        for (long s = Long.parseLong(r[0]); s <= Long.parseLong(r[1]); s++) {
          out.add(s);
        }
      } else {
        for (JsonNode e : n.isArray() ? n : List.of(n)) {
          if (!e.canConvertToLong() || !e.isIntegralNumber() || e.asLong() < 0) {
            throw error("seeds", "seeds are integers >= 0, got " + e);
          }
          out.add(e.asLong());
        }
      }
      if (out.isEmpty()) {
        throw error("seeds", "empty list: the grid has no cells");
      }
      return List.copyOf(new LinkedHashSet<>(out));
    }

    int count(JsonNode node, String field, String name, int min, int absent) {
      JsonNode n = node.get(name);
      if (n == null) {
        return absent;
      }
      if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > 4096) {
        throw error(field, "expected an integer >= " + min + ", got " + n);
      }
      return n.asInt();
    }

    /** A section of CLI options: {"iterations": 4, "corruptions": ["fog", "snow"], "flag": true}. */
    List<String> options(JsonNode node, String where, Set<String> allowed, Map<String, String> cliNames) {
      List<String> out = new ArrayList<>();
      if (node == null) {
        return out;
      }
      known(node, where, allowed);
      // sorted, so the cell hash does not depend on the order fields are written in
      for (String name : node.properties().stream().map(Map.Entry::getKey).sorted().toList()) {
        JsonNode v = node.get(name);
        String option = cliNames.getOrDefault(name, "--" + name);
        if (v.isBoolean()) {
          if (v.asBoolean()) {
            out.add(option);
          }
          continue;
        }
        String value;
        if (v.isArray() && !v.isEmpty()) {
          List<String> parts = new ArrayList<>();
          for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull()) {
              throw error(where + "." + name, "expected a list of values, got " + v);
            }
            parts.add(e.asText());
          }
          value = String.join(",", parts);
        } else if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
          value = v.asText();
        } else {
          throw error(where + "." + name, "expected a value or a non-empty list, got " + v);
        }
        out.add(option);
        out.add(value);
      }
      return out;
    }
  }
}
