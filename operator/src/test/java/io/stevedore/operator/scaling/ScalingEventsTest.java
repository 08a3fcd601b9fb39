package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.scaling.ObservationFailure.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingEventsTest {

  @Test
  void everyChangeOfReplicasIsAnEventNamingItsRule() {
    var first = report(new Scenario().current(1).backlog(3000, 0).decide());

    assertThat(ScalingEvents.between(null, first))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("ScaledOut");
              assertThat(e.warning()).isFalse();
              assertThat(e.message()).contains("1 -> 10 replicas: DrainTime");
            });
  }

  @Test
  void failuresFallbackAndRecoveryAreAnnouncedOnceEach() {
    var good = report(new Scenario().current(1).backlog(0, 0).decide());
    var failing = report(failure(good, 1));
    var stillFailing = report(failure(failing, 1));
    var fallback = report(failure(stillFailing, 1));

    assertThat(reasons(good, failing)).containsExactly("SourceUnavailable");
    assertThat(reasons(failing, stillFailing)).isEmpty();
    assertThat(reasons(stillFailing, fallback)).containsExactly("FallbackActive");
    var recovered = report(new Scenario().current(1).backlog(0, 0).decide());
    assertThat(reasons(fallback, recovered)).containsExactly("MetricsAvailable", "FallbackEnded");
  }

  @Test
  void pausesAndQuotaLimitsAreAnnouncedWhenTheyBeginAndEnd() {
    var free = report(new Scenario().current(1).backlog(0, 0).decide());
    var paused =
        report(
            new Scenario().current(1).backlog(0, 0).pause(Map.of(Pause.PAUSED, "true")).decide());
    var limited = report(new Scenario().current(1).backlog(3000, 0).quota(0).decide());

    assertThat(reasons(free, paused)).containsExactly("ScalingPaused");
    assertThat(reasons(paused, free)).containsExactly("ScalingResumed");
    assertThat(reasons(free, limited)).containsExactly("QuotaLimited");
    assertThat(reasons(limited, free)).containsExactly("WithinQuota");
  }

  @Test
  void workersPausedForAnOutageAreAWarningOnceAndTheirResumeANormalEvent() {
    var consuming = report(new Scenario().current(2).pausedWorkers(3000, 2, 0, "mysql").decide());
    var pausedScenario = new Scenario().current(2).pausedWorkers(3000, 2, 2, "mysql");
    var paused = report(pausedScenario.decide(), pausedScenario);
    var stillPaused = report(pausedScenario.decide(), pausedScenario);

    assertThat(ScalingEvents.between(consuming, paused))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("WorkersPaused");
              assertThat(e.warning()).isTrue();
              assertThat(e.message())
                  .contains("mysql unavailable on 2 of 2 pods")
                  .contains("keeping 2 replicas");
            });
    assertThat(reasons(paused, stillPaused)).isEmpty();
    assertThat(ScalingEvents.between(paused, consuming))
        .filteredOn(e -> e.reason().equals("WorkersResumed"))
        .singleElement()
        .satisfies(e -> assertThat(e.warning()).isFalse());
  }

  @Test
  void aTenantReachingItsMaxWorkersIsAnnouncedOnceByName() {
    var within = report(new Scenario().current(2).tenants("noisy", 2, 10, "quiet", 4, 10).decide());
    var capped =
        report(new Scenario().current(2).tenants("noisy", 2, 3000, "quiet", 4, 10).decide());
    var stillCapped =
        report(new Scenario().current(2).tenants("noisy", 2, 4000, "quiet", 4, 10).decide());

    assertThat(ScalingEvents.between(within, capped))
        .filteredOn(e -> e.reason().equals("TenantCapped"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.warning()).isFalse();
              assertThat(e.message()).contains("tenant noisy").contains("plan.maxWorkers");
            });
    assertThat(reasons(capped, stillCapped)).doesNotContain("TenantCapped");
    assertThat(reasons(capped, within)).doesNotContain("TenantCapped");
  }

  private static ScalingDecision failure(ScalingReport previous, int current) {
    var s = new Scenario().current(current).failure(Kind.SourceUnavailable);
    s.history = previous.decision().next();
    return s.decide();
  }

  private static List<String> reasons(ScalingReport before, ScalingReport after) {
    return ScalingEvents.between(before, after).stream().map(ScalingEvents.Event::reason).toList();
  }

  private static ScalingReport report(ScalingDecision decision) {
    return new ScalingReport(decision, Optional.empty(), "", WorkerOutage.NONE);
  }

  /** The report of a decision on {@code scenario}'s observation, with its pods' outage. */
  private static ScalingReport report(ScalingDecision decision, Scenario scenario) {
    var pods = ((Observation) scenario.observation).pods();
    return new ScalingReport(decision, Optional.empty(), "", WorkerOutage.of(pods));
  }
}
