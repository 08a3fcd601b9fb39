package io.stevedore.operator.promotion;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.GateResult;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What holds a promotion back until it may run: the source's verdict, soak time, approval. */
class PromotionGatesTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();
  private final PromotionTesting t = new PromotionTesting(harness);

  @Test
  void aReleaseGoesToProductionOnlyOnceVerifiedInStagingAndSoakedThere() {
    String ns = harness.newNamespace();
    var staging = Fixtures.environment(ns, "staging");
    var stagingPolicy = PromotionTesting.quickPolicy(null);
    stagingPolicy.getVerification().setWindowSeconds(2);
    staging.getSpec().setPromotion(stagingPolicy);
    var prod = Fixtures.environment(ns, "prod");
    var prodPolicy = PromotionTesting.quickPolicy("staging");
    // Soaks far longer than any verification takes, until shortened below: no timing luck.
    prodPolicy.setSoakSeconds(3600);
    prod.getSpec().setPromotion(prodPolicy);
    harness.create(staging);
    harness.create(prod);
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");
    harness.create(Fixtures.promotion(ns, "staging-1-1-0", "staging", Fixtures.release("1.1.0")));
    t.awaitPhase(ns, "staging-1-1-0", PromotionPhase.Verifying);

    harness.create(Fixtures.promotion(ns, "prod-1-1-0", "prod", Fixtures.release("1.1.0")));

    var waiting = t.awaitReason(ns, "prod-1-1-0", "SourceNotVerified");
    assertThat(PromotionTesting.condition(waiting, "GatesPassed"))
        .startsWith("SourceNotVerified:")
        .endsWith("[False]");
    assertThat(waiting.getStatus().getGates())
        .filteredOn(g -> g.getName().equals("SourceRelease"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.getResult()).isEqualTo(GateResult.Blocked);
              assertThat(g.getEnvironment()).isEqualTo("staging");
              assertThat(g.getBound()).isEqualTo("1.1.0 verified");
            });
    var soaking = t.awaitReason(ns, "prod-1-1-0", "Soaking");
    assertThat(PromotionTesting.succeeded(soaking))
        .contains("SoakTime on staging", "(bound >= 3600s)");
    t.editEnvironment(ns, "prod", e -> e.getSpec().getPromotion().setSoakSeconds(3));
    var staged = t.promotion(ns, "staging-1-1-0");
    var done = t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.Succeeded);

    assertThat(done.getStatus().getSourceEnvironment()).isEqualTo("staging");
    assertThat(Instant.parse(done.getStatus().getStartedAt()))
        .isAfterOrEqualTo(Instant.parse(staged.getStatus().getFinishedAt()))
        .isAfterOrEqualTo(
            Instant.parse(t.environment(ns, "staging").getStatus().getReleaseSince())
                .plusSeconds(3));
    assertThat(t.hasEvent(ns, "prod-1-1-0", "Soaking", "Normal")).isTrue();
  }

  @Test
  void aPromotionFromAnEnvironmentPromotesWhatRunsThere() {
    String ns = harness.newNamespace();
    var dev = Fixtures.environment(ns, "dev");
    dev.getSpec().setRelease(Fixtures.release("2.0.0"));
    harness.create(dev);
    var qa = Fixtures.environment(ns, "qa");
    qa.getSpec().setPromotion(PromotionTesting.quickPolicy("dev"));
    harness.create(qa);
    harness.awaitReady(Environment.class, ns, "dev", true, "Available");

    harness.create(Fixtures.promotionFrom(ns, "qa-from-dev", "qa", "dev"));

    var done = t.awaitPhase(ns, "qa-from-dev", PromotionPhase.Succeeded);
    assertThat(done.getStatus().getRelease().getVersion()).isEqualTo("2.0.0");
    assertThat(t.environment(ns, "qa").getSpec().getRelease().getImage())
        .isEqualTo("registry.example/runtime:2.0.0");
  }

  @Test
  void anUnreadySourceBlocksThePromotionUntilItIsReadyAgain() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    var prod = Fixtures.environment(ns, "prod");
    prod.getSpec().setPromotion(PromotionTesting.quickPolicy("staging"));
    harness.create(prod);
    harness.awaitReady(Environment.class, ns, "staging", true, "Available");
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");
    // An ingest request above its limit: staging keeps running, but is not Ready.
    t.editEnvironment(
        ns, "staging", e -> e.getSpec().getIngest().setResources(requestAboveLimit()));
    harness.awaitReady(Environment.class, ns, "staging", false, "InvalidSpec");

    harness.create(Fixtures.promotion(ns, "prod-1-0-0", "prod", Fixtures.release("1.0.0")));

    var blocked = t.awaitReason(ns, "prod-1-0-0", "EnvironmentNotReady");
    assertThat(PromotionTesting.succeeded(blocked))
        .contains("EnvironmentReady on staging: False (bound True)", "InvalidSpec");
    assertThat(PromotionTesting.condition(blocked, "Ready")).endsWith("[False]");
    eventually()
        .untilAsserted(
            () ->
                assertThat(t.hasEvent(ns, "prod-1-0-0", "EnvironmentNotReady", "Warning"))
                    .isTrue());
    t.editEnvironment(ns, "staging", e -> e.getSpec().getIngest().setResources(null));
    t.awaitPhase(ns, "prod-1-0-0", PromotionPhase.Succeeded);
  }

  @Test
  void aPromotionThatNeedsApprovalWaitsForTheAnnotation() {
    String ns = harness.newNamespace();
    var prod = Fixtures.environment(ns, "prod");
    var policy = PromotionTesting.quickPolicy(null);
    policy.setRequireApproval(true);
    prod.getSpec().setPromotion(policy);
    harness.create(prod);
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");
    harness.create(Fixtures.promotion(ns, "prod-1-1-0", "prod", Fixtures.release("1.1.0")));

    var waiting = t.awaitReason(ns, "prod-1-1-0", "AwaitingApproval");
    assertThat(PromotionTesting.condition(waiting, "Approved"))
        .startsWith("AwaitingApproval:")
        .endsWith("[False]");
    assertThat(t.environment(ns, "prod").getSpec().getRelease().getVersion()).isEqualTo("1.0.0");

    t.annotate(ns, "prod-1-1-0", Promotion.APPROVED_BY_ANNOTATION, "bob");

    var done = t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.Succeeded);
    assertThat(done.getStatus().getApprovedBy()).isEqualTo("bob");
    assertThat(PromotionTesting.condition(done, "Approved"))
        .isEqualTo("Approved: approved by bob [True]");
  }

  @Test
  void aLoopInThePoliciesIsReportedOnTheEnvironments() {
    String ns = harness.newNamespace();
    var a = Fixtures.environment(ns, "a");
    a.getSpec().setPromotion(PromotionTesting.quickPolicy("b"));
    harness.create(a);
    harness.awaitReady(Environment.class, ns, "a", true, "Available");
    var b = Fixtures.environment(ns, "b");
    b.getSpec().setPromotion(PromotionTesting.quickPolicy("a"));
    harness.create(b);

    eventually()
        .untilAsserted(
            () -> {
              for (String name : new String[] {"a", "b"}) {
                var condition =
                    Conditions.find(
                            t.environment(ns, name).getStatus().getConditions(), "PromotionPolicy")
                        .orElseThrow();
                assertThat(condition.getStatus()).isEqualTo("False");
                assertThat(condition.getReason()).isEqualTo("PromotionCycle");
              }
            });
    assertThat(Conditions.isTrue(t.environment(ns, "a").getStatus().getConditions(), "Ready"))
        .isTrue();
    assertThat(t.hasEvent(ns, "a", "PromotionCycle", "Warning")).isTrue();
  }

  private static io.fabric8.kubernetes.api.model.ResourceRequirements requestAboveLimit() {
    return new ResourceRequirementsBuilder()
        .addToRequests("memory", new Quantity("2Gi"))
        .addToLimits("memory", new Quantity("1Gi"))
        .build();
  }
}
