package io.github.layeract.datasets.source;

import io.github.layeract.datasets.DatasetException;
import io.github.layeract.datasets.DatasetInfo;
import io.github.layeract.datasets.MissingDataException;
import io.github.layeract.datasets.download.Archives;
import io.github.layeract.datasets.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset whose files live in a folder: the given {@code dataDir}, else the system folders, else
 * {@code <cache>/<name>}; in each, the folder itself or the sub-folder its archive unpacks into.
 */
abstract class FileSource implements DatasetSource {

  private final DatasetInfo info;
  private final String subfolder;
  private final List<Path> systemDirs;
  private final String wanted;
  private final List<Remote> remotes;

  /**
   * @param subfolder the folder the archive unpacks into ("" if none)
   * @param systemDirs default locations searched before the cache
   * @param wanted the files it needs, in words, for messages
   * @param remotes its downloads (none: not downloadable)
   */
  FileSource(DatasetInfo info, String subfolder, List<Path> systemDirs, String wanted, List<Remote> remotes) {
    this.info = info;
    this.subfolder = subfolder;
    this.systemDirs = List.copyOf(systemDirs);
    this.wanted = wanted;
    this.remotes = List.copyOf(remotes);
  }

  /** Whether {@code dir} holds this dataset's files (a cheap test: a marker file or folder exists). */
  abstract boolean holdsData(Path dir);

  /** Extra words for the not-found message, e.g. another way to install the data; "" for none. */
  String otherWays() {
    return "";
  }

  @Override
  public DatasetInfo info() {
    return info;
  }

  @Override
  public Path locate(Path dataDir) {
    List<Path> candidates = new ArrayList<>();
    if (dataDir != null) {
      candidates.add(dataDir);
    } else {
      candidates.addAll(systemDirs);
      candidates.add(Caches.dir().resolve(info.name()));
    }
    for (Path c : candidates) {
      if (holdsData(c)) {
        return c;
      }
      if (!subfolder.isEmpty() && holdsData(c.resolve(subfolder))) {
        return c.resolve(subfolder);
      }
    }
    StringBuilder sb = new StringBuilder(info.name()).append(": data not found (looked for ").append(wanted)
        .append(" in ").append(String.join(", ", candidates.stream().map(Path::toString).toList())).append("); ")
        .append(otherWays());
    if (downloadable()) {
      sb.append("download it into ").append(Caches.dir().resolve(info.name())).append(", or ");
    } else {
      sb.append("it cannot be downloaded automatically; ");
    }
    throw new MissingDataException(info.name(), downloadable(), sb.append("give a folder holding ").append(wanted)
        .toString());
  }

  /** The not-found error for a dataset that needs a folder and was given none. */
  MissingDataException needsFolder() {
    return new MissingDataException(info.name(), false, info.name() + " needs a folder holding " + wanted);
  }

  /** The error of {@link #load} for a corruption benchmark, which has no clean splits. */
  DatasetException corruptedOnly() {
    return new DatasetException(info.name() + " holds corrupted test sets: load them with a corruption and a "
        + "severity");
  }

  private boolean downloadable() {
    return !remotes.isEmpty();
  }

  @Override
  public Path download(Path cacheRoot, Downloader downloader, URI mirror) {
    if (!downloadable()) {
      throw new MissingDataException(info.name(), false, info.name() + " cannot be downloaded automatically; give a "
          + "folder holding " + wanted);
    }
    Path dir = cacheRoot.resolve(info.name());
    try {
      return locate(dir);
    } catch (MissingDataException notYet) {
      // fall through: fetch it
    }
    for (Remote r : remotes) {
      URI url = mirror == null ? r.url() : mirror.resolve(r.file());
      Path target = downloader.fetch(url, dir.resolve(r.file()), r.checksum());
      if (r.tar()) {
        Archives.extractTar(target, dir);
        try {
          Files.delete(target);
        } catch (IOException ex) {
          throw new DatasetException(target, "cannot delete the unpacked archive: " + ex.getMessage(), ex);
        }
      }
    }
    return locate(dir);
  }

  /** {@code info()} with the counts the files hold. */
  DatasetInfo withCounts(int train, int test) {
    return new DatasetInfo(info.name(), info.description(), info.classes(), info.height(), info.width(),
        info.channels(), train, test, info.normalization(), info.corrupted(), info.downloadable());
  }
}
