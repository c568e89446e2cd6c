package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.layeract.datasets.corruptions.Corruptions;
import io.github.layeract.datasets.corruptions.TrainingCorruption;
import io.github.layeract.models.recipe.TrainingRecipe;
import io.github.layeract.tf.Activations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz loop over the option strings users type: random and mutated activation specs, schedules, training
 * corruption specs and corruption lists. Each parser either accepts a string or rejects it with a one-line
 * {@link IllegalArgumentException}; any other exception is a bug (the CLI would print it as an internal error).
 */
class HostileStringsTest {

  private static final int INPUTS = 3000;
  private static final String[] PIECES = {"(", ")", ",", ":", "=", "-", ".", " ", "\t", "\n", "e", "E", "p", "ep",
      "0", "1", "5", "-1", "1e309", "NaN", "Infinity", "99999999999999999999", "0x10", "\u0000", "\u00e9", "\ud83d",
      "%n", "%s", "\\", "\"", "'", "all", "noise", "blur", "la_silu", "alpha", "multistep", "cosine", "constant",
      "gaussian_noise", "1-3", "5-1", "p=0.5", "(alpha=", ")("};

  @TempDir
  Path tmp;

  @Test
  void activationSpecs() {
    fuzz(1, List.of("relu", "la_silu", "la_silu(alpha=0.1)", "la_hardsilu(alpha=1e-5, impl=fused)", "swish"),
        Activations::create);
  }

  @Test
  void learningRateSchedules() {
    fuzz(2, List.of("constant", "cosine", "multistep:32000,48000", "multistep:40ep,60ep", "multistep:,,,"),
        s -> TrainingRecipe.builder().schedule(s));
  }

  @Test
  void trainingCorruptionSpecs() {
    fuzz(3, List.of("gaussian_noise:1-3:p=0.5", "noise:5", "all:1-5", "blur,digital:2:p=1"),
        TrainingCorruption::parse);
  }

  @Test
  void corruptionLists() {
    fuzz(4, List.of("all", "gaussian_noise,shot_noise", "noise,blur", "weather, extra"),
        s -> Corruptions.parseList(s, null));
  }

  /** A few rejected strings through the CLI: exit 1 or 2, one line, no stack trace. */
  @Test
  void theCliRejectsHostileOptionsWithOneLine() {
    String out = tmp.resolve("run").toString();
    List<String[]> commands = new ArrayList<>();
    for (String s : List.of("la_silu(alpha=", "(((", "relu(alpha=1)", "\u0000", "la_silu(beta=1)")) {
      commands.add(new String[] {"train", "--model", "mlp", "--iterations", "2", "--activation", s, "--out", out});
    }
    for (String s : List.of("multistep:,,,", "multistep:", "multistep:1e309", "cosine:5")) {
      commands.add(new String[] {"train", "--model", "mlp", "--iterations", "2", "--schedule", s, "--out", out});
    }
    for (String s : List.of(":", "noise:0", "noise:1-3:p=NaN", "zzz:1")) {
      commands.add(new String[] {"bench", "train", "--train-corruption", s});
    }
    for (String[] args : commands) {
      CliRun r = CliRun.run(args);
      String what = String.join(" ", args) + " -> " + r.code() + ": " + r.err();
      assertTrue(r.code() == 1 || r.code() == 2, what);
      assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), what);
      if (r.code() == 1) {
        assertTrue(r.err().strip().lines().count() == 1, what);
      }
    }
  }

  private static void fuzz(long seed, List<String> valid, Consumer<String> parser) {
    Random rnd = new Random(seed);
    for (int i = 0; i < INPUTS; i++) {
      String s = i % 4 == 0 ? random(rnd) : mutate(rnd, valid.get(rnd.nextInt(valid.size())));
      try {
        parser.accept(s);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.strip().contains("\n") && !s.contains("\n")) {
          fail("input " + quote(s) + ": rejected without a one-line message: " + quote(String.valueOf(m)));
        }
      } catch (RuntimeException e) {
        throw new AssertionError("input " + quote(s) + " (seed " + seed + ", #" + i + "): " + e, e);
      }
    }
  }

  private static String random(Random rnd) {
    StringBuilder b = new StringBuilder();
    for (int n = rnd.nextInt(8); n > 0; n--) {
      b.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  /** {@code s} with one to three pieces inserted, characters deleted or the string cut. */
  private static String mutate(Random rnd, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
      int at = b.length() == 0 ? 0 : rnd.nextInt(b.length());
      switch (rnd.nextInt(3)) {
        case 0 -> b.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
        case 1 -> b.delete(at, Math.min(b.length(), at + 1 + rnd.nextInt(3)));
        default -> b.setLength(at);
      }
    }
    return b.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("\n", "\\n").replace("\u0000", "\\0") + "'";
  }
}
