package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.v1alpha1.Dns1123;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tenant's own namespace with its credentials, quota and network policy, where the Environment
 * isolates tenants (see {@link TenantIsolation}); `IsolationReady`. The namespace is
 * cluster-scoped, so it has no owner: offboarding removes it (deletionPolicy Delete) or keeps it.
 */
final class IsolationStep implements ProvisioningStep {
  static final String CONDITION = "IsolationReady";

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    if (!TenantIsolation.enabled(work.environment)) {
      return StepOutcome.ready(
          CONDITION, "NotConfigured", "the Environment does not isolate tenants");
    }
    String namespace = work.names.isolationNamespace();
    if (!namespace.matches(Dns1123.LABEL)) {
      return StepOutcome.failed(
          CONDITION,
          "InvalidSpec",
          "the tenant namespace '"
              + namespace
              + "' (namespace-tenant) is longer than 63 characters: shorten the Tenant's name");
    }
    var credentials = work.credentials();
    if (credentials.isEmpty()) {
      return StepOutcome.failed(
          CONDITION, "SecretNotReady", "waiting for the Secret to copy into " + namespace);
    }
    KubernetesClient client = work.context.getClient();
    try {
      Secret source =
          new SecretBuilder().withData(credentials.get().data(java.util.Map.of())).build();
      List<String> created = new ArrayList<>();
      for (HasMetadata desired :
          TenantIsolation.desired(work.tenant, work.environment, work.names, source)) {
        if (apply(client, desired)) {
          created.add(desired.getKind() + " " + desired.getMetadata().getName());
        }
      }
      return StepOutcome.ready(
              CONDITION,
              "Isolated",
              "namespace "
                  + namespace
                  + " with the tenant's credentials, quota "
                  + TenantIsolation.quota(work.tenant, work.environment)
                  + " and a default-deny network policy")
          .withCreated(created);
    } catch (KubernetesClientException e) {
      return StepFailures.outcome(CONDITION, e);
    }
  }

  @Override
  public void remove(TenantWork work) {
    if (TenantIsolation.enabled(work.environment)) {
      work.context.getClient().namespaces().withName(work.names.isolationNamespace()).delete();
    }
  }

  /** Creates the object or brings it to what it should be; true when it was created. */
  private static boolean apply(KubernetesClient client, HasMetadata desired) {
    HasMetadata current = client.resource(desired).get();
    if (current == null) {
      client.resource(desired).create();
      return true;
    }
    if (!matches(desired, current)) {
      desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
      client.resource(desired).update();
    }
    return false;
  }

  /** Whether {@code current} has what {@code desired} asks for (labels, spec or data). */
  private static boolean matches(HasMetadata desired, HasMetadata current) {
    var labels = Objects.requireNonNullElse(current.getMetadata().getLabels(), java.util.Map.of());
    if (!labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())) {
      return false;
    }
    if (desired instanceof Namespace) {
      return true;
    }
    var wanted = Serialization.jsonMapper().valueToTree(desired);
    var actual = Serialization.jsonMapper().valueToTree(current);
    String part = desired instanceof Secret ? "data" : "spec";
    return Objects.equals(wanted.path(part), actual.path(part));
  }
}
