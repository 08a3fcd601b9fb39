package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantReadinessTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final Duration RESYNC = Duration.ofSeconds(30);
  private static final ProvisioningCondition QUEUES =
      ProvisioningCondition.ready("QueuesReady", "Declared", "ok");
  private static final ProvisioningCondition TABLE =
      ProvisioningCondition.ready("TableReady", "Active", "ok");

  @Test
  void allStepsReadyIsProvisionedOrSuspended() {
    var ready = TenantReadiness.summarize(List.of(QUEUES, TABLE), false, "q", "standard");
    var suspended = TenantReadiness.summarize(List.of(QUEUES, TABLE), true, "q", "standard");

    assertThat(ready.ready()).isTrue();
    assertThat(ready.reason()).isEqualTo("Provisioned");
    assertThat(ready.message()).isEqualTo("queue q served by WorkerPool standard");
    assertThat(suspended.ready()).isTrue();
    assertThat(suspended.reason()).isEqualTo("Suspended");
  }

  @Test
  void aFailedStepNamesItsReasonEvenBesideAPendingOne() {
    var failed = ProvisioningCondition.failed("ConfigReady", "MySqlUnavailable", "down");
    var pending =
        ProvisioningCondition.pending("TableReady", "Creating", "creating", Duration.ofSeconds(1));

    var state = TenantReadiness.summarize(List.of(QUEUES, pending, failed), false, "q", "p");

    assertThat(state.ready()).isFalse();
    assertThat(state.warning()).isTrue();
    assertThat(state.reason()).isEqualTo("MySqlUnavailable");
    assertThat(state.message()).contains("ConfigReady: down");
  }

  @Test
  void aPendingStepIsProgressingAndLooksAgainSoon() {
    var pending =
        ProvisioningCondition.pending("TableReady", "Creating", "creating", Duration.ofSeconds(1));

    var state = TenantReadiness.summarize(List.of(QUEUES, pending), false, "q", "p");

    assertThat(state.reason()).isEqualTo("Provisioning");
    assertThat(state.warning()).isFalse();
    assertThat(TenantReadiness.requeue(List.of(QUEUES, pending), List.of(), NOW, RESYNC, null))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @ParameterizedTest(name = "failing for {0}s -> retry after {1}s")
  @CsvSource({"0, 1", "1, 1", "4, 4", "17, 17", "30, 30", "600, 30"})
  void backoffGrowsWithHowLongTheStepHasFailedUpToThirtySeconds(long failingFor, long retry) {
    var failed = ProvisioningCondition.failed("ConfigReady", "MySqlUnavailable", "down");
    List<Condition> previous =
        List.of(
            new ConditionBuilder()
                .withType("ConfigReady")
                .withStatus("False")
                .withLastTransitionTime(NOW.minusSeconds(failingFor).toString())
                .build());

    assertThat(TenantReadiness.requeue(List.of(failed), previous, NOW, RESYNC, null))
        .isEqualTo(Duration.ofSeconds(retry));
  }

  @Test
  void readyTenantIsLookedAtAgainAtTheResyncOrWhenItsOverlapEnds() {
    assertThat(TenantReadiness.requeue(List.of(QUEUES), List.of(), NOW, RESYNC, null))
        .isEqualTo(RESYNC);
    assertThat(TenantReadiness.requeue(List.of(QUEUES), List.of(), NOW, RESYNC, NOW.plusSeconds(5)))
        .isEqualTo(Duration.ofMillis(5_100));
    assertThat(
            TenantReadiness.requeue(List.of(QUEUES), List.of(), NOW, RESYNC, NOW.plusSeconds(300)))
        .isEqualTo(RESYNC);
  }

  @Test
  void driftChecksAreSpreadOverTheLastQuarterOfTheResyncPeriod() {
    var period = Duration.ofSeconds(30);
    assertThat(TenantReadiness.spread(period, 0)).isEqualTo(period);
    assertThat(TenantReadiness.spread(period, 0.5)).isEqualTo(Duration.ofMillis(26_250));
    assertThat(TenantReadiness.spread(period, 1)).isEqualTo(Duration.ofMillis(22_500));
  }
}
