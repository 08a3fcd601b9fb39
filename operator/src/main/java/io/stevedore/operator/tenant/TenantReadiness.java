package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Condition;
import io.stevedore.operator.status.ReadyState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What a tenant's provisioning conditions add up to, and when to look again (pure). */
final class TenantReadiness {
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * Drift checks fall anywhere in the last quarter of the resync period, so that tenants made or
   * resynced together (a burst, an operator restart) do not come back all at once, every period.
   */
  static final double RESYNC_JITTER = 0.25;

  private TenantReadiness() {}

  /** The next drift check, {@code random} (0..1) of the jitter before the full period. */
  static Duration spread(Duration resync, double random) {
    return resync.minusMillis(Math.round(resync.toMillis() * RESYNC_JITTER * random));
  }

  /** Ready when every step is; otherwise the first failure (or wait) names the reason. */
  static ReadyState summarize(
      List<ProvisioningCondition> outcomes, boolean suspended, String queue, String workerPool) {
    List<ProvisioningCondition> failed =
        outcomes.stream().filter(o -> o.state() == ProvisioningCondition.State.FAILED).toList();
    if (!failed.isEmpty()) {
      return ReadyState.failed(failed.get(0).reason(), describe(failed) + "; retrying");
    }
    List<ProvisioningCondition> pending =
        outcomes.stream().filter(o -> o.state() == ProvisioningCondition.State.PENDING).toList();
    if (!pending.isEmpty()) {
      return ReadyState.progressing("Provisioning", describe(pending));
    }
    String served = "queue " + queue + " served by WorkerPool " + workerPool;
    return suspended
        ? ReadyState.ready(
            "Suspended",
            served + "; suspended: ingest answers 403, workers still process its backlog")
        : ReadyState.ready("Provisioned", served);
  }

  /**
   * When to reconcile again: soon while a step is on its way; with a backoff that grows with how
   * long a step has been failing (its condition's lastTransitionTime in {@code previous}); else at
   * the next drift check or when a credential overlap ends, whichever is first.
   */
  static Duration requeue(
      List<ProvisioningCondition> outcomes,
      List<Condition> previous,
      Instant now,
      Duration resync,
      Instant previousCredentialsUntil) {
    List<ProvisioningCondition> failed =
        outcomes.stream().filter(o -> o.state() == ProvisioningCondition.State.FAILED).toList();
    if (!failed.isEmpty()) {
      Instant since =
          failed.stream()
              .map(o -> failingSince(previous, o.type(), now))
              .min(Comparator.naturalOrder())
              .orElse(now);
      return backoff(Duration.between(since, now));
    }
    var pending =
        outcomes.stream()
            .map(ProvisioningCondition::recheck)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder());
    if (pending.isPresent()) {
      return pending.get();
    }
    if (previousCredentialsUntil != null && previousCredentialsUntil.isBefore(now.plus(resync))) {
      Duration untilExpiry = Duration.between(now, previousCredentialsUntil);
      return untilExpiry.isNegative() ? MIN_BACKOFF : untilExpiry.plusMillis(100);
    }
    return resync;
  }

  /** A delay as long as the failure has lasted, between 1 and 30 seconds: doubling retries. */
  static Duration backoff(Duration failingFor) {
    if (failingFor.compareTo(MIN_BACKOFF) < 0) {
      return MIN_BACKOFF;
    }
    return failingFor.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : failingFor;
  }

  private static Instant failingSince(List<Condition> previous, String type, Instant now) {
    if (previous == null) {
      return now;
    }
    return previous.stream()
        .filter(c -> type.equals(c.getType()) && "False".equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .filter(Objects::nonNull)
        .map(Instant::parse)
        .findFirst()
        .orElse(now);
  }

  private static String describe(List<ProvisioningCondition> outcomes) {
    return outcomes.stream()
        .map(o -> o.type() + ": " + o.message())
        .collect(Collectors.joining("; "));
  }
}
