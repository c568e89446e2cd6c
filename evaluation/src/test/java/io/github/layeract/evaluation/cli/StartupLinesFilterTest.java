package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's filter of TF's native start-up lines ({@code bin/hide-tf-startup-lines}), run as it runs it. */
class StartupLinesFilterTest {

  private static final Path FILTER = Path.of("").toAbsolutePath().getParent().resolve("bin/hide-tf-startup-lines");

  @Test
  void hidesTfInfoLinesAndKeepsEverythingElse() throws Exception {
    String in = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        + "I0000 00:00:1796245440.479213    7958 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is "
        + "not enabled\n"
        + "I0000 00:00:1796245441.1    7994 service.cc:152] XLA service 0x7f initialized for platform Host\n"
        + "W0000 00:00:1796245441.2    7994 op_kernel.cc:1] a real warning\n"
        + "\rtrain relu  10% [=   ]\rtrain relu  20% [==  ]\n"
        + "I0 is not a log line\n"
        + "WARNING: something else\n"
        + "layeract train: damaged.ckpt: truncated (exit 1)";
    String out = "W0000 00:00:1796245441.2    7994 op_kernel.cc:1] a real warning\n"
        + "\rtrain relu  10% [=   ]\rtrain relu  20% [==  ]\n"
        + "I0 is not a log line\n"
        + "WARNING: something else\n"
        + "layeract train: damaged.ckpt: truncated (exit 1)";
    assertEquals(out, filter(in));
  }

  @Test
  void passesAProgressBarOnAsSoonAsItIsWritten() throws Exception {
    assumeTrue(perl(), "perl is not installed (the launcher then shows TF's lines)");
    Process p = new ProcessBuilder("perl", FILTER.toString()).start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write("\rtrain relu  10% [=   ]".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      byte[] got = new byte[23];
      int n = 0;
      while (n < got.length) {
        n += p.getInputStream().read(got, n, got.length - n);
      }
      assertEquals("\rtrain relu  10% [=   ]", new String(got, StandardCharsets.UTF_8));
    } finally {
      p.destroy();
    }
  }

  private static String filter(String in) throws IOException, InterruptedException {
    assumeTrue(perl(), "perl is not installed (the launcher then shows TF's lines)");
    assertEquals(true, Files.isExecutable(FILTER), FILTER.toString());
    Process p = new ProcessBuilder("perl", FILTER.toString()).start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(in.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return out;
  }

  private static boolean perl() {
    try {
      return new ProcessBuilder("perl", "-e", "1").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
