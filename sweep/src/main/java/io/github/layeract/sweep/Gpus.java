package io.github.layeract.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Which GPUs a cell's child sees ({@code CUDA_VISIBLE_DEVICES}). On a cluster Spark schedules them as task
 * resources and the task's addresses are used; local mode has no GPU scheduling, so the sweep keeps its own pool of
 * the devices the driver sees (all tasks are threads of that one JVM).
 */
final class Gpus {

  private final Deque<String> free;
  private final int size;

  Gpus(List<String> devices) {
    free = new ArrayDeque<>(devices);
    size = devices.size();
  }

  /** The pool of this JVM: {@code CUDA_VISIBLE_DEVICES} as the driver got it (none if unset). */
  static Gpus fromEnvironment(String visibleDevices) {
    return new Gpus(visibleDevices == null || visibleDevices.isBlank() ? List.of()
        : Arrays.stream(visibleDevices.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  /** Takes {@code n} devices, waiting for them; fails at once if the pool can never satisfy it. */
  synchronized List<String> acquire(int n) throws InterruptedException {
    if (n > size) {
      throw new IllegalStateException("a run needs " + n + " GPUs but this machine has " + size
          + " (CUDA_VISIBLE_DEVICES of the sweep)");
    }
    while (free.size() < n) {
      wait();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(free.poll());
    }
    return out;
  }

  synchronized void release(List<String> devices) {
    free.addAll(devices);
    notifyAll();
  }

  /** The value of CUDA_VISIBLE_DEVICES for a child given these devices (empty: no GPU visible). */
  static String visible(List<String> devices) {
    return String.join(",", devices);
  }
}
