package io.github.layeract.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

  @Test
  void multiStepDropsAtEachMilestoneInIterations() {
    LrSchedule s = LrSchedule.paperCifar();
    assertEquals(0.1, s.at(0), 1e-15);
    assertEquals(0.1, s.at(31_999), 1e-15);
    assertEquals(0.01, s.at(32_000), 1e-15);
    assertEquals(0.001, s.at(48_000), 1e-15);
    assertEquals(0.0001, LrSchedule.paperImageNet().at(599_999), 1e-15);
  }

  @Test
  void cosineRunsFromBaseToMin() {
    LrSchedule s = LrSchedule.cosine(0.1, 100, 0.001);
    assertEquals(0.1, s.at(0), 1e-15);
    assertEquals(0.001 + 0.099 / 2, s.at(50), 1e-12);
    assertEquals(0.001, s.at(100), 1e-15);
    assertEquals(0.001, s.at(1000), 1e-15);
  }

  @Test
  void warmupRisesLinearlyThenHandsOver() {
    LrSchedule s = LrSchedule.constant(0.2).withWarmup(10, 0.1);
    assertEquals(0.02, s.at(0), 1e-15);
    assertEquals(0.2 * (0.1 + 0.9 * 5 / 10.0), s.at(5), 1e-15);
    assertEquals(0.2, s.at(10), 1e-15);
    LrSchedule composed = LrSchedule.multiStep(0.1, 0.5, 20).withWarmup(4, 0);
    assertEquals(0.0, composed.at(0), 1e-15);
    assertEquals(0.05, composed.at(2), 1e-15);
    assertEquals(0.05, composed.at(25), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(1).withWarmup(5, 2));
  }
}
