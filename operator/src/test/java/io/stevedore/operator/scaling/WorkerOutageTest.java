package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WorkerOutageTest {

  @Test
  void countsPausedPodsAndEachUnavailableStoreAmongThePodsThatAnswered() {
    var outage =
        WorkerOutage.of(
            List.of(
                pod("a", true, List.of("dynamodb", "mysql")),
                pod("b", true, List.of("mysql")),
                pod("c", false, List.of()),
                PodSample.unreadable("d", true)));

    assertThat(outage.paused()).isTrue();
    assertThat(outage.pausedPods()).isEqualTo(2);
    assertThat(outage.readPods()).isEqualTo(3);
    assertThat(outage.podsByDependency())
        .containsExactly(java.util.Map.entry("dynamodb", 1), java.util.Map.entry("mysql", 2));
    assertThat(outage.describe())
        .startsWith("dynamodb unavailable on 1 of 3 pods, mysql unavailable on 2 of 3 pods")
        .contains("2 of 3 workers paused");
  }

  @Test
  void podsThatDidNotAnswerAreNeverTakenForPaused() {
    var outage = WorkerOutage.of(List.of(PodSample.unreadable("a", true)));

    assertThat(outage.paused()).isFalse();
    assertThat(outage.describe()).isEqualTo("no worker pod answered");
  }

  @Test
  void thePausedPodsGaugeFollowsEachStoreAndFallsToZeroWhenItIsBack() {
    var registry = new SimpleMeterRegistry();
    var metrics = new ScalingMetrics(registry);
    var pool = new ResourceID("pool", "ns");
    var decision = new Scenario().current(1).backlog(0, 0).decide();

    metrics.record(pool, decision, WorkerOutage.of(List.of(pod("a", true, List.of("mysql")))));
    var gauge = registry.get("stevedore.workerpool.paused.pods").tag("dependency", "mysql").gauge();
    assertThat(gauge.value()).isEqualTo(1);

    metrics.record(pool, decision, WorkerOutage.of(List.of(pod("a", false, List.of()))));
    assertThat(gauge.value()).isZero();
  }

  private static PodSample pod(String name, boolean paused, List<String> unavailable) {
    return new PodSample(
        name,
        true,
        false,
        OptionalInt.of(0),
        OptionalLong.of(0),
        OptionalDouble.of(0),
        paused,
        unavailable);
  }
}
