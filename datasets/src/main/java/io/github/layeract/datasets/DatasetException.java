package io.github.layeract.datasets;

import java.nio.file.Path;

/**
 * A user-facing data problem: a missing, truncated or malformed file, a bad label, an unknown dataset name. The
 * message is one line that names the file (when there is one) and the problem, so a CLI can print it without a
 * stack trace, e.g. {@code /data/train-images-idx3-ubyte.gz: wrong magic number 0x00000801, expected 0x00000803}.
 */
public class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A problem not tied to one file (e.g. an unknown dataset name). */
  public DatasetException(String message) {
    super(message);
  }

  /** A problem not tied to one file, with its cause. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A problem with {@code file}: the message reads {@code "<file>: <problem>"}. */
  public DatasetException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /** A problem with {@code file} caused by {@code cause} (typically an {@link java.io.IOException}). */
  public DatasetException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
