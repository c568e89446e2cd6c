package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.Output;



import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every subcommand's --help, bad options, user errors, and the quick informational commands. */
class CliTest {

  private static final List<List<String>> COMMANDS = List.of(List.of("activations"), List.of("models"),
      List.of("datasets"), List.of("datasets", "info"), List.of("datasets", "download"), List.of("train"),
      List.of("evaluate"), List.of("compare"), List.of("corrupt"), List.of("analyze"), List.of("export"),
      List.of("predict"), List.of("bench"), List.of("bench", "op"), List.of("bench", "train"), List.of("bench", "infer"),
      List.of("bench", "pipeline"), List.of("bench", "corruptions"), List.of("demo"));

  /** Runs the CLI with stdout and stderr captured: {exit code, stdout, stderr}. */
  private static Object[] run(String... args) {
    CliRun r = CliRun.run(args);
    return new Object[] {r.code(), r.out(), r.err()};
  }

  @Test
  void everySubcommandHasHelpAndRejectsBadOptions() {
    assertEquals(COMMANDS.size(), countLeafAndGroupCommands(new CommandLine(new Main())) , "every command is listed");
    for (List<String> cmd : COMMANDS) {
      String[] help = Stream.concat(cmd, "--help");
      Object[] h = run(help);
      assertEquals(0, h[0], cmd + " --help");
      assertTrue(((String) h[1]).startsWith("Usage: layeract " + String.join(" ", cmd)), cmd + ": " + h[1]);
      Object[] bad = run(Stream.concat(cmd, "--no-such-option"));
      assertEquals(2, bad[0], cmd + " with a bad option");
      String msg = (String) bad[2];
      assertTrue(msg.contains("Unknown option: '--no-such-option'") || msg.contains("Missing required"), msg);
      assertTrue(((String) bad[2]).contains("Usage:"), "usage printed on a bad option");
    }
    assertEquals(2, run("no-such-command")[0]);
    assertEquals(2, run("train", "--out", "x", "--epochs", "2", "--iterations", "3")[0], "mutually exclusive");
    assertEquals(2, run("predict", "--saved-model", "m")[0], "missing required option");
  }

  private static int countLeafAndGroupCommands(CommandLine cli) {
    int n = 0;
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!sub.getCommandName().equals("help")) {
        n += 1 + countLeafAndGroupCommands(sub);
      }
    }
    return n;
  }

  @Test
  void userErrorsAreOneLineWithoutStackTrace(@TempDir Path dir) {
    Object[] r = run("predict", "--saved-model", dir.resolve("missing").toString(), "--input", "x.npy", "--json");
    assertEquals(1, r[0]);
    String err = ((String) r[2]).strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("layeract predict: error: ") && err.contains("x.npy"), err);
    Object[] v = run("predict", "--verbose", "--saved-model", dir.toString(), "--input", "x.npy", "--json");
    assertEquals(1, v[0]);
    assertTrue(((String) v[2]).contains("\tat "), "--verbose shows the stack trace");
    Object[] d = run("train", "--dataset", "cifar10", "--data-dir", dir.toString(), "--out",
        dir.resolve("run").toString());
    assertEquals(1, d[0]);
    assertTrue(((String) d[2]).strip().lines().count() == 1 && ((String) d[2]).contains("cifar10"), (String) d[2]);
    Object[] m = run("train", "--model", "resnet9", "--out", dir.resolve("bad-model").toString());
    assertEquals(1, m[0]);
    assertFalse(java.nio.file.Files.exists(dir.resolve("bad-model")), "nothing written for a bad model name");
    Object[] e = run("evaluate", "--run", dir.toString());
    assertEquals(1, e[0]);
    assertTrue(((String) e[2]).contains("config.json"), (String) e[2]);
    Object[] x = run("export", "--run", dir.resolve("no-such-run").toString(), "--out", dir.resolve("x").toString());
    assertEquals(1, x[0]);
    assertEquals("layeract export: error: " + dir.resolve("no-such-run") + ": no such run directory",
        ((String) x[2]).strip());
    assertFalse(java.nio.file.Files.exists(dir.resolve("x")), "nothing written for a missing run");
    Object[] s = run("train", "--schedule", "multistep:a", "--iterations", "1", "--out",
        dir.resolve("bad-schedule").toString());
    assertEquals(1, s[0]);
    assertEquals("layeract train: error: bad schedule 'multistep:a': multistep needs iteration numbers, "
        + "e.g. multistep:32000,48000", ((String) s[2]).strip());
    assertFalse(java.nio.file.Files.exists(dir.resolve("bad-schedule").resolve("config.json")),
        "no config.json for a bad schedule");
    Object[] b = run("train", "--batch", "0", "--iterations", "1", "--out", dir.resolve("batch0").toString());
    assertEquals(1, b[0], "not an internal error (was / by zero)");
    assertEquals("layeract train: error: --batch must be at least 1, got 0", ((String) b[2]).strip());
    assertFalse(java.nio.file.Files.exists(dir.resolve("batch0")));
    Object[] i = run("evaluate", "--run", dir.toString(), "--images", "-5");
    assertEquals(1, i[0]);
    assertEquals("layeract evaluate: error: --images must be at least 1, got -5", ((String) i[2]).strip());
  }

  @Test
  void informationalCommands() throws Exception {
    Object[] a = run("activations", "--json");
    assertEquals(0, a[0]);
    JsonNode acts = Output.JSON.readTree((String) a[1]);
    assertTrue(acts.findValuesAsText("name").containsAll(List.of("la_silu", "la_hard_silu", "relu", "silu")));
    for (JsonNode e : acts) {
      JsonNode impl = e.get("default_implementation");
      if (e.get("name").asText().startsWith("la_")) {
        // CI builds the kernels: there the default must be them, elsewhere it may be the fused fallback with its reason
        String expected = Boolean.getBoolean("layeract.native.required") ? "native (" : "";
        assertTrue(impl.asText().startsWith(expected) && impl.asText().matches("(native|fused) \\(.+\\)"),
            e.toString());
      } else {
        assertNull(impl, e.toString());
      }
    }
    Object[] text = run("activations");
    assertTrue(((String) text[1]).contains("LayerAct default implementation (impl=native) in this JVM: "), text[1] + "");
    Object[] m = run("models", "--json", "--classes", "10", "--input-shape", "32x32x3");
    assertEquals(0, m[0]);
    JsonNode models = Output.JSON.readTree((String) m[1]);
    for (JsonNode n : models) {
      if (n.get("name").asText().equals("resnet20")) {
        assertEquals(269_722, n.get("parameters").asLong());   // the reference count (issue 3)
        assertEquals(19, n.get("activation_sites").asInt());
      }
    }
    Object[] i = run("datasets", "info", "fashion-mnist-sample");
    assertEquals(0, i[0]);
    JsonNode info = Output.JSON.readTree((String) i[1]);
    assertEquals(10_000, info.get("train").asInt());
    assertEquals(2_000, info.get("test").asInt());
    assertEquals(10, info.get("classes").asInt());
    assertEquals(List.of(28, 28, 1), List.of(info.get("shape").get(0).asInt(), info.get("shape").get(1).asInt(),
        info.get("shape").get(2).asInt()));
    assertEquals(0, run("datasets")[0]);
  }

  @Test
  void corruptKeepsShapeAndDtypeAndIsSeeded(@TempDir Path dir) {
    byte[] x = new byte[3 * 28 * 28];
    new Random(1).nextBytes(x);
    Npy.writeUint8(dir.resolve("in.npy"), x, 3, 28, 28);
    Supplier<Object[]> once = () -> run("corrupt", "--input", dir.resolve("in.npy").toString(), "--out",
        dir.resolve("out.npy").toString(), "--corruption", "gaussian_noise", "--severity", "3", "--corruption-seed", "4");
    assertEquals(0, once.get()[0]);
    Npy.Uint8Array a = Npy.readUint8(dir.resolve("out.npy"));
    assertArrayEquals(new long[] {3, 28, 28}, a.shape());
    assertFalse(java.util.Arrays.equals(x, a.data()));
    assertEquals(0, once.get()[0]);
    assertArrayEquals(a.data(), Npy.readUint8(dir.resolve("out.npy")).data(), "same seed, same bytes");
    Object[] bad = run("corrupt", "--input", dir.resolve("in.npy").toString(), "--out", "o.npy", "--corruption",
        "no_such", "--severity", "3");
    assertEquals(1, bad[0]);
    // a whole (tiny) test set in the CIFAR-10-C layout, readable by evaluate's published source
    assertEquals(0, run("corrupt", "--dataset", "fashion-mnist-sample", "--images", "10", "--corruptions", "fog",
        "--out", dir.resolve("c").toString())[0]);
    assertArrayEquals(new long[] {50, 28, 28, 1}, Npy.readHeader(dir.resolve("c/fog.npy")).shape());
    assertArrayEquals(new long[] {50}, Npy.readHeader(dir.resolve("c/labels.npy")).shape());
  }

  /** Tiny helper: a command path plus one more argument. */
  private static final class Stream {
    static String[] concat(List<String> cmd, String arg) {
      String[] out = cmd.toArray(new String[cmd.size() + 1]);
      out[cmd.size()] = arg;
      return out;
    }
  }
}
