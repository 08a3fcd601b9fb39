package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.platform.TenantDirectoryDependentResource;
import java.util.Map;

/**
 * The ConfigMaps with the tenant directory that a pool's workers mount (the tenants it serves): a
 * manifest and its shards.
 */
public class TenantDirectoryConfigMapsDependentResource
    extends TenantDirectoryDependentResource<ConfigMap, WorkerPool> {

  public TenantDirectoryConfigMapsDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected String manifestObject(WorkerPool pool) {
    return PlatformNames.workerTenantDirectory(pool.getMetadata().getName());
  }

  @Override
  protected TenantDirectory directory(WorkerPool pool, Context<WorkerPool> context) {
    return TenantDirectories.forWorkers(
        WorkerPoolReconciler.environment(context), ServedTenants.of(pool, context));
  }

  @Override
  public ConfigMap object(WorkerPool pool, String name, Map<String, String> files) {
    String environment = pool.getSpec().getEnvironment();
    var labels = Labels.of("tenant-directory", manifestObject(pool), environment);
    labels.put(Labels.WORKER_POOL, pool.getMetadata().getName());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(pool.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withData(files)
        .build();
  }

  @Override
  public Map<String, String> files(ConfigMap configMap) {
    return configMap.getData() == null ? Map.of() : configMap.getData();
  }
}
