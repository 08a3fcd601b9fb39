package io.stevedore.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KEDA + HPA model behaves as their documented defaults say. */
class KedaHpaModelTest {
  private final KedaHpaModel keda = new KedaHpaModel(100, 1, 50, 0);

  @Test
  void atZeroTheBacklogIsSeenOnlyAtKedasNextPoll() {
    assertThat(keda.decide(0, pool(0, 0))).isZero();

    assertThat(keda.decide(1, pool(0, 500))).isZero();
    assertThat(keda.decide(29, pool(0, 500))).isZero();
    assertThat(keda.decide(30, pool(0, 500))).isEqualTo(1);
  }

  @Test
  void scaleUpIsAtMostDoubleOrPlusFourPerFifteenSecondSync() {
    int replicas = 1;
    List<Integer> sizes = new ArrayList<>();
    for (int t = 0; t <= 60; t++) {
      replicas = keda.decide(t, pool(replicas, 100_000));
      sizes.add(replicas);
    }

    assertThat(sizes.get(0)).isEqualTo(5);
    assertThat(sizes.get(14)).isEqualTo(5);
    assertThat(sizes.get(15)).isEqualTo(10);
    assertThat(sizes.get(30)).isEqualTo(20);
    assertThat(sizes.get(45)).isEqualTo(40);
    assertThat(sizes.get(60)).isEqualTo(50);
  }

  @Test
  void withinTheToleranceNothingChanges() {
    assertThat(keda.decide(0, pool(10, 1050))).isEqualTo(10);
    assertThat(new KedaHpaModel(100, 1, 50, 0).decide(0, pool(10, 1150))).isEqualTo(12);
  }

  @Test
  void scaleDownWaitsForTheFiveMinuteStabilizationWindow() {
    int replicas = keda.decide(0, pool(10, 1000));
    for (int t = 1; t < 300; t++) {
      replicas = keda.decide(t, pool(replicas, 100));
    }
    assertThat(replicas).isEqualTo(10);

    for (int t = 300; t <= 320; t++) {
      replicas = keda.decide(t, pool(replicas, 100));
    }
    assertThat(replicas).isEqualTo(1);
  }

  @Test
  void anInactivePoolGoesToIdleAfterTheCooldown() {
    int replicas = keda.decide(0, pool(3, 10));
    for (int t = 1; t < 300; t++) {
      replicas = keda.decide(t, pool(replicas, 0));
    }
    assertThat(replicas).isEqualTo(1);

    for (int t = 300; t <= 330; t++) {
      replicas = keda.decide(t, pool(replicas, 0));
    }
    assertThat(replicas).isZero();
  }

  private static ScaleSimulation.PoolView pool(int replicas, double backlog) {
    return new ScaleSimulation.PoolView(backlog, 0, replicas, List.of());
  }
}
