package io.github.layeract.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.datasets.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of {@code corrupt --dataset} in another JVM: every file left is complete, and a rerun finishes the set. */
class KilledCommandsTest {

  private static final List<String> ARGS = List.of("corrupt", "--dataset", "fashion-mnist-sample", "--corruptions",
      "gaussian_noise,shot_noise,impulse_noise");   // shot_noise takes most of the time: the kill lands in it

  @TempDir
  Path tmp;

  @Test
  void corruptKilledAfterItsFirstFileLeavesOnlyCompleteFilesAndARerunFinishes() throws Exception {
    Path straight = tmp.resolve("straight");
    assertEquals(0, CliRun.run(args(straight)).code());
    Path killed = tmp.resolve("killed");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args(killed)));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    while (npys(killed).isEmpty()) {   // the first corruption is written
      assertTrue(p.isAlive(), "corrupt ended before it could be killed");
      Thread.sleep(5);
    }
    p.destroyForcibly().waitFor();
    for (Path f : npys(killed)) {
      Npy.readUint8(f);   // complete: header and body agree
    }
    assertEquals(0, CliRun.run(args(killed)).code());
    assertEquals(names(straight), names(killed));
    for (Path f : npys(straight)) {
      assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(killed.resolve(f.getFileName())), f.toString());
    }
  }

  private static String[] args(Path out) {
    List<String> a = new ArrayList<>(ARGS);
    a.addAll(List.of("--out", out.toString()));
    return a.toArray(String[]::new);
  }

  private static List<Path> npys(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".npy")).sorted().toList();
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).filter(n -> !n.equals(".layeract.lock")).sorted().toList();
    }
  }
}
