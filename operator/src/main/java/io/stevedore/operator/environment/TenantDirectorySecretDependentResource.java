package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantDirectories;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Secret with the tenant directory that ingest pods mount: tenants and API key digests. */
public class TenantDirectorySecretDependentResource
    extends OwnedDependentResource<Secret, Environment> {

  public TenantDirectorySecretDependentResource() {
    super(Secret.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Secret desired(Environment environment, Context<Environment> context) {
    String namespace = environment.getMetadata().getNamespace();
    var retriever = context.eventSourceRetriever();
    var tenants =
        (InformerEventSource<Tenant, Environment>)
            retriever.getEventSourceFor(Tenant.class, EnvironmentReconciler.TENANTS);
    var tenantSecrets =
        (InformerEventSource<Secret, Environment>)
            retriever.getEventSourceFor(Secret.class, EnvironmentReconciler.TENANT_SECRETS);
    return desired(
        environment,
        tenants.list(namespace).toList(),
        tenantSecrets
            .list(namespace)
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity())));
  }

  static Secret desired(
      Environment environment, Collection<Tenant> tenants, Map<String, Secret> secretsByName) {
    String env = environment.getMetadata().getName();
    String name = PlatformNames.ingestTenantDirectory(env);
    String json =
        TenantDirectories.toJson(TenantDirectories.forIngest(environment, tenants, secretsByName));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(Labels.of("tenant-directory", name, env))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(
                TenantDirectory.FILE_NAME,
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
