package io.github.layeract.evaluation.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) and SIGTERM ask for a stop instead of shutting the JVM down, so training ends after its
 * current step with a checkpoint and the command exits 130 (the JVM's own handler would exit 143 on SIGTERM, however
 * cleanly the run stopped). A second signal exits as the JVM's handler would (128 + the signal number). Signals the
 * process ignores (a background job's SIGINT) stay ignored.
 */
final class StopOnInterrupt implements AutoCloseable {

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  StopOnInterrupt(Runnable stop) {
    AtomicBoolean asked = new AtomicBoolean();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal signal = new Signal(name);
      try {
        SignalHandler before = Signal.handle(signal, s -> {
          if (asked.getAndSet(true)) {
            System.exit(128 + s.getNumber());   // what the JVM's own handler does
          } else {
            stop.run();
          }
        });
        previous.put(signal, before);
      } catch (IllegalArgumentException ignoredByProcess) {
        // the signal is ignored or reserved here: nothing to turn into a stop
      }
    }
  }

  /** Restores the handlers found when this was opened. */
  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
