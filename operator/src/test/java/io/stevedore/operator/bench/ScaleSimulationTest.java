package io.stevedore.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleSimulationTest {
  private final ScaleSimulation simulation = new ScaleSimulation(10, 5, 20);

  @Test
  void aFixedPoolWithEnoughCapacityKeepsUpAndCostsItsReplicas() {
    var trace = new Trace("flat", 100, t -> 25, 0, 1);

    var run = simulation.run(trace, fixed(3), 3);

    assertThat(run.replicaSeconds()).isEqualTo(300);
    assertThat(run.sloSeconds()).isZero();
    assertThat(run.samples().get(99).backlog()).isZero();
  }

  @Test
  void anOverloadedPoolBuildsABacklogAndMissesTheSloOnceTheOldestMessageIsOld() {
    var trace = new Trace("overload", 100, t -> 20, 0, 1);

    var run = simulation.run(trace, fixed(1), 1);

    // 10 messages a second pile up; the oldest waits ever longer: half the time it waited > 20 s.
    assertThat(run.samples().get(99).backlog()).isCloseTo(1000, within(1e-6));
    assertThat(run.samples().get(99).oldestAge()).isCloseTo(50, within(1.0));
    assertThat(run.sloSeconds()).isBetween(55, 65);
  }

  @Test
  void newPodsConsumeOnlyAfterTheirStartDelayButCostFromTheirCreation() {
    var trace = new Trace("burst", 20, t -> t < 1 ? 100 : 0, 0, 1);

    var run = simulation.run(trace, fixed(2), 0);

    // Created after second 0, ready 5 s later: 100 messages drain in 5 s at 2 × 10/s.
    assertThat(run.samples().get(5).backlog()).isCloseTo(100, within(1e-6));
    assertThat(run.samples().get(10).backlog()).isZero();
    assertThat(run.replicaSeconds()).isEqualTo(38);
  }

  private static ScaleSimulation.Policy fixed(int replicas) {
    return new ScaleSimulation.Policy() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public int decide(double now, ScaleSimulation.PoolView pool) {
        return replicas;
      }
    };
  }
}
