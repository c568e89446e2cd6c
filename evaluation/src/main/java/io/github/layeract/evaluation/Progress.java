package io.github.layeract.evaluation;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a progress bar when stderr is a terminal, otherwise one plain log line at most every
 * {@value #LOG_EVERY_MS} ms and at the end (so logs of CI runs and redirected output stay readable).
 *
 * <pre>{@code
 * try (Progress p = Progress.start("train relu", 1000)) { for (...) { ...; p.step(1, "loss 0.52"); } }
 * }</pre>
 */
public final class Progress implements ProgressListener.Task {

  static final long LOG_EVERY_MS = 10_000;

  private final String task;
  private final long total;
  private final ProgressBar bar;
  private final PrintStream log;
  private final long startNanos = System.nanoTime();
  private long done;
  private long lastLog = System.currentTimeMillis();
  private String message = "";

  private Progress(String task, long total, ProgressBar bar, PrintStream log) {
    this.task = task;
    this.total = total;
    this.bar = bar;
    this.log = log;
  }

  /** Starts tracking {@code total} units of {@code task}. */
  public static Progress start(String task, long total) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"))
        && !Boolean.getBoolean("layeract.plainProgress");
    ProgressBar bar = terminal
        ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250).continuousUpdate().build()
        : null;
    return new Progress(task, total, bar, System.err);
  }

  @Override
  public void step(long n, String status) {
    done += n;
    message = status == null ? "" : status;
    if (bar != null) {
      bar.stepBy(n);
      bar.setExtraMessage(message);
    } else if (System.currentTimeMillis() - lastLog >= LOG_EVERY_MS) {
      logLine();
    }
  }

  /** Seconds since the start. */
  public double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void logLine() {
    lastLog = System.currentTimeMillis();
    log.printf("%s: %d/%d (%.0f%%) %.0fs %s%n", task, done, total, total == 0 ? 100.0 : 100.0 * done / total,
        seconds(), message);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else {
      logLine();
    }
  }
}
