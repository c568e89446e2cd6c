package io.github.layeract.tf.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  @TempDir Path dir;

  @Test
  void deletesANestedTreeAndLeavesItsSiblings() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root/a/b"));
    Files.writeString(root.resolve("deep.txt"), "x");
    Files.writeString(dir.resolve("root/top.txt"), "y");
    Files.createDirectories(dir.resolve("root/empty"));
    Path sibling = Files.writeString(dir.resolve("sibling.txt"), "z");

    FileTrees.delete(dir.resolve("root"));

    assertFalse(Files.exists(dir.resolve("root")));
    assertTrue(Files.exists(sibling));
  }

  @Test
  void deletesASingleFileAndIgnoresAMissingPath() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    FileTrees.delete(file);
    assertFalse(Files.exists(file));
    FileTrees.delete(dir.resolve("never-there"));
    assertTrue(FileTrees.deleteQuietly(null));
  }

  @Test
  void deletesALinkButNotWhatItPointsTo() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept.txt"), "x");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createSymbolicLink(root.resolve("link"), outside);

    FileTrees.delete(root);

    assertFalse(Files.exists(root));
    assertTrue(Files.exists(kept));
  }
}
