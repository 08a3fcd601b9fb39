package io.stevedore.operator.promotion;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.function.Consumer;

/** What the promotion tests against the embedded API share: reading, waiting, editing. */
final class PromotionTesting {
  private final OperatorHarness harness;

  PromotionTesting(OperatorHarness harness) {
    this.harness = harness;
  }

  /** A policy with a short verification window, so that tests run in seconds. */
  static PromotionPolicy quickPolicy(String from) {
    var policy = new PromotionPolicy();
    policy.setFrom(from);
    var verification = new VerificationSpec();
    verification.setWindowSeconds(1);
    verification.setRolloutTimeoutSeconds(30);
    policy.setVerification(verification);
    return policy;
  }

  Promotion promotion(String ns, String name) {
    return harness.client().resources(Promotion.class).inNamespace(ns).withName(name).get();
  }

  Environment environment(String ns, String name) {
    return harness.client().resources(Environment.class).inNamespace(ns).withName(name).get();
  }

  /** Waits for {@code phase} and returns the promotion then. */
  Promotion awaitPhase(String ns, String name, PromotionPhase phase) {
    return awaitPhase(ns, name, phase, Duration.ofSeconds(30));
  }

  Promotion awaitPhase(String ns, String name, PromotionPhase phase, Duration timeout) {
    eventually()
        .atMost(timeout)
        .untilAsserted(
            () -> {
              var status = promotion(ns, name).getStatus();
              assertThat(status).isNotNull();
              assertThat(status.getPhase())
                  .as("%s: %s", name, succeeded(promotion(ns, name)))
                  .isEqualTo(phase);
            });
    return promotion(ns, name);
  }

  /** Waits until the promotion's Succeeded condition has {@code reason}. */
  Promotion awaitReason(String ns, String name, String reason) {
    eventually()
        .untilAsserted(() -> assertThat(succeeded(promotion(ns, name))).startsWith(reason + ":"));
    return promotion(ns, name);
  }

  /** The Succeeded condition as {@code reason: message}. */
  static String succeeded(Promotion promotion) {
    return condition(promotion, "Succeeded");
  }

  static String condition(Promotion promotion, String type) {
    if (promotion.getStatus() == null) {
      return "no status";
    }
    return Conditions.find(promotion.getStatus().getConditions(), type)
        .map(c -> c.getReason() + ": " + c.getMessage() + " [" + c.getStatus() + "]")
        .orElse("no " + type);
  }

  void editEnvironment(String ns, String name, Consumer<Environment> change) {
    harness.edit(Environment.class, ns, name, change);
  }

  void annotate(String ns, String promotion, String key, String value) {
    harness.edit(
        Promotion.class,
        ns,
        promotion,
        p -> {
          var annotations = new java.util.HashMap<String, String>();
          if (p.getMetadata().getAnnotations() != null) {
            annotations.putAll(p.getMetadata().getAnnotations());
          }
          annotations.put(key, value);
          p.getMetadata().setAnnotations(annotations);
        });
  }

  /** True when an Event with this reason and type was recorded on the object. */
  boolean hasEvent(String ns, String involved, String reason, String type) {
    return harness.events(ns, involved).stream()
        .anyMatch(e -> e.getReason().equals(reason) && e.getType().equals(type));
  }
}
