package io.github.layeract.datasets.io;

import io.github.layeract.datasets.DatasetException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file in the target's
 * directory, which is then renamed over the target (atomically where the file system allows).
 */
public final class AtomicFiles {

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFiles() {}

  /**
   * Writes {@code target} through {@code writer}; on any failure the temporary file is deleted and {@code target}
   * is left as it was.
   *
   * @throws DatasetException naming {@code target} if writing or renaming fails
   */
  public static void write(Path target, Writer writer) {
    if (Files.isDirectory(target)) {
      // otherwise the data is written in full and only the rename fails, with a raw FileSystemException
      throw new DatasetException(target, "is a directory; give a file name");
    }
    Path temp = null;
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      temp = temporarySibling(target);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        writer.write(out);
      }
      moveIntoPlace(temp, target);
      temp = null;
    } catch (IOException e) {
      throw new DatasetException(target, "cannot write: " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Creates an empty, uniquely named file beside {@code target} ({@code .<name>.<random>.tmp}) with the default
   * permissions (unlike {@link Files#createTempFile}, which makes it owner-only).
   */
  public static Path temporarySibling(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    while (true) {
      Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // try another name
      }
    }
  }

  /** Renames {@code source} to {@code target}, replacing it, atomically when supported. */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // best effort: the temporary name never shadows the target
      }
    }
  }
}
