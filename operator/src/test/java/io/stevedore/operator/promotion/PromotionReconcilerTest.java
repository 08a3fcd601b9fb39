package io.stevedore.operator.promotion;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.ReleaseHistoryEntry;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Promotions against the embedded API: the happy path, queueing and what the history shows. */
class PromotionReconcilerTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();
  private final PromotionTesting t = new PromotionTesting(harness);

  @Test
  void aPromotionRollsOutVerifiesAndSucceedsAndTheEnvironmentRemembersIt() {
    String ns = harness.newNamespace();
    var staging = Fixtures.environment(ns, "staging");
    staging.getSpec().setPromotion(PromotionTesting.quickPolicy(null));
    harness.create(staging);
    harness.awaitReady(Environment.class, ns, "staging", true, "Available");
    var promotion = Fixtures.promotion(ns, "staging-1-1-0", "staging", Fixtures.release("1.1.0"));
    promotion.getMetadata().setAnnotations(Map.of(Promotion.PROMOTED_BY_ANNOTATION, "ci/build-42"));
    harness.create(promotion);

    var done = t.awaitPhase(ns, "staging-1-1-0", PromotionPhase.Succeeded);

    assertThat(PromotionTesting.succeeded(done))
        .startsWith("Succeeded: 1.1.0 runs in staging, verified for 1s [True]");
    assertThat(PromotionTesting.condition(done, "Finished"))
        .startsWith("Succeeded:")
        .endsWith("[True]");
    assertThat(PromotionTesting.condition(done, "Ready")).endsWith("[True]");
    assertThat(PromotionTesting.condition(done, "Approved")).startsWith("NotRequired:");
    var status = done.getStatus();
    assertThat(status.getRelease().getVersion()).isEqualTo("1.1.0");
    assertThat(status.getRollbackRelease().getVersion()).isEqualTo("1.0.0");
    assertThat(status.getPromotedBy()).isEqualTo("ci/build-42");
    assertThat(Instant.parse(status.getStartedAt()))
        .isBeforeOrEqualTo(Instant.parse(status.getVerificationStartedAt()));
    assertThat(Instant.parse(status.getFinishedAt()))
        .isAfterOrEqualTo(Instant.parse(status.getVerificationStartedAt()).plusSeconds(1));
    assertThat(status.getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
    eventually()
        .untilAsserted(
            () -> {
              var env = t.environment(ns, "staging");
              assertThat(env.getSpec().getRelease().getVersion()).isEqualTo("1.1.0");
              assertThat(env.getStatus().getRelease()).isEqualTo("1.1.0");
              assertThat(env.getStatus().getLastGoodRelease().getVersion()).isEqualTo("1.1.0");
              ReleaseHistoryEntry top = env.getStatus().getHistory().get(0);
              assertThat(top.getPromotion()).isEqualTo("staging-1-1-0");
              assertThat(top.getPromotedBy()).isEqualTo("ci/build-42");
              assertThat(top.getOutcome()).isEqualTo(ReleaseOutcome.Succeeded);
              assertThat(env.getStatus().getHistory().get(1).getVersion()).isEqualTo("1.0.0");
            });
    var ingest =
        harness.client().apps().deployments().inNamespace(ns).withName("staging-ingest").get();
    assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/runtime:1.1.0");
    assertThat(t.hasEvent(ns, "staging-1-1-0", "RollingOut", "Normal")).isTrue();
    assertThat(t.hasEvent(ns, "staging-1-1-0", "Verifying", "Normal")).isTrue();
    assertThat(t.hasEvent(ns, "staging-1-1-0", "Succeeded", "Normal")).isTrue();
    assertThat(t.hasEvent(ns, "staging", "Promoting", "Normal")).isTrue();
  }

  @Test
  void promotionsOfOneEnvironmentRunOneAtATimeInOrder() {
    String ns = harness.newNamespace();
    var prod = Fixtures.environment(ns, "prod");
    prod.getSpec().setPromotion(PromotionTesting.quickPolicy(null));
    harness.create(prod);
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");

    harness.create(Fixtures.promotion(ns, "first", "prod", Fixtures.release("1.1.0")));
    harness.create(Fixtures.promotion(ns, "second", "prod", Fixtures.release("1.2.0")));

    var queued = t.awaitReason(ns, "second", "Queued");
    assertThat(PromotionTesting.succeeded(queued)).contains("waiting for Promotion first");
    var first = t.awaitPhase(ns, "first", PromotionPhase.Succeeded);
    var second = t.awaitPhase(ns, "second", PromotionPhase.Succeeded);
    assertThat(Instant.parse(second.getStatus().getStartedAt()))
        .isAfterOrEqualTo(Instant.parse(first.getStatus().getFinishedAt()));
    assertThat(second.getStatus().getRollbackRelease().getVersion()).isEqualTo("1.1.0");
    eventually()
        .untilAsserted(
            () ->
                assertThat(t.environment(ns, "prod").getStatus().getHistory())
                    .extracting(ReleaseHistoryEntry::getVersion)
                    .containsExactly("1.2.0", "1.1.0", "1.0.0"));
  }

  @Test
  void aReleaseSetByHandIsRecordedWithWhoSetIt() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "dev"));
    harness.awaitReady(Environment.class, ns, "dev", true, "Available");

    t.editEnvironment(
        ns,
        "dev",
        e -> {
          e.getSpec().setRelease(Fixtures.release("1.3.0"));
          e.getMetadata().setAnnotations(Map.of(Promotion.PROMOTED_BY_ANNOTATION, "alice"));
        });

    eventually()
        .untilAsserted(
            () -> {
              var status = t.environment(ns, "dev").getStatus();
              assertThat(status.getRelease()).isEqualTo("1.3.0");
              assertThat(status.getLastGoodRelease().getVersion()).isEqualTo("1.3.0");
              var top = status.getHistory().get(0);
              assertThat(top.getPromotedBy()).isEqualTo("alice");
              assertThat(top.getPromotion()).isNull();
              assertThat(top.getOutcome()).isEqualTo(ReleaseOutcome.RolledOut);
            });
  }

  @Test
  void aFinishedPromotionWithATtlIsDeletedAndTheHistoryKeepsItsRecord() {
    String ns = harness.newNamespace();
    var staging = Fixtures.environment(ns, "staging");
    staging.getSpec().setPromotion(PromotionTesting.quickPolicy(null));
    harness.create(staging);
    harness.awaitReady(Environment.class, ns, "staging", true, "Available");
    var promotion = Fixtures.promotion(ns, "short-lived", "staging", Fixtures.release("1.1.0"));
    promotion.getSpec().setTtlSecondsAfterFinished(1);
    harness.create(promotion);

    t.awaitPhase(ns, "short-lived", PromotionPhase.Succeeded);

    eventually().untilAsserted(() -> assertThat(t.promotion(ns, "short-lived")).isNull());
    eventually()
        .untilAsserted(
            () -> assertThat(t.hasEvent(ns, "staging", "PromotionExpired", "Normal")).isTrue());
    var top = t.environment(ns, "staging").getStatus().getHistory().get(0);
    assertThat(top.getPromotion()).isEqualTo("short-lived");
    assertThat(top.getOutcome()).isEqualTo(ReleaseOutcome.Succeeded);
  }
}
