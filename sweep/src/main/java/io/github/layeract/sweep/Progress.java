package io.github.layeract.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The driver's progress lines, read from the cell directories (the tasks may run on other machines): one line when
 * a count changes and at least every 10 s, e.g. {@code sweep: 3/8 done, 2 running (step 40, 12), 0 failed}.
 */
final class Progress {

  private static final long POLL_MS = 1000;
  private static final long EVERY_MS = 10_000;

  private final Path out;
  private final List<Cell> cells;
  private final PrintStream log;
  private final Thread thread;

  Progress(Path out, List<Cell> cells, PrintStream log) {
    this.out = out;
    this.cells = cells;
    this.log = log;
    thread = new Thread(this::loop, "sweep-progress");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
    log.println(line());
  }

  private void loop() {
    String last = "";
    long printed = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String now = line();
        long t = System.currentTimeMillis();
        if (!now.equals(last) || t - printed >= EVERY_MS) {
          log.println(now);
          last = now;
          printed = t;
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  String line() {
    Map<String, Integer> n = new TreeMap<>();
    StringBuilder steps = new StringBuilder();
    for (Cell c : cells) {
      CellDirectory cd = CellDirectory.of(out, c);
      String s = Status.state(cd);
      n.merge(s, 1, Integer::sum);
      if (s.equals("running")) {
        String step = Status.lastStep(cd.dir());
        steps.append(steps.length() == 0 ? "" : ", ").append(step.isEmpty() ? "0" : step);
      }
    }
    return String.format(Locale.ROOT, "sweep: %d/%d done, %d running%s, %d failed", n.getOrDefault("done", 0),
        cells.size(), n.getOrDefault("running", 0), steps.length() == 0 ? "" : " (step " + steps + ")",
        n.getOrDefault("failed", 0));
  }
}
