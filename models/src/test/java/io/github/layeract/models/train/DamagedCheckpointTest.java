package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.InputShape;
import io.github.layeract.models.Model;
import io.github.layeract.models.ModelConfig;
import io.github.layeract.models.mlp.Mlp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Damaged and unwritable checkpoints: a truncated or garbled index or data shard makes a resume fall back to the
 * previous complete checkpoint and still end with the uninterrupted run's weights, bit for bit; with no older one it
 * fails with one line naming the damaged file; a full disk fails a save with one line naming the checkpoint, leaves
 * nothing of it behind, keeps the previous one restorable, and the same save succeeds once space is freed.
 */
class DamagedCheckpointTest {

  private static final int BATCH = 8;
  private static final int CLASSES = 4;
  private static final Model MODEL = new Mlp(ModelConfig.cifar10().withClasses(CLASSES)
      .withInput(new InputShape(6, 6, 1)).withHiddenWidth(32).withActivation("la_silu").withSeed(5));
  private static List<float[]> uninterrupted;

  @TempDir
  Path tmp;

  @BeforeAll
  static void trainStraight(@TempDir Path dir) {
    uninterrupted = train(dir, 6, false, new ArrayList<>());
  }

  /** What damage does to a file. */
  private interface Damage {
    void apply(Path file) throws IOException;
  }

  @Test
  void aDamagedLatestCheckpointFallsBackToThePreviousOneAndTheResultIsUnchanged() throws IOException {
    Damage truncate = f -> Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f), (int) Files.size(f) / 2));
    Damage garble = f -> {
      byte[] b = Files.readAllBytes(f);
      Random r = new Random(1);
      for (int i = b.length / 4; i < b.length * 3 / 4; i++) {
        b[i] = (byte) r.nextInt();
      }
      Files.write(f, b);
    };
    Damage empty = f -> Files.write(f, new byte[0]);
    Map<String, Damage> damages = Map.of("truncated", truncate, "garbled", garble, "emptied", empty);
    for (String target : List.of("model.index", "model.data-00000-of-00001")) {
      for (Map.Entry<String, Damage> d : damages.entrySet()) {
        Path dir = tmp.resolve(target + "-" + d.getKey());
        train(dir, 6, false, new ArrayList<>());
        Path damaged = dir.resolve("ckpt-6").resolve(target);
        d.getValue().apply(damaged);
        List<String> skipped = new ArrayList<>();
        List<float[]> resumed = train(dir, 6, true, skipped);
        String what = target + " " + d.getKey();
        assertEquals(1, skipped.size(), what + ": " + skipped);
        assertTrue(skipped.get(0).startsWith(damaged + ": damaged checkpoint ("), what + ": " + skipped.get(0));
        assertFalse(skipped.get(0).contains("\n"), skipped.get(0));
        assertSameVariables(uninterrupted, resumed, what);
      }
    }
  }

  @Test
  void aGarbledPointerFallsBackToTheNewestCompleteCheckpoint() throws IOException {
    train(tmp, 6, false, new ArrayList<>());
    Files.writeString(tmp.resolve(Checkpoints.POINTER), "\u0000\u00ffgarbage");
    List<String> skipped = new ArrayList<>();
    List<float[]> resumed = train(tmp, 6, true, skipped);
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).startsWith(tmp.resolve(Checkpoints.POINTER) + ": expected 'ckpt-<step>'"), skipped.get(0));
    assertSameVariables(uninterrupted, resumed, "garbled pointer");
  }

  @Test
  void withNoOlderCheckpointTheDamagedFileIsNamed() throws IOException {
    train(tmp, 3, false, new ArrayList<>());
    Path index = tmp.resolve("ckpt-3/model.index");
    Files.write(index, "not an sstable".getBytes(StandardCharsets.US_ASCII));
    CheckpointException e = assertThrows(CheckpointException.class, () -> train(tmp, 6, true, new ArrayList<>()));
    assertEquals(index, e.path());
    assertTrue(e.getMessage().startsWith(index + ": damaged checkpoint ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; there is no older checkpoint"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aFullDiskFailsTheSaveWithOneLineAndKeepsThePreviousCheckpoint() throws Exception {
    Path mount = Files.createDirectory(tmp.resolve("small"));
    mountTmpfs(mount, "2m");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> v = tf.withName("v").variable(tf.withInitScope().fill(tf.constant(new int[] {64, 1024}),
          tf.constant(1f)));      // 256 KiB per checkpoint
      Checkpoints c = new Checkpoints(mount.resolve("checkpoints"), 2);
      c.save(s, 1);
      Path filler = fill(mount.resolve("filler"));
      var assignTwo = tf.assign(v, tf.fill(tf.constant(new int[] {64, 1024}), tf.constant(2f)));
      s.runner().addTarget(assignTwo).run().close();
      CheckpointException e = assertThrows(CheckpointException.class, () -> c.save(s, 2));
      assertEquals(c.dir().resolve("ckpt-2"), e.path());
      assertTrue(e.getMessage().startsWith(c.dir().resolve("ckpt-2") + ": cannot write checkpoint: "), e.getMessage());
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      try (Stream<Path> files = Files.list(c.dir())) {
        assertEquals(List.of("checkpoint", "ckpt-1"), files.map(p -> p.getFileName().toString()).sorted().toList(),
            "the failed save left something behind");
      }
      assertEquals(1, c.latest().orElseThrow().step());
      Checkpoints.restore(s, c.latest().orElseThrow());
      assertEquals(1f, TestData.values(s, List.of(v)).get(0)[0], "the previous checkpoint restores");
      Files.delete(filler);
      s.runner().addTarget(assignTwo).run().close();
      c.save(s, 2);
      Checkpoints.restore(s, c.latest().orElseThrow());
      assertEquals(2, c.latest().orElseThrow().step());
      assertEquals(2f, TestData.values(s, List.of(v)).get(0)[0]);
    } finally {
      run("umount", mount.toString());
    }
  }

  /** Writes {@code file} until the file system is full; returns it. */
  private static Path fill(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
      return file;
    }
  }

  /** Mounts a tmpfs of {@code size} on {@code dir}, or skips the test with the reason. */
  static void mountTmpfs(Path dir, String size) throws Exception {
    String out = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    Assumptions.assumeTrue(out == null, "cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): " + out);
  }

  /** Runs a command; null on success, else its output. */
  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : out.strip();
  }

  private static void assertSameVariables(List<float[]> expected, List<float[]> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), what + ": variable " + i + " differs after resume");
    }
  }

  /** Trains to {@code steps} (checkpoint every 3); returns every variable; {@code skipped} collects resume warnings. */
  private static List<float[]> train(Path dir, long steps, boolean resume, List<String> skipped) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      TrainingGraph t = TrainingGraph.builder(MODEL).buildWithPlaceholders(Ops.create(g));
      TrainingResult r = Trainer.builder(t).steps(steps).schedule(LrSchedule.multiStep(0.1, 0.1, 4))
          .input(TestData.fed(t, BATCH, CLASSES, false)).checkpoints(new Checkpoints(dir, 5), 3).resume(resume)
          .listener(new TrainingListener() {
            @Override
            public void onResume(Checkpoints.Checkpoint restored, List<String> damaged) {
              skipped.addAll(damaged);
            }
          }).build().run(s);
      assertEquals(steps, r.endStep());
      List<Variable<TFloat32>> all = new ArrayList<>(t.forward().params().trainable());
      all.addAll(t.forward().params().state());
      all.addAll(t.slots());
      return TestData.values(s, all);
    }
  }
}
