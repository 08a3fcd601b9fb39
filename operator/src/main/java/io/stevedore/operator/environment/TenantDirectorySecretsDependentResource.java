package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.platform.TenantDirectoryDependentResource;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Secrets with the tenant directory that ingest pods mount (tenants and API key digests): a
 * manifest and its shards. The manifest carries the directory's generation, which this dependent
 * alone writes (a stale view of the manifest fails the update on its resourceVersion, so no number
 * is used twice).
 */
// Never server-side apply: the update must carry the resourceVersion the generation was read at.
@KubernetesDependent(useSSA = BooleanWithUndefined.FALSE)
public class TenantDirectorySecretsDependentResource
    extends TenantDirectoryDependentResource<Secret, Environment> {

  public TenantDirectorySecretsDependentResource() {
    super(Secret.class);
  }

  @Override
  protected String manifestObject(Environment environment) {
    return PlatformNames.ingestTenantDirectory(environment.getMetadata().getName());
  }

  @Override
  @SuppressWarnings("unchecked")
  protected TenantDirectory directory(Environment environment, Context<Environment> context) {
    String namespace = environment.getMetadata().getNamespace();
    var retriever = context.eventSourceRetriever();
    var tenants =
        (InformerEventSource<Tenant, Environment>)
            retriever.getEventSourceFor(Tenant.class, EnvironmentReconciler.TENANTS);
    var tenantSecrets =
        (InformerEventSource<Secret, Environment>)
            retriever.getEventSourceFor(Secret.class, EnvironmentReconciler.TENANT_SECRETS);
    return TenantDirectories.forIngest(
        environment,
        tenants.list(namespace).toList(),
        tenantSecrets
            .list(namespace)
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity())));
  }

  @Override
  public Secret object(Environment environment, String name, Map<String, String> files) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(
            Labels.of(
                "tenant-directory",
                manifestObject(environment),
                environment.getMetadata().getName()))
        .endMetadata()
        .withType("Opaque")
        .withData(TenantDirectories.encoded(files))
        .build();
  }

  @Override
  public Map<String, String> files(Secret secret) {
    return TenantDirectories.decoded(secret.getData());
  }
}
