package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
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

/**
 * The Secret with the tenant directory that ingest pods mount: tenants, API key digests, and the
 * directory's generation, which this dependent alone writes, in the same file as the content (a
 * stale view of the Secret fails the update on its resourceVersion, so no number is used twice).
 */
// Never server-side apply: the update must carry the resourceVersion the generation was read at.
@KubernetesDependent(useSSA = BooleanWithUndefined.FALSE)
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
    // Not getSecondaryResource(): it computes desired() to find the Secret's name.
    var written =
        eventSource()
            .flatMap(
                source ->
                    source.get(
                        new ResourceID(
                            PlatformNames.ingestTenantDirectory(
                                environment.getMetadata().getName()),
                            namespace)));
    return desired(
        environment,
        tenants.list(namespace).toList(),
        tenantSecrets
            .list(namespace)
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity())),
        written.orElse(null));
  }

  static Secret desired(
      Environment environment, Collection<Tenant> tenants, Map<String, Secret> secretsByName) {
    return desired(environment, tenants, secretsByName, null);
  }

  /**
   * @param written the Secret as last written (null: none yet), whose generation the new one
   *     follows
   */
  static Secret desired(
      Environment environment,
      Collection<Tenant> tenants,
      Map<String, Secret> secretsByName,
      Secret written) {
    String env = environment.getMetadata().getName();
    String name = PlatformNames.ingestTenantDirectory(env);
    String json =
        TenantDirectories.toJson(
            TenantDirectories.numbered(
                TenantDirectories.fromSecret(written),
                TenantDirectories.forIngest(environment, tenants, secretsByName)));
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
