package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScaleInVictimsTest {

  @Test
  void victimsAreNotReadyThenDrainingThenTheLeastInFlightAndCostLessThanEveryKeptPod() {
    var pods =
        List.of(
            pod("busy", true, false, 40),
            pod("idle", true, false, 0),
            pod("starting", false, false, 0),
            pod("draining", true, true, 7),
            pod("light", true, false, 3));

    var costs = ScaleInVictims.deletionCosts(pods, 3);

    assertThat(ScaleInVictims.victims(pods, 3)).containsExactly("starting", "draining", "idle");
    assertThat(costs).containsEntry("light", 3).containsEntry("busy", 40);
    assertThat(costs.get("idle")).isNegative();
  }

  @Test
  void aPodThatCouldNotBeReadIsKeptAsIfBusy() {
    var pods = List.of(PodSample.unreadable("silent", true), pod("busy", true, false, 500));

    assertThat(ScaleInVictims.victims(pods, 1)).containsExactly("busy");
    assertThat(ScaleInVictims.deletionCosts(pods, 1))
        .containsEntry("silent", ScaleInVictims.UNKNOWN_COST);
  }

  private static PodSample pod(String name, boolean ready, boolean draining, int inFlight) {
    return new PodSample(
        name,
        ready,
        draining,
        OptionalInt.of(inFlight),
        OptionalLong.of(0),
        OptionalDouble.empty());
  }
}
