package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stevedore.operator.kube.OwnerReferences;
import io.stevedore.operator.status.EventRecorder;
import java.util.List;

/**
 * The tenant's Secret: API key, broker login and connection details, and credential rotation with
 * an overlap window; `SecretReady`.
 */
final class TenantSecretStep implements ProvisioningStep {
  static final String CONDITION = "SecretReady";

  private final TenantSecret.Generators generators;
  private final EventRecorder events;

  TenantSecretStep(TenantSecret.Generators generators, EventRecorder events) {
    this.generators = generators;
    this.events = events;
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    var existing = work.existingSecret();
    var rabbit = work.environment.getSpec().getBroker().getRabbitmq();
    var login =
        work.brokerUsers()
            ? new TenantSecret.BrokerLogin(
                rabbit.getUrl(), rabbit.getVhost() == null ? "/" : rabbit.getVhost())
            : null;
    var desired =
        TenantSecret.desired(work.tenant, work.names, login, existing, work.now, generators);
    Secret secret = desired.secret();
    secret.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(work.tenant)));
    try {
      switch (desired.change()) {
        case NONE -> {}
        case CREATED -> work.context.resourceOperations().create(secret);
        default -> {
          secret
              .getMetadata()
              .setResourceVersion(existing.get().getMetadata().getResourceVersion());
          work.context.resourceOperations().update(secret);
        }
      }
    } catch (KubernetesClientException e) {
      return StepFailures.outcome(CONDITION, e);
    }
    work.credentials(desired.credentials());
    announce(work, desired);
    String loginNote =
        login == null ? "" : " and broker user " + desired.credentials().brokerUsername();
    var outcome =
        StepOutcome.ready(
            CONDITION,
            "Present",
            "Secret " + work.names.secret() + " holds the API key" + loginNote);
    return desired.change() == TenantSecret.Change.CREATED
        ? outcome.withCreated(
            List.of(
                "Secret "
                    + work.names.secret()
                    + " (with a new API key and broker password: the old ones no longer work)"))
        : outcome;
  }

  @Override
  public void remove(TenantWork work) {
    // The Secret is owned by the Tenant: the garbage collector removes it with the Tenant.
  }

  private void announce(TenantWork work, TenantSecret.Desired desired) {
    var credentials = desired.credentials();
    switch (desired.change()) {
      case ROTATED ->
          events.normal(
              work.tenant,
              "CredentialsRotated",
              "new API key"
                  + (credentials.brokerUsername() == null
                      ? ""
                      : " and broker user " + credentials.brokerUsername())
                  + " in Secret "
                  + work.names.secret()
                  + (credentials.previousValidUntil() == null
                      ? "; the previous credentials are revoked now"
                      : "; the previous ones keep working until "
                          + credentials.previousValidUntil()));
      case OVERLAP_ENDED ->
          events.normal(
              work.tenant,
              "PreviousCredentialsRevoked",
              "the overlap window ended: only the current API key and broker user work now");
      default -> {}
    }
  }
}
