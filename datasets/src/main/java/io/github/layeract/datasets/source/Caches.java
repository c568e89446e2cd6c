package io.github.layeract.datasets.source;

import java.nio.file.Path;

/** Where downloads go and where a dataset is looked for when no folder is given. */
public final class Caches {

  private Caches() {}

  /** {@code -Dlayeract.cache}, else {@code $LAYERACT_CACHE}, else {@code ~/.cache/layeract}. */
  public static Path dir() {
    String prop = System.getProperty("layeract.cache");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("LAYERACT_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "layeract");
  }
}
