package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.ApiKeys;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The tenant's Secret: its ingest API key, generated once and kept across reconciliations. */
public class TenantSecretDependentResource extends OwnedDependentResource<Secret, Tenant> {
  public TenantSecretDependentResource() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(Tenant tenant, Context<Tenant> context) {
    Optional<String> existingKey =
        context
            .getSecondaryResource(Secret.class)
            .map(Secret::getData)
            .map(data -> data.get(ApiKeys.SECRET_KEY));
    return desired(tenant, existingKey, ApiKeys::generate);
  }

  /**
   * The key already stored (base64, as the API returns it) is kept; otherwise a new one is made.
   */
  static Secret desired(
      Tenant tenant, Optional<String> existingEncodedKey, Supplier<String> newKey) {
    String encodedKey =
        existingEncodedKey.orElseGet(
            () ->
                Base64.getEncoder().encodeToString(newKey.get().getBytes(StandardCharsets.UTF_8)));
    String name = tenant.getMetadata().getName();
    var labels = Labels.of("tenant-credentials", name, tenant.getSpec().getEnvironment());
    labels.put(Labels.TENANT, name);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(PlatformNames.tenantSecret(name))
        .withNamespace(tenant.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(ApiKeys.SECRET_KEY, encodedKey))
        .build();
  }
}
