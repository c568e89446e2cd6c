package io.github.layeract.datasets.corruptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A parallel loop over indices 0..n-1 in chunks on a private pool of daemon threads, reporting finished chunks on
 * the calling thread in index order. The work of each index must not depend on which thread runs it (the
 * corruption jobs seed every image from its own key), so results are identical for any thread count.
 */
final class Parallel {

  private Parallel() {}

  /**
   * Runs {@code body} for every index; {@code afterChunk} receives the number of indices finished so far (in
   * order). The first failure cancels the rest and is rethrown (unchecked exceptions as they are).
   */
  static void forEach(int n, int threads, IntConsumer body, IntConsumer afterChunk) {
    if (n == 0) {
      return;
    }
    int workers = Math.max(1, threads);
    int chunk = Math.max(1, Math.min(64, n / (workers * 8)));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "corruptions");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int start = 0; start < n; start += chunk) {
        int from = start;
        int to = Math.min(n, start + chunk);
        futures.add(pool.submit(() -> {
          for (int i = from; i < to; i++) {
            body.accept(i);
          }
        }));
      }
      int done = 0;
      for (Future<?> f : futures) {
        f.get();
        done = Math.min(n, done + chunk);
        afterChunk.accept(done);
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The default worker count: the available processors. */
  static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}
