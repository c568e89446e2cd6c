package io.github.layeract.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.layeract.evaluation.Output;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One run of a sweep: what to train and how to evaluate it, as the CLI arguments the child JVM gets.
 *
 * @param trainArgs training options other than dataset, model, activation, seed and output (e.g. --iterations 4)
 * @param evaluateArgs evaluation options other than the run directory (e.g. --corruptions fog)
 * @param threads the child's thread budget (not part of the result, so not part of the id)
 * @param gpus GPUs the child gets (0: none visible)
 */
public record Cell(String dataset, String model, String activation, long seed, List<String> trainArgs,
    List<String> evaluateArgs, int threads, int gpus) implements Serializable {

  public Cell {
    trainArgs = List.copyOf(trainArgs);
    evaluateArgs = List.copyOf(evaluateArgs);
  }

  /** A short hash of every option that changes the result besides dataset, model, activation and seed. */
  public String optionsHash() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          (String.join("\u0000", trainArgs) + "\u0001" + String.join("\u0000", evaluateArgs))
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stable id and relative run directory: dataset/model/activation/seed-N-HASH. */
  public String id() {
    return dataset + "/" + model + "/" + activation.replaceAll("[()\\s]", "").replace(',', '-').replace("=", "")
        + "/seed-" + seed + "-" + optionsHash();
  }

  /** The group a comparison is made in: cells that differ only by activation and seed. */
  public String group() {
    return dataset + "-" + model + "-" + optionsHash();
  }

  /** What cell.json records: everything that defines the result (threads and GPUs do not). */
  public ObjectNode toJson() {
    ObjectNode o = Output.object();
    o.put("id", id()).put("dataset", dataset).put("model", model).put("activation", activation).put("seed", seed);
    ArrayNode t = o.putArray("train");
    trainArgs.forEach(t::add);
    ArrayNode e = o.putArray("evaluate");
    evaluateArgs.forEach(e::add);
    return o;
  }
}
