package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantDirectories;
import java.util.List;
import java.util.Map;

/** The ConfigMap with the tenant directory that a pool's workers mount: the tenants it serves. */
public class TenantDirectoryConfigMapDependentResource
    extends OwnedDependentResource<ConfigMap, WorkerPool> {

  public TenantDirectoryConfigMapDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap desired(WorkerPool pool, Context<WorkerPool> context) {
    return desired(
        pool, WorkerPoolReconciler.environment(context), ServedTenants.of(pool, context));
  }

  static ConfigMap desired(WorkerPool pool, Environment environment, List<Tenant> served) {
    String name = PlatformNames.workerTenantDirectory(pool.getMetadata().getName());
    var labels = Labels.of("tenant-directory", name, environment.getMetadata().getName());
    labels.put(Labels.WORKER_POOL, pool.getMetadata().getName());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(pool.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withData(
            Map.of(
                TenantDirectory.FILE_NAME,
                TenantDirectories.toJson(TenantDirectories.forWorkers(environment, served))))
        .build();
  }
}
