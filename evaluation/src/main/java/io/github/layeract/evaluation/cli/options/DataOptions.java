package io.github.layeract.evaluation.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command finds its dataset: {@code --data-dir DIR}, or the cache, filled first with {@code --download}. */
public final class DataOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding the dataset's files (default: the "
      + "download cache, or the system's copy of Fashion-MNIST).")
  public Path dataDir;

  @Option(names = "--download", description = "Download the dataset into the cache first if it is missing.")
  public boolean download;
}
