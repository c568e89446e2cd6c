package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.ImageSet;
import io.github.layeract.datasets.MissingDataException;
import io.github.layeract.datasets.Split;
import io.github.layeract.datasets.download.Downloader;
import io.github.layeract.datasets.io.ImageFolder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One dataset of one file format: its facts, where its files are, how to load and check them and how to download
 * them. {@code dataDir} is the folder a user gave, or {@code null} for the default locations. Operations a format
 * does not have fail with a one-line {@link DatasetException}.
 */
public interface DatasetSource {

  /** The catalogue's facts. */
  DatasetInfo info();

  /**
   * The folder holding the files.
   *
   * @throws MissingDataException saying where it looked and how the data can be had
   */
  Path locate(Path dataDir);

  /** A whole split in memory. */
  ImageSet load(Split split, Path dataDir);

  /**
   * The facts as the files state them: the files are found and their headers and sizes checked (cheaply: no
   * image is decoded), and the counts and shape come from them.
   *
   * @throws DatasetException naming the first file that is missing, truncated or malformed
   */
  DatasetInfo describe(Path dataDir);

  /** The corruptions a corrupted dataset's folder holds, sorted by name. */
  default List<String> corruptions(Path dataDir) {
    throw notCorrupted();
  }

  /** One corruption at one severity (1..5) of a corrupted dataset, in memory. */
  default ImageSet loadCorrupted(String corruption, int severity, Path dataDir) {
    throw notCorrupted();
  }

  /** The image files of a split of a dataset stored as class folders. */
  default ImageFolder.Listing listFiles(Split split, Path dataDir) {
    throw new DatasetException(info().name() + " is not stored as image folders");
  }

  /** The image files of one corruption and severity of a corrupted dataset stored as folders. */
  default ImageFolder.Listing listCorruptedFiles(String corruption, int severity, Path dataDir) {
    throw new DatasetException(info().name() + " has no per-corruption image folders");
  }

  /**
   * Fetches the files into {@code cacheRoot/<name>} (from {@code mirror}, a base URL, when not null), verifying
   * checksums; nothing is done when they are there.
   *
   * @return the folder holding the data
   */
  default Path download(Path cacheRoot, Downloader downloader, URI mirror) {
    throw new MissingDataException(info().name(), false, info().name() + " cannot be downloaded automatically");
  }

  private DatasetException notCorrupted() {
    return new DatasetException(info().name() + " is not a corrupted dataset (try " + info().name() + "-c)");
  }
}
