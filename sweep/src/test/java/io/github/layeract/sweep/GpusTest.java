package io.github.layeract.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The local-mode GPU pool: which devices a cell's child sees. GPU runs themselves cannot be tested here. */
class GpusTest {

  @Test
  void parsesTheDriversDevices() {
    assertEquals("", Gpus.visible(acquire(pool(null), 0)));
    assertEquals("", Gpus.visible(acquire(pool(""), 0)));
    assertEquals("0,2", Gpus.visible(acquire(pool(" 0, ,2 "), 2)));
  }

  @Test
  void concurrentCellsGetDisjointDevicesAndAWaiterGetsReleasedOnes() throws Exception {
    Gpus gpus = pool("0,1,2");
    List<String> a = gpus.acquire(2);
    List<String> b = gpus.acquire(1);
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    assertEquals(Set.of("0", "1", "2"), all, "no device is given to two cells");
    CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return gpus.acquire(2);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThrows(TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS), "waits while busy");
    gpus.release(a);
    assertEquals(new HashSet<>(a), new HashSet<>(waiting.get(30, TimeUnit.SECONDS)));
  }

  @Test
  void aRunNeedingMoreGpusThanTheMachineHasFailsAtOnce() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool("0").acquire(2));
    assertTrue(e.getMessage().contains("needs 2 GPUs but this machine has 1"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  private static List<String> acquire(Gpus gpus, int n) {
    try {
      return gpus.acquire(n);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Gpus pool(String visible) {
    return Gpus.fromEnvironment(visible);
  }
}
