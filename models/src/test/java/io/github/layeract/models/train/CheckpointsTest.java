package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class CheckpointsTest {

  @TempDir
  Path dir;

  @Test
  void keepsTheNewestNAndPointsAtTheLatest() throws Exception {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> v = tf.withName("v").variable(tf.withInitScope().constant(1f));
      Checkpoints c = new Checkpoints(dir, 2);
      Files.createDirectories(dir.resolve(".tmp-ckpt-0-interrupted"));     // what a killed save leaves behind
      for (long step = 1; step <= 4; step++) {
        s.runner().addTarget(tf.assign(v, tf.constant((float) step))).run().close();
        c.save(s, step, java.util.Map.of("state.txt", ("step " + step).getBytes()));
      }
      assertEquals(List.of(3L, 4L), c.list().stream().map(Checkpoints.Checkpoint::step).toList());
      assertEquals("ckpt-4", Files.readString(dir.resolve(Checkpoints.POINTER)).trim());
      try (Stream<Path> files = Files.list(dir)) {
        assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp")), "temporary files left");
      }
      assertEquals("step 4", Files.readString(c.latest().orElseThrow().file("state.txt")), "saved with the weights");
      assertThrows(IllegalArgumentException.class, () -> c.save(s, 5, java.util.Map.of("model.index", new byte[0])));
      assertEquals(4, c.latest().orElseThrow().step(), "a refused save changes nothing");
      s.restore(c.list().get(0).prefix());
      try (Result r = s.runner().fetch(v).run()) {
        assertEquals(3f, ((TFloat32) r.get(0)).getFloat());
      }
    }
  }

  @Test
  void aPointerToAMissingCheckpointIsAnError() throws Exception {
    assertTrue(Checkpoints.latest(dir).isEmpty());
    Files.writeString(dir.resolve(Checkpoints.POINTER), "ckpt-9\n");
    CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.latest(dir));
    assertTrue(e.getMessage().contains("ckpt-9"), e.getMessage());
  }
}
