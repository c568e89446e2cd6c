package io.github.layeract.evaluation.cli.options;

import io.github.layeract.evaluation.UserException;
import picocli.CommandLine.Option;

/**
 * {@code --threads N}: the size of TensorFlow's intra-op pool and of the corruption generator's pool. It changes how
 * fast a command runs, never its result (the kernels and the generator are deterministic whatever the count).
 */
public final class ThreadsOption {

  @Option(names = "--threads", paramLabel = "N", description = "Threads for TensorFlow's intra-op pool and the "
      + "corruption generator (default: all cores).")
  Integer threads;

  /** The thread count: the option's value, or all cores. */
  public int count() {
    if (threads == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (threads < 1) {
      throw new UserException("--threads must be at least 1, got " + threads);
    }
    return threads;
  }
}
