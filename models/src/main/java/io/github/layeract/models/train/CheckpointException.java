package io.github.layeract.models.train;

import java.nio.file.Path;

/**
 * A checkpoint could not be written (e.g. the disk is full) or read (a truncated or garbled file). The message is one
 * line {@code "<path>: <problem>"} naming the file or checkpoint directory, so a CLI can print it as a user error.
 */
public final class CheckpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final String problem;

  public CheckpointException(Path path, String problem, Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = path;
    this.problem = problem;
  }

  /** The problem, without the path. */
  public String problem() {
    return problem;
  }

  /** The file or checkpoint directory concerned. */
  public Path path() {
    return path;
  }
}
