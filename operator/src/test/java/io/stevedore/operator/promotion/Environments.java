package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Environments in the states the promotion's pure tests start from. */
final class Environments {
  static final String NS = "ns";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Environments() {}

  /** An environment whose spec is {@code version}, fully rolled out, good and Ready since T0. */
  static Environment running(String name, String version) {
    var environment = Fixtures.environment(NS, name);
    environment.getSpec().setRelease(Fixtures.release(version));
    environment.getMetadata().setGeneration(1L);
    var status = new EnvironmentStatus();
    status.setObservedGeneration(1L);
    status.setRelease(version);
    status.setReleaseImage(Fixtures.release(version).getImage());
    status.setReleaseSince(T0.toString());
    status.setLastGoodRelease(Fixtures.release(version));
    Conditions.set(status.getConditions(), "Ready", true, "Available", "all good", 1L, T0);
    environment.setStatus(status);
    return environment;
  }

  /** Gives {@code environment} a policy that promotes from {@code from}. */
  static Environment from(Environment environment, String from) {
    var policy = new PromotionPolicy();
    policy.setFrom(from);
    environment.getSpec().setPromotion(policy);
    return environment;
  }

  /** Sets a new spec release that has not rolled out yet (generation moves on). */
  static Environment rollingOut(Environment environment, String version) {
    environment.getSpec().setRelease(Fixtures.release(version));
    environment.getMetadata().setGeneration(environment.getMetadata().getGeneration() + 1);
    return environment;
  }

  /** The rollout of the spec release finished (status written for the current generation). */
  static Environment rolledOut(Environment environment, Instant at) {
    var status = environment.getStatus();
    var release = environment.getSpec().getRelease();
    status.setObservedGeneration(environment.getMetadata().getGeneration());
    status.setRelease(release.getVersion());
    status.setReleaseImage(release.getImage());
    status.setReleaseSince(at.toString());
    return environment;
  }

  static Environment notReady(Environment environment) {
    Conditions.set(
        environment.getStatus().getConditions(),
        "Ready",
        false,
        "RollingOut",
        "ingest 1 of 2 replicas available",
        1L,
        T0);
    return environment;
  }

  static Map<String, Environment> byName(Environment... environments) {
    return Arrays.stream(environments)
        .collect(Collectors.toMap(e -> e.getMetadata().getName(), Function.identity()));
  }
}
