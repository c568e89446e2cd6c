package io.github.layeract.datasets.source;

import io.github.layeract.datasets.download.Checksum;
import java.net.URI;

/**
 * One downloadable file.
 *
 * @param file its name in the cache folder (and under a mirror's base URL)
 * @param url its official location
 * @param checksum the published checksum
 * @param tar whether it is a tar (or tar.gz) archive to unpack into the cache folder
 */
record Remote(String file, URI url, Checksum checksum, boolean tar) {

  /** A gzip file {@code name.gz} under {@code base}, kept as it is. */
  static Remote gz(String base, String name, String md5) {
    return new Remote(name + ".gz", URI.create(base + name + ".gz"), Checksum.md5(md5), false);
  }

  /** A tar archive at {@code url}, unpacked after the download. */
  static Remote tar(String url, String md5) {
    return new Remote(url.substring(url.lastIndexOf('/') + 1), URI.create(url), Checksum.md5(md5), true);
  }
}
