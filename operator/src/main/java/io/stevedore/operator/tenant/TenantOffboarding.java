package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.broker.QueueNotEmptyException;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.ShardedTenantDirectory;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Offboards a deleted Tenant before its finalizer goes, through its workflow's cleanup (each
 * dependent's Deleter honours the deletion policy): `Retain` revokes its access and keeps its data;
 * `Delete` drains its queues first (the framework has no notion of waiting before a delete), then
 * removes queues, users, table, configuration and namespace.
 */
final class TenantOffboarding {
  private static final Duration DRAIN_POLL = Duration.ofSeconds(2);
  private static final Duration RELEASE_POLL = Duration.ofSeconds(1);
  private static final Duration BLOCKED_POLL = Duration.ofSeconds(10);
  private static final Duration FAILURE_RETRY = Duration.ofSeconds(5);

  private final StatusReporter status;
  private final TenantWorkflow workflow;

  TenantOffboarding(StatusReporter status, TenantWorkflow workflow) {
    this.status = status;
    this.workflow = workflow;
  }

  /** Without a (valid) Environment nothing can be reached: let the Tenant go, and say so. */
  DeleteControl withoutEnvironment(Tenant tenant) {
    return nothingRemoved(
        tenant,
        "Environment '"
            + tenant.getSpec().getEnvironment()
            + "' is missing or invalid, so nothing was removed: whatever the tenant had"
            + " (queues, table, configuration, broker users) remains");
  }

  /** A name that is not a DNS-1123 label never passed validation: nothing was made under it. */
  DeleteControl withInvalidName(Tenant tenant) {
    return nothingRemoved(
        tenant,
        "metadata.name is not a DNS-1123 label, so nothing was ever provisioned under it and"
            + " nothing was removed (names derived from it could be another tenant's)");
  }

  private DeleteControl nothingRemoved(Tenant tenant, String message) {
    status.events().warning(tenant, "NothingRemoved", message);
    return DeleteControl.defaultDelete();
  }

  DeleteControl offboard(TenantScope scope, Context<Tenant> context) {
    return scope.tenant.getSpec().getDeletionPolicy() == DeletionPolicy.Delete
        ? delete(scope, context)
        : retain(scope, context);
  }

  private DeleteControl retain(TenantScope scope, Context<Tenant> context) {
    // Under Retain only the broker users' dependent removes anything: access is revoked.
    var errors = workflow.workflow().cleanup(scope.tenant, context).getErroredDependents();
    if (!errors.isEmpty()) {
      Exception e = errors.values().iterator().next();
      return failed(
          scope, context, "revoking the broker users failed: " + StepFailures.message(e), e);
    }
    var names = scope.names;
    status
        .events()
        .normal(
            scope.tenant,
            "Retained",
            "deletionPolicy Retain: kept queues "
                + names.queues().main()
                + ", "
                + names.queues().deadLetter()
                + (scope.onRabbit() ? " and the retry queues" : "")
                + ", DynamoDB table "
                + names.table()
                + " and the MySQL configuration"
                + (scope.isolated() ? " and namespace " + names.isolationNamespace() : "")
                + (scope.brokerUsers() ? "; revoked the tenant's broker users" : ""));
    return DeleteControl.defaultDelete();
  }

  private DeleteControl delete(TenantScope scope, Context<Tenant> context) {
    QueueBacklog backlog;
    try {
      backlog = scope.broker().backlog(scope.names.queues());
    } catch (Exception e) {
      return failed(scope, context, "could not look at the queues: " + StepFailures.message(e), e);
    }
    IngestConfirmation ingest;
    try {
      ingest = ingestConfirmation(scope, context);
    } catch (KubernetesClientException e) {
      return failed(
          scope, context, "could not look at the ingest pods: " + StepFailures.message(e), e);
    }
    scope.state(IngestConfirmation.class, ingest);
    boolean override = scope.deletesNonEmptyQueues();
    String phase =
        scope.tenant.getStatus() == null ? null : scope.tenant.getStatus().getOffboarding();
    var decision =
        OffboardingDecision.decide(
            phase, backlog, override, scope.names.queues().deadLetter(), ingest);
    return switch (decision.action()) {
      case WAIT -> progress(scope, context, decision, "Draining", DRAIN_POLL);
      case AWAIT_INGEST -> progress(scope, context, decision, "IngestNotConfirmed", RELEASE_POLL);
      case RELEASE -> progress(scope, context, decision, "ReleasingQueues", RELEASE_POLL);
      case BLOCKED -> progress(scope, context, decision, "DeadLetterQueueNotEmpty", BLOCKED_POLL);
      case REMOVE -> remove(scope, context, decision);
    };
  }

  /** Ingest's directory as written now, and what every ingest pod says it serves. */
  private static IngestConfirmation ingestConfirmation(TenantScope scope, Context<Tenant> context) {
    var environment = scope.environment;
    var secrets =
        context.getClient().secrets().inNamespace(environment.getMetadata().getNamespace());
    String namespace = scope.tenant.getMetadata().getNamespace();
    String name = scope.tenant.getMetadata().getName();
    // The manifest and the one shard that would list the tenant; read again on every check.
    var written =
        ShardedTenantDirectory.readShardOf(
            PlatformNames.ingestTenantDirectory(environment.getMetadata().getName()),
            object -> {
              Secret secret = secrets.withName(object).get();
              return secret == null ? null : TenantDirectories.decoded(secret.getData());
            },
            namespace,
            name);
    var status = scope.tenant.getStatus();
    OptionalLong required =
        IngestConfirmation.firstGenerationWithout(
            status == null ? null : status.getIngestDirectoryGenerationWithoutTenant(),
            written,
            namespace,
            name);
    var pods = new IngestPodGenerations(context.getClient(), scope.platform.pods());
    return IngestConfirmation.decide(required, pods.read(environment));
  }

  private DeleteControl remove(
      TenantScope scope, Context<Tenant> context, OffboardingDecision decision) {
    patch(
        scope,
        context,
        ReadyState.progressing("Removing", decision.message()),
        decision,
        "Removing");
    // The queues go first, alone: only they can fill again, and their messages need the rest.
    try {
      scope.broker().deleteQueues(scope.names.queues(), scope.deletesNonEmptyQueues());
    } catch (QueueNotEmptyException e) {
      var refilled =
          new OffboardingDecision(
              OffboardingDecision.Action.WAIT,
              OffboardingDecision.DRAINING,
              "a queue filled again before its delete (" + e.getMessage() + "): draining again");
      return progress(scope, context, refilled, "QueueRefilled", DRAIN_POLL);
    } catch (Exception e) {
      return failed(scope, context, "could not delete the queues: " + StepFailures.message(e), e);
    }
    var errors = workflow.workflow().cleanup(scope.tenant, context).getErroredDependents();
    if (!errors.isEmpty()) {
      List<String> failures = new ArrayList<>();
      for (TenantDependent d : workflow.dependents()) {
        Exception e = errors.get((DependentResource) d);
        if (e != null) {
          failures.add(d.condition() + ": " + StepFailures.message(e));
        }
      }
      var state = ReadyState.failed("OffboardingFailed", String.join("; ", failures));
      patch(scope, context, state, decision, "OffboardingFailed");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(FAILURE_RETRY.toMillis());
    }
    var names = scope.names;
    if (!scope.keptForeign().isEmpty()) {
      status
          .events()
          .warning(
              scope.tenant,
              "NameConflict",
              "kept what has the tenant's name but is not its: "
                  + String.join(", ", scope.keptForeign()));
    }
    status
        .events()
        .normal(
            scope.tenant,
            "Deleted",
            "deletionPolicy Delete: removed queues "
                + names.queues().main()
                + ", "
                + names.queues().deadLetter()
                + (scope.onRabbit() ? " and the retry queues" : "")
                + (scope.brokerUsers() ? ", the broker users" : "")
                + ", DynamoDB table "
                + names.table()
                + ", the MySQL configuration"
                + (scope.isolated() ? " and namespace " + names.isolationNamespace() : ""));
    return DeleteControl.defaultDelete();
  }

  private DeleteControl progress(
      TenantScope scope,
      Context<Tenant> context,
      OffboardingDecision decision,
      String reason,
      Duration poll) {
    patch(scope, context, ReadyState.progressing("Draining", decision.message()), decision, reason);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(poll.toMillis());
  }

  private DeleteControl failed(
      TenantScope scope, Context<Tenant> context, String message, Exception e) {
    String phase =
        scope.tenant.getStatus() == null ? null : scope.tenant.getStatus().getOffboarding();
    var decision =
        new OffboardingDecision(
            OffboardingDecision.Action.WAIT,
            phase == null ? OffboardingDecision.DRAINING : phase,
            message);
    patch(
        scope,
        context,
        ReadyState.failed(StepFailures.reason(e), message + "; retrying"),
        decision,
        StepFailures.reason(e));
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(FAILURE_RETRY.toMillis());
  }

  /** Writes the offboarding state; during cleanup the framework patches no status itself. */
  private void patch(
      TenantScope scope,
      Context<Tenant> context,
      ReadyState ready,
      OffboardingDecision decision,
      String drainingReason) {
    Tenant copy = Serialization.clone(scope.tenant);
    long generation = copy.getMetadata().getGeneration();
    status
        .prepare(
            copy,
            TenantStatus::new,
            ready,
            s -> {
              s.setOffboarding(decision.phase());
              scope
                  .state(IngestConfirmation.class, IngestConfirmation.class)
                  .flatMap(ingest -> ingest.required().stream().boxed().findFirst())
                  .ifPresent(s::setIngestDirectoryGenerationWithoutTenant);
              Conditions.set(
                  s.getConditions(),
                  ProvisioningReport.DRAINING,
                  true,
                  drainingReason,
                  decision.message(),
                  generation,
                  scope.now);
            })
        .ifPresent(
            updated ->
                context
                    .getClient()
                    .resource(scope.tenant)
                    .editStatus(
                        t -> {
                          t.setStatus(updated.getStatus());
                          return t;
                        }));
  }
}
