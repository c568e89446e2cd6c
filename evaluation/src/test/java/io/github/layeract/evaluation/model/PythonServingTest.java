package io.github.layeract.evaluation.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.layeract.datasets.io.Npy;
import io.github.layeract.evaluation.cli.Main;
import io.github.layeract.models.InputShape;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads an export in Python TensorFlow and compares its {@code serving_default} outputs with {@code layeract predict}.
 *
 * <p>Python TF is looked up, in order: the system property {@code layeract.python}, the environment variable
 * {@code LAYERACT_PYTHON}, then the cached venv {@code ~/.cache/layeract/python-tf}. With
 * {@code -Dlayeract.pythonTf=install} a missing venv is created ({@code pip install --retries 0 --timeout 5
 * tensorflow-cpu}, which takes minutes). Without a Python that imports tensorflow the test is skipped.
 */
class PythonServingTest {

  private static final Path VENV = Path.of(System.getProperty("user.home"), ".cache", "layeract", "python-tf");

  private static String python() throws Exception {
    String p = System.getProperty("layeract.python", System.getenv("LAYERACT_PYTHON"));
    if (p != null) {
      return p;
    }
    Path venvPython = VENV.resolve("bin/python");
    if (!Files.isExecutable(venvPython) && "install".equals(System.getProperty("layeract.pythonTf"))) {
      exec(600, "python3", "-m", "venv", VENV.toString());
      exec(1200, VENV.resolve("bin/pip").toString(), "install", "--retries", "0", "--timeout", "5",
          "tensorflow-cpu");
    }
    return Files.isExecutable(venvPython) ? venvPython.toString() : null;
  }

  private static int exec(long timeoutSeconds, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  @Test
  void pythonServingDefaultMatchesPredict(@TempDir Path dir) throws Exception {
    String python = python();
    assumeTrue(python != null && exec(300, python, "-c", "import tensorflow") == 0,
        "no Python with TensorFlow (set LAYERACT_PYTHON or run with -Dlayeract.pythonTf=install)");
    ModelConfig cfg = ModelConfig.cifar10().withInput(new InputShape(16, 16, 3)).withActivation("la_hard_silu")
        .withSeed(9).portable();   // what `export` builds: stock ops, runs without XLA
    byte[] x = new byte[6 * 16 * 16 * 3];
    new Random(3).nextBytes(x);
    try (InferenceModel m = InferenceModel.build(Models.create("resnet20", cfg), new float[] {0.5f, 0.4f, 0.3f},
        new float[] {0.25f, 0.2f, 0.3f})) {
      m.export(dir.resolve("export"), 1, x, 6, null);
    }
    Npy.writeUint8(dir.resolve("x.npy"), x, 6, 16, 16, 3);
    assertEquals(0, Main.execute("predict", "--saved-model", dir.resolve("export").toString(), "--input",
        dir.resolve("x.npy").toString(), "--out", dir.resolve("java.npy").toString()));
    Path script = dir.resolve("serve.py");
    Files.writeString(script, String.join("\n",
        "import sys, numpy as np, tensorflow as tf",
        "m = tf.saved_model.load(sys.argv[1])",
        "f = m.signatures['serving_default']",
        "out = f(images=tf.constant(np.load(sys.argv[2])))",
        "np.save(sys.argv[3], out['logits'].numpy().astype(np.float32))",
        "np.save(sys.argv[4], out['classes'].numpy().astype(np.float32))",
        "assert np.allclose(out['probabilities'].numpy().sum(axis=1), 1, atol=1e-5)", ""));
    List<String> cmd = new ArrayList<>(List.of(python, script.toString(), dir.resolve("export/1").toString(),
        dir.resolve("x.npy").toString(), dir.resolve("py.npy").toString(), dir.resolve("cls.npy").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), log);
    Npy.Float32Array java = Npy.readFloat32(dir.resolve("java.npy"));
    Npy.Float32Array py = Npy.readFloat32(dir.resolve("py.npy"));
    assertArrayEquals(java.shape(), py.shape());
    assertArrayEquals(java.data(), py.data(), 1e-5f);
    float[] cls = Npy.readFloat32(dir.resolve("cls.npy")).data();
    for (int i = 0; i < 6; i++) {
      int best = 0;
      for (int j = 1; j < 10; j++) {
        best = java.data()[i * 10 + j] > java.data()[i * 10 + best] ? j : best;
      }
      assertEquals(best, (int) cls[i], "classes output is the arg-max of logits");
    }
  }
}
