package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.stevedore.operator.api.v1alpha1.CredentialsStatus;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.platform.TenantBrokerQueues;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.status.StatusReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports a provisioning pass: its conditions and what they add up to in status, the Events of
 * drift repaired and credentials rotated, the time each condition's dependents took, and when to
 * look again.
 */
final class ProvisioningReport {
  /** Condition that says whether ingest refuses the tenant's data. */
  static final String SUSPENDED = "Suspended";

  /** Reason of a step that found something of the tenant's name that is not the tenant's. */
  static final String NAME_CONFLICT = "NameConflict";

  /** Condition of a deleted tenant's queues being emptied before they are removed. */
  static final String DRAINING = "Draining";

  private final StatusReporter status;
  private final TenantMetrics metrics;
  private final Duration resync;

  ProvisioningReport(StatusReporter status, TenantMetrics metrics, Duration resync) {
    this.status = status;
    this.metrics = metrics;
    this.resync = resync;
  }

  UpdateControl<Tenant> report(
      TenantScope scope,
      List<ProvisioningCondition> conditions,
      Optional<DeadLetterRedriver.Outcome> redrive) {
    for (ProvisioningCondition c : conditions) {
      Long nanos = scope.nanos(c.type());
      if (nanos != null) {
        metrics.step(c.type(), c.state(), nanos);
      }
    }
    announceDrift(scope, conditions);
    announceConflicts(scope, conditions);
    ConfigurationReport.announce(status.events(), scope);
    // Credentials count once their Secret is written.
    var credentials =
        secretWritten(conditions) ? scope.secret() : Optional.<TenantSecret.Desired>empty();
    credentials.ifPresent(desired -> announceRotation(scope, desired));
    redrive.ifPresent(outcome -> DeadLetterRedriver.announce(status.events(), scope, outcome));
    Tenant tenant = scope.tenant;
    boolean suspended = Boolean.TRUE.equals(tenant.getSpec().getSuspended());
    var state =
        TenantReadiness.summarize(
            conditions, suspended, scope.names.queues().main(), tenant.getSpec().getWorkerPool());
    var previous = tenant.getStatus() == null ? null : tenant.getStatus().getConditions();
    long generation = tenant.getMetadata().getGeneration();
    var control =
        status.report(
            tenant,
            TenantStatus::new,
            state,
            s -> {
              for (ProvisioningCondition c : conditions) {
                Conditions.set(
                    s.getConditions(),
                    c.type(),
                    c.ready(),
                    c.reason(),
                    c.message(),
                    generation,
                    scope.now);
              }
              Conditions.set(
                  s.getConditions(),
                  SUSPENDED,
                  suspended,
                  suspended ? "Suspended" : "Active",
                  suspended
                      ? "spec.suspended: ingest answers 403 for the tenant's keys"
                      : "ingest accepts the tenant's data",
                  generation,
                  scope.now);
              s.getConditions().removeIf(c -> DRAINING.equals(c.getType()));
              ReconciliationPause.drop(s);
              s.setOffboarding(null);
              describe(
                  s,
                  scope,
                  conditions,
                  credentials.map(TenantSecret.Desired::credentials).orElse(null));
              redrive.ifPresent(
                  outcome -> DeadLetterRedriver.describe(s, scope, outcome, generation));
            });
    Duration requeue =
        TenantReadiness.requeue(
            conditions,
            previous,
            scope.now,
            TenantReadiness.spread(
                resync, java.util.concurrent.ThreadLocalRandom.current().nextDouble()),
            credentials.map(d -> d.credentials().previousValidUntil()).orElse(null));
    if (redrive.isPresent()) {
      requeue = DeadLetterRedriver.requeue(redrive.get(), requeue);
    }
    return control.rescheduleAfter(requeue.toMillis());
  }

  private static void describe(
      TenantStatus s,
      TenantScope scope,
      List<ProvisioningCondition> conditions,
      TenantCredentials credentials) {
    var names = scope.names;
    s.setQueue(names.queues().main());
    s.setDeadLetterQueue(names.queues().deadLetter());
    boolean sqs = TenantBrokerQueues.onSqs(scope.environment);
    s.setSqsQueue(sqs ? names.queues().main() : null);
    s.setSqsDeadLetterQueue(sqs ? names.queues().deadLetter() : null);
    s.setTable(names.table());
    s.setSecretName(names.secret());
    s.setIsolationNamespace(scope.isolated() ? names.isolationNamespace() : null);
    ConfigurationReport.describe(s, scope);
    if (conditions.stream()
        .anyMatch(c -> c.type().equals(BrokerQueuesDependentResource.CONDITION) && c.ready())) {
      s.setQueuesProvisioned(true);
    }
    if (credentials != null) {
      s.setBrokerUser(credentials.brokerUsername());
      var rotation = new CredentialsStatus();
      rotation.setRotationToken(credentials.rotationToken());
      rotation.setRotatedAt(
          credentials.rotatedAt() == null ? null : credentials.rotatedAt().toString());
      rotation.setPreviousValidUntil(
          credentials.previousValidUntil() == null
              ? null
              : credentials.previousValidUntil().toString());
      s.setCredentials(rotation);
    }
  }

  private static boolean secretWritten(List<ProvisioningCondition> conditions) {
    return conditions.stream()
        .anyMatch(c -> c.type().equals(TenantSecretDependentResource.CONDITION) && c.ready());
  }

  /** A Warning Event for everything re-created after it had been ready: drift repaired. */
  private void announceDrift(TenantScope scope, List<ProvisioningCondition> conditions) {
    List<String> recreated = new ArrayList<>();
    for (ProvisioningCondition c : conditions) {
      boolean hadIt =
          scope.wasReady(c.type())
              || (c.type().equals(BrokerQueuesDependentResource.CONDITION)
                  && scope.queuesProvisionedBefore());
      if (hadIt) {
        recreated.addAll(scope.created(c.type()));
      }
    }
    if (!recreated.isEmpty()) {
      status
          .events()
          .warning(
              scope.tenant,
              "DriftRepaired",
              "re-created what was deleted out of band: " + String.join(", ", recreated));
    }
  }

  /** A Warning Event for each step that newly found something of the tenant's name not its own. */
  private void announceConflicts(TenantScope scope, List<ProvisioningCondition> conditions) {
    for (ProvisioningCondition c : conditions) {
      if (NAME_CONFLICT.equals(c.reason()) && !scope.hadReason(c.type(), NAME_CONFLICT)) {
        status.events().warning(scope.tenant, NAME_CONFLICT, c.type() + ": " + c.message());
      }
    }
  }

  /** The Events of a rotation the Secret's dependent wrote, or of an overlap it ended. */
  private void announceRotation(TenantScope scope, TenantSecret.Desired desired) {
    var credentials = desired.credentials();
    switch (desired.change()) {
      case ROTATED ->
          status
              .events()
              .normal(
                  scope.tenant,
                  "CredentialsRotated",
                  "new API key"
                      + (credentials.brokerUsername() == null
                          ? ""
                          : " and broker user " + credentials.brokerUsername())
                      + " in Secret "
                      + scope.names.secret()
                      + (credentials.previousValidUntil() == null
                          ? "; the previous credentials are revoked now"
                          : "; the previous ones keep working until "
                              + credentials.previousValidUntil()));
      case OVERLAP_ENDED ->
          status
              .events()
              .normal(
                  scope.tenant,
                  "PreviousCredentialsRevoked",
                  "the overlap window ended: only the current API key and broker user work now");
      default -> {}
    }
  }
}
