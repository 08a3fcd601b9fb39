package io.stevedore.operator.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.GateResult;
import io.stevedore.operator.api.v1alpha1.GateStatus;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
  private static final Duration WINDOW = Duration.ofSeconds(60);

  static Stream<Arguments> deadLetterRates() {
    return Stream.of(
        // increase, span seconds, result, reason
        Arguments.of(0.0, 60, GateResult.Passed, "Passed", "0.0/min"),
        Arguments.of(5.0, 60, GateResult.Passed, "Passed", "5.0/min"),
        Arguments.of(6.0, 60, GateResult.Blocked, "DeadLetterRateTooHigh", "6.0/min"),
        Arguments.of(10.0, 120, GateResult.Passed, "Passed", "5.0/min"),
        Arguments.of(12.0, 120, GateResult.Blocked, "DeadLetterRateTooHigh", "6.0/min"),
        Arguments.of(0.0, 20, GateResult.Unknown, "Measuring", ""),
        Arguments.of(5.0, 20, GateResult.Unknown, "Measuring", ""),
        // already more than a whole window allows: no need to wait for its end
        Arguments.of(6.0, 10, GateResult.Blocked, "DeadLetterRateTooHigh", "36.0/min"));
  }

  @ParameterizedTest(name = "+{0} in {1}s -> {2}")
  @MethodSource("deadLetterRates")
  void deadLetterRateIsJudgedOverTheWholeWindowButFailsAsSoonAsItIsCertain(
      double increase, int spanSeconds, GateResult result, String reason, String measured) {
    var gate =
        verificationGate(
            bounds(null, 5.0, null),
            reading(
                new HealthReading.WindowedCount(
                    increase, Duration.ofSeconds(spanSeconds), "acme +" + (long) increase, null),
                null),
            Gates.DEAD_LETTER_RATE);

    assertThat(gate.getResult()).isEqualTo(result);
    assertThat(gate.getReason()).isEqualTo(reason);
    assertThat(gate.getMeasured()).isEqualTo(measured);
    assertThat(gate.getBound()).isEqualTo("<= 5.0/min");
  }

  static Stream<Arguments> ingestErrorRatios() {
    return Stream.of(
        Arguments.of(0.0, 1000.0, 60, GateResult.Passed, "Passed", "0.00%"),
        Arguments.of(10.0, 1000.0, 60, GateResult.Passed, "Passed", "1.00%"),
        Arguments.of(11.0, 1000.0, 60, GateResult.Blocked, "IngestErrorRatioTooHigh", "1.10%"),
        Arguments.of(0.0, 0.0, 60, GateResult.Passed, "Passed", "0 events"),
        Arguments.of(500.0, 1000.0, 30, GateResult.Unknown, "Measuring", ""));
  }

  @ParameterizedTest(name = "{0} of {1} in {2}s -> {3}")
  @MethodSource("ingestErrorRatios")
  void ingestErrorRatioIsServerSideFailuresAmongAttemptsOverTheWindow(
      double errors, double total, int span, GateResult result, String reason, String measured) {
    var gate =
        verificationGate(
            bounds(null, null, 0.01),
            reading(
                null,
                new HealthReading.WindowedRatio(errors, total, Duration.ofSeconds(span), "", null)),
            Gates.INGEST_ERROR_RATIO);

    assertThat(gate.getResult()).isEqualTo(result);
    assertThat(gate.getReason()).isEqualTo(reason);
    assertThat(gate.getMeasured()).isEqualTo(measured);
  }

  static Stream<Arguments> backlogs() {
    return Stream.of(
        Arguments.of(Map.of("standard", 30L, "premium", 90L), List.of(), GateResult.Passed, "90s"),
        Arguments.of(
            Map.of("standard", 30L, "premium", 130L), List.of(), GateResult.Blocked, "130s"),
        Arguments.of(Map.of("standard", 130L), List.of("premium"), GateResult.Blocked, "130s"),
        Arguments.of(Map.of("standard", 30L), List.of("premium"), GateResult.Unknown, "30s"),
        Arguments.of(Map.of(), List.of(), GateResult.Passed, ""));
  }

  @ParameterizedTest(name = "{0}, unmeasured {1} -> {2}")
  @MethodSource("backlogs")
  void backlogAgeIsTheOldestOfThePoolsAndAPoolWithoutAMeasurementIsNeverHealthy(
      Map<String, Long> ages, List<String> unmeasured, GateResult result, String measured) {
    var health =
        new HealthReading(
            "prod", true, "Available", new HealthReading.Backlog(ages, unmeasured), null, null);

    var gate = verificationGate(bounds(120, null, null), health, Gates.BACKLOG_AGE);

    assertThat(gate.getResult()).isEqualTo(result);
    assertThat(gate.getMeasured()).isEqualTo(measured);
    assertThat(gate.getBound()).isEqualTo("<= 120s");
  }

  @Test
  void aMeasurementThatCouldNotBeTakenIsUnknownWithTheReason() {
    var gates =
        Gates.verification(
            policy(bounds(null, 5.0, 0.01), 60),
            reading(
                HealthReading.WindowedCount.unavailable("broker refused the credentials"),
                HealthReading.WindowedRatio.unavailable("pod ingest-1 did not answer")));

    assertThat(gates)
        .filteredOn(g -> !g.getName().equals(Gates.ENVIRONMENT_READY))
        .allSatisfy(
            g -> {
              assertThat(g.getResult()).isEqualTo(GateResult.Unknown);
              assertThat(g.getReason()).isEqualTo(Gates.UNAVAILABLE);
            })
        .extracting(GateStatus::getMessage)
        .containsExactly("broker refused the credentials", "pod ingest-1 did not answer");
  }

  @Test
  void unsetBoundsAreNotCheckedButReadinessAlwaysIs() {
    var notReady = new HealthReading("prod", false, "RollingOut: ingest 1 of 2", null, null, null);

    var gates = Gates.verification(policy(new HealthGates(), 60), notReady);

    assertThat(gates)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.getName()).isEqualTo(Gates.ENVIRONMENT_READY);
              assertThat(g.getResult()).isEqualTo(GateResult.Blocked);
              assertThat(g.getReason()).isEqualTo("EnvironmentNotReady");
              assertThat(Gates.describe(g)).contains("RollingOut: ingest 1 of 2");
            });
  }

  @Test
  void aZeroVerificationWindowChecksNoRates() {
    var gates =
        Gates.verification(
            policy(bounds(null, 5.0, 0.01), 0),
            reading(
                new HealthReading.WindowedCount(0, Duration.ZERO, "", null),
                new HealthReading.WindowedRatio(0, 0, Duration.ZERO, "", null)));

    assertThat(gates).allSatisfy(g -> assertThat(g.getResult()).isEqualTo(GateResult.Passed));
  }

  static Stream<Arguments> sources() {
    var v15 = Fixtures.release("1.5.0");
    var v14 = Fixtures.release("1.4.0");
    Instant tenMinutesAgo = NOW.minusSeconds(600);
    return Stream.of(
        Arguments.of(
            "verified and soaked",
            new Gates.Source("staging", v15, tenMinutesAgo, v15),
            300,
            "Passed",
            "Passed"),
        Arguments.of(
            "verified, not soaked",
            new Gates.Source("staging", v15, NOW.minusSeconds(60), v15),
            300,
            "Passed",
            "Soaking"),
        Arguments.of(
            "not verified yet",
            new Gates.Source("staging", v15, tenMinutesAgo, v14),
            300,
            "SourceNotVerified",
            "Passed"),
        Arguments.of(
            "still rolling out",
            new Gates.Source("staging", v14, tenMinutesAgo, v14),
            300,
            "SourceRollingOut",
            "Soaking"),
        Arguments.of(
            "no soak required", new Gates.Source("staging", v15, NOW, v15), 0, "Passed", "Passed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void beforeRolloutTheReleaseMustBeVerifiedAndSoakedInTheSource(
      String description, Gates.Source source, int soakSeconds, String release, String soak) {
    var policy = new PromotionPolicy();
    policy.setSoakSeconds(soakSeconds);
    var gates =
        Gates.beforeRollout(
            EffectivePolicy.of(policy, NOW),
            Fixtures.release("1.5.0"),
            source,
            new HealthReading("staging", true, "Available", null, null, null),
            null);

    assertThat(gates)
        .extracting(GateStatus::getName)
        .containsExactly(Gates.SOURCE_RELEASE, Gates.SOAK_TIME, Gates.ENVIRONMENT_READY);
    assertThat(gates.get(0).getReason()).isEqualTo(release);
    assertThat(gates.get(1).getReason()).isEqualTo(soak);
  }

  @Test
  void approvalIsTheAnnotationWhenThePolicyRequiresIt() {
    var policy = new PromotionPolicy();
    policy.setRequireApproval(true);

    var missing =
        Gates.beforeRollout(
            EffectivePolicy.of(policy, NOW), Fixtures.release("1.5.0"), null, null, null);
    var given =
        Gates.beforeRollout(
            EffectivePolicy.of(policy, NOW), Fixtures.release("1.5.0"), null, null, "alice");
    var notRequired =
        Gates.beforeRollout(
            EffectivePolicy.of(new PromotionPolicy(), NOW),
            Fixtures.release("1.5.0"),
            null,
            null,
            null);

    assertThat(missing)
        .singleElement()
        .satisfies(g -> assertThat(g.getReason()).isEqualTo("AwaitingApproval"));
    assertThat(given)
        .singleElement()
        .satisfies(g -> assertThat(g.getMessage()).isEqualTo("approved by alice"));
    assertThat(notRequired).isEmpty();
  }

  private static GateStatus verificationGate(
      HealthGates bounds, HealthReading health, String name) {
    return Gates.verification(policy(bounds, 60), health).stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static EffectivePolicy policy(HealthGates bounds, int windowSeconds) {
    var policy = new PromotionPolicy();
    policy.setGates(bounds);
    var verification = new VerificationSpec();
    verification.setWindowSeconds(windowSeconds);
    policy.setVerification(verification);
    return EffectivePolicy.of(policy, NOW);
  }

  private static HealthGates bounds(Integer backlog, Double deadLetters, Double ingestErrors) {
    var gates = new HealthGates();
    gates.setMaxBacklogAgeSeconds(backlog);
    gates.setMaxDeadLetterRatePerMinute(deadLetters);
    gates.setMaxIngestErrorRatio(ingestErrors);
    return gates;
  }

  private static HealthReading reading(
      HealthReading.WindowedCount deadLetters, HealthReading.WindowedRatio ingestErrors) {
    return new HealthReading("prod", true, "Available", null, deadLetters, ingestErrors);
  }
}
