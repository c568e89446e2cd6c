package io.github.layeract.datasets.download;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.io.AtomicFiles;
import io.github.layeract.tf.io.FileTrees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks {@code .tar} and {@code .tar.gz} archives so that every top-level entry appears whole or not at all: the
 * archive is extracted into a temporary folder beside the destination, then each top-level entry is renamed into
 * the destination. Entries with absolute paths or {@code ..} components are refused; only regular files and
 * directories are extracted.
 */
public final class Archives {

  private Archives() {}

  /** Extracts {@code archive} (gzip-compressed when its name ends in {@code .gz} or {@code .tgz}) into {@code dest}. */
  public static void extractTar(Path archive, Path dest) {
    Path temp = null;
    try {
      Files.createDirectories(dest);
      temp = Files.createTempDirectory(dest, ".extracting-");
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
          InputStream in = isGzip(archive) ? new GzipCompressorInputStream(raw) : raw;
          TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          Path out = temp.resolve(e.getName()).normalize();
          if (!out.startsWith(temp) || e.getName().startsWith("/")) {
            throw new DatasetException(archive, "unsafe entry name " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else if (e.isFile()) {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out);
          }
        }
      }
      try (Stream<Path> top = Files.list(temp)) {
        for (Path p : top.toList()) {
          Path target = dest.resolve(p.getFileName().toString());
          if (Files.isDirectory(target)) {
            FileTrees.delete(target);
          }
          AtomicFiles.moveIntoPlace(p, target);
        }
      }
    } catch (IOException e) {
      throw new DatasetException(archive, "cannot extract: " + e.getMessage(), e);
    } finally {
      FileTrees.deleteQuietly(temp);
    }
  }

  private static boolean isGzip(Path archive) {
    String name = archive.getFileName().toString();
    return name.endsWith(".gz") || name.endsWith(".tgz");
  }
}
