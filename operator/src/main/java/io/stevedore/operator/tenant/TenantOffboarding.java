package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Offboards a deleted Tenant before its finalizer goes: `Retain` revokes its access and keeps its
 * data; `Delete` drains its queues, then removes queues, users, table and configuration.
 */
final class TenantOffboarding {
  private static final Duration DRAIN_POLL = Duration.ofSeconds(2);
  private static final Duration RELEASE_POLL = Duration.ofSeconds(1);
  private static final Duration BLOCKED_POLL = Duration.ofSeconds(10);
  private static final Duration FAILURE_RETRY = Duration.ofSeconds(5);

  private final StatusReporter status;
  private final TenantProvisioning provisioning;

  TenantOffboarding(StatusReporter status, TenantProvisioning provisioning) {
    this.status = status;
    this.provisioning = provisioning;
  }

  /** Without a (valid) Environment nothing can be reached: let the Tenant go, and say so. */
  DeleteControl withoutEnvironment(Tenant tenant) {
    status
        .events()
        .warning(
            tenant,
            "NothingRemoved",
            "Environment '"
                + tenant.getSpec().getEnvironment()
                + "' is missing or invalid, so nothing was removed: whatever the tenant had"
                + " (queues, table, configuration, broker users) remains");
    return DeleteControl.defaultDelete();
  }

  DeleteControl offboard(TenantWork work) {
    return work.tenant.getSpec().getDeletionPolicy() == DeletionPolicy.Delete
        ? delete(work)
        : retain(work);
  }

  private DeleteControl retain(TenantWork work) {
    try {
      step(BrokerUserStep.class).remove(work);
    } catch (Exception e) {
      return failed(work, "revoking the broker users failed: " + StepFailures.message(e), e);
    }
    var names = work.names;
    status
        .events()
        .normal(
            work.tenant,
            "Retained",
            "deletionPolicy Retain: kept queues "
                + names.queues().main()
                + ", "
                + names.queues().deadLetter()
                + (work.onRabbit() ? " and the retry queues" : "")
                + ", DynamoDB table "
                + names.table()
                + " and the MySQL configuration"
                + (TenantIsolation.enabled(work.environment)
                    ? " and namespace " + names.isolationNamespace()
                    : "")
                + (work.brokerUsers() ? "; revoked the tenant's broker users" : ""));
    return DeleteControl.defaultDelete();
  }

  private DeleteControl delete(TenantWork work) {
    QueueBacklog backlog;
    try {
      backlog = work.broker().backlog(work.names.queues());
    } catch (Exception e) {
      return failed(work, "could not look at the queues: " + StepFailures.message(e), e);
    }
    var annotations = work.tenant.getMetadata().getAnnotations();
    boolean override =
        annotations != null
            && "true".equalsIgnoreCase(annotations.get(OffboardingDecision.DELETE_NON_EMPTY));
    String phase =
        work.tenant.getStatus() == null ? null : work.tenant.getStatus().getOffboarding();
    var decision =
        OffboardingDecision.decide(phase, backlog, override, work.names.queues().deadLetter());
    return switch (decision.action()) {
      case WAIT -> progress(work, decision, "Draining", DRAIN_POLL);
      case RELEASE -> progress(work, decision, "ReleasingQueues", RELEASE_POLL);
      case BLOCKED -> progress(work, decision, "DeadLetterQueueNotEmpty", BLOCKED_POLL);
      case REMOVE -> remove(work, decision);
    };
  }

  private DeleteControl remove(TenantWork work, OffboardingDecision decision) {
    patch(work, ReadyState.progressing("Removing", decision.message()), decision, "Removing");
    List<String> failures = new ArrayList<>();
    for (ProvisioningStep step : provisioning.steps()) {
      try {
        step.remove(work);
      } catch (Exception e) {
        failures.add(step.condition() + ": " + StepFailures.message(e));
      }
    }
    if (!failures.isEmpty()) {
      var state = ReadyState.failed("OffboardingFailed", String.join("; ", failures));
      patch(work, state, decision, "OffboardingFailed");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(FAILURE_RETRY.toMillis());
    }
    var names = work.names;
    status
        .events()
        .normal(
            work.tenant,
            "Deleted",
            "deletionPolicy Delete: removed queues "
                + names.queues().main()
                + ", "
                + names.queues().deadLetter()
                + (work.onRabbit() ? " and the retry queues" : "")
                + (work.brokerUsers() ? ", the broker users" : "")
                + ", DynamoDB table "
                + names.table()
                + ", the MySQL configuration"
                + (TenantIsolation.enabled(work.environment)
                    ? " and namespace " + names.isolationNamespace()
                    : ""));
    return DeleteControl.defaultDelete();
  }

  private DeleteControl progress(
      TenantWork work, OffboardingDecision decision, String reason, Duration poll) {
    patch(work, ReadyState.progressing("Draining", decision.message()), decision, reason);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(poll.toMillis());
  }

  private DeleteControl failed(TenantWork work, String message, Exception e) {
    String phase =
        work.tenant.getStatus() == null ? null : work.tenant.getStatus().getOffboarding();
    var decision =
        new OffboardingDecision(
            OffboardingDecision.Action.WAIT,
            phase == null ? OffboardingDecision.DRAINING : phase,
            message);
    patch(
        work,
        ReadyState.failed(StepFailures.reason(e), message + "; retrying"),
        decision,
        StepFailures.reason(e));
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(FAILURE_RETRY.toMillis());
  }

  /** Writes the offboarding state; during cleanup the framework patches no status itself. */
  private void patch(
      TenantWork work, ReadyState ready, OffboardingDecision decision, String drainingReason) {
    Tenant copy = Serialization.clone(work.tenant);
    long generation = copy.getMetadata().getGeneration();
    status
        .prepare(
            copy,
            TenantStatus::new,
            ready,
            s -> {
              s.setOffboarding(decision.phase());
              Conditions.set(
                  s.getConditions(),
                  TenantProvisioning.DRAINING,
                  true,
                  drainingReason,
                  decision.message(),
                  generation,
                  work.now);
            })
        .ifPresent(
            updated ->
                work.context
                    .getClient()
                    .resource(work.tenant)
                    .editStatus(
                        t -> {
                          t.setStatus(updated.getStatus());
                          return t;
                        }));
  }

  private ProvisioningStep step(Class<? extends ProvisioningStep> type) {
    return provisioning.steps().stream().filter(type::isInstance).findFirst().orElseThrow();
  }
}
