package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.stevedore.operator.api.v1alpha1.CredentialsStatus;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.status.StatusReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a tenant's provisioning steps in order (each one even when an earlier one failed, unless it
 * needs that one's result), announces drift it repaired, and writes the conditions to status.
 */
final class TenantProvisioning {
  /** Condition that says whether ingest refuses the tenant's data. */
  static final String SUSPENDED = "Suspended";

  /** Condition of a deleted tenant's queues being emptied before they are removed. */
  static final String DRAINING = "Draining";

  private final StatusReporter status;
  private final List<ProvisioningStep> steps;
  private final Duration resync;
  private final Executor parallel;
  private final TenantMetrics metrics;

  /**
   * @param parallel runs the steps that reach the platform's services concurrently
   */
  TenantProvisioning(
      StatusReporter status,
      TenantSecret.Generators generators,
      Duration resync,
      Executor parallel,
      TenantMetrics metrics) {
    this.status = status;
    this.metrics = metrics;
    this.resync = resync;
    this.parallel = parallel;
    this.steps =
        List.of(
            new TenantSecretStep(generators, status.events()),
            new BrokerQueuesStep(),
            new BrokerUserStep(),
            new RecordTableStep(),
            new TenantConfigStep(),
            new IsolationStep());
  }

  /** The steps, in the order they run; offboarding removes in the same order. */
  List<ProvisioningStep> steps() {
    return steps;
  }

  UpdateControl<Tenant> reconcile(TenantWork work) {
    // The Secret first (the broker user needs its password); the services' steps side by side.
    List<StepOutcome> outcomes = new ArrayList<>();
    outcomes.add(timed(steps.get(0), work));
    var others =
        steps.subList(1, steps.size()).stream()
            .map(step -> CompletableFuture.supplyAsync(() -> timed(step, work), parallel))
            .toList();
    others.forEach(future -> outcomes.add(future.join()));
    announceDrift(work, outcomes);
    Tenant tenant = work.tenant;
    boolean suspended = Boolean.TRUE.equals(tenant.getSpec().getSuspended());
    var state =
        TenantReadiness.summarize(
            outcomes, suspended, work.names.queues().main(), tenant.getSpec().getWorkerPool());
    var credentials = work.credentials();
    var previous = tenant.getStatus() == null ? null : tenant.getStatus().getConditions();
    long generation = tenant.getMetadata().getGeneration();
    var control =
        status.report(
            tenant,
            TenantStatus::new,
            state,
            s -> {
              for (StepOutcome o : outcomes) {
                Conditions.set(
                    s.getConditions(),
                    o.condition(),
                    o.ready(),
                    o.reason(),
                    o.message(),
                    generation,
                    work.now);
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
                  work.now);
              s.getConditions().removeIf(c -> DRAINING.equals(c.getType()));
              ReconciliationPause.drop(s);
              s.setOffboarding(null);
              describe(s, work, outcomes, credentials.orElse(null));
            });
    return control.rescheduleAfter(
        TenantReadiness.requeue(
                outcomes,
                previous,
                work.now,
                resync,
                credentials.map(TenantCredentials::previousValidUntil).orElse(null))
            .toMillis());
  }

  private StepOutcome timed(ProvisioningStep step, TenantWork work) {
    long start = System.nanoTime();
    StepOutcome outcome = step.ensure(work);
    metrics.step(step.condition(), outcome.state(), System.nanoTime() - start);
    return outcome;
  }

  private static void describe(
      TenantStatus s, TenantWork work, List<StepOutcome> outcomes, TenantCredentials credentials) {
    var names = work.names;
    s.setQueue(names.queues().main());
    s.setDeadLetterQueue(names.queues().deadLetter());
    s.setTable(names.table());
    s.setSecretName(names.secret());
    s.setIsolationNamespace(
        TenantIsolation.enabled(work.environment) ? names.isolationNamespace() : null);
    if (outcomes.stream()
        .anyMatch(o -> o.condition().equals(BrokerQueuesStep.CONDITION) && o.ready())) {
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

  /** A Warning Event for everything a step re-created after it had been ready: drift repaired. */
  private void announceDrift(TenantWork work, List<StepOutcome> outcomes) {
    List<String> recreated = new ArrayList<>();
    for (StepOutcome o : outcomes) {
      boolean hadIt =
          work.wasReady(o.condition())
              || (o.condition().equals(BrokerQueuesStep.CONDITION)
                  && work.tenant.getStatus() != null
                  && Boolean.TRUE.equals(work.tenant.getStatus().getQueuesProvisioned()));
      if (hadIt) {
        recreated.addAll(o.created());
      }
    }
    if (!recreated.isEmpty()) {
      status
          .events()
          .warning(
              work.tenant,
              "DriftRepaired",
              "re-created what was deleted out of band: " + String.join(", ", recreated));
    }
  }
}
