package io.github.layeract.tf.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Recursive deletion of a directory tree, shared by the LayerAct-TF modules (checkpoints, downloads, exports, the
 * demo). It lives in the lowest module so that {@code models} and {@code datasets}, which do not depend on each
 * other, use the same code.
 */
public final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes {@code root} and everything under it; nothing happens if it does not exist. Symbolic links are deleted,
   * not followed.
   *
   * @throws IOException if some entry cannot be deleted (entries deleted before it stay deleted)
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      // deepest first, so that each directory is empty when its turn comes
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * {@link #delete} for clean-up paths where a leftover is harmless (a temporary directory the next attempt
   * removes): {@code null} or a failure is ignored.
   *
   * @return whether {@code root} is gone afterwards
   */
  public static boolean deleteQuietly(Path root) {
    if (root == null) {
      return true;
    }
    try {
      delete(root);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
