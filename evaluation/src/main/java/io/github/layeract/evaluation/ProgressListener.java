package io.github.layeract.evaluation;

/**
 * Receives the progress of long work, one task at a time: the CLI shows {@link #BARS}; a library caller may log it
 * or pass {@link #NONE}.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Progress bars (or plain log lines) on stderr, by {@link Progress#start}. */
  ProgressListener BARS = Progress::start;

  /** Ignores all progress. */
  ProgressListener NONE = (task, total) -> new Task() {
    @Override
    public void step(long n, String status) {}

    @Override
    public void close() {}
  };

  /** A task of {@code total} units starts; the caller steps and closes what this returns. */
  Task start(String task, long total);

  /** One task's progress. */
  interface Task extends AutoCloseable {
    /** Advances by {@code n} units; {@code status} (e.g. the current loss) is shown beside the bar. */
    void step(long n, String status);

    @Override
    void close();
  }
}
